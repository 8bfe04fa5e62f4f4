// A React 19 app of an intranet on another site than Bureau: the elements come from the
// @bureau/components package (bundled with the app), the person is signed in by a bearer token
// (getToken), and React state decides the room shown: the room list's cancelable
// `bureau-room-select` is prevented and the state changes instead.
import { preload } from '@bureau/components/bureau.js';
import type {} from '@bureau/components/react';
import type { BureauMessageSendEvent, BureauRoomSelectEvent, GetToken } from '@bureau/components';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

const bureauUrl = 'http://127.0.0.1:8080';
const person = new URLSearchParams(location.search).get('as') ?? 'camille';

/** The access token. An intranet returns the one of its own OIDC session; this asks Bureau's demo server. */
const getToken: GetToken = async () => {
  const response = await fetch(`${bureauUrl}/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: person }),
  });
  if (!response.ok) throw new Error(`Jeton refusé (${response.status})`);
  return (await response.json()) as { accessToken: string; expiresAt: string };
};

function Discussion() {
  const [room, setRoom] = useState('espace-rh-360-general');
  const [sent, setSent] = useState('');
  const select = (event: BureauRoomSelectEvent) => {
    event.preventDefault();
    setRoom(event.roomId);
  };
  return (
    <>
      <p id="host-room">Salon choisi par l’application : {room}</p>
      <bureau-client baseUrl={bureauUrl} getToken={getToken}>
        <bureau-room-list space="espace-rh-360" chat="discussion" selected={room} onbureau-room-select={select} />
        <bureau-chat id="discussion" room={room} onbureau-message-send={(event: BureauMessageSendEvent) => setSent(event.text)} />
      </bureau-client>
      <p id="host-log" role="status">{sent && `L’application a vu partir : « ${sent} »`}</p>
    </>
  );
}

// React 19 sets a property on a custom element only if the element has it, that is once the tag is
// defined; before that, `getToken` (a function) would be dropped and `baseUrl` become an attribute
// that nothing reads. The tags are therefore defined before the first render.
await preload('bureau-client', 'bureau-room-list', 'bureau-chat');
createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <Discussion />
  </StrictMode>,
);
