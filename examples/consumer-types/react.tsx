// A React 19 app's view of the Bureau elements: properties and on<event-name> listeners are typed.
import type {} from '@bureau/components/react';
import type { GetToken } from '@bureau/sdk';

export function Discussion({ getToken, onSent }: { getToken: GetToken; onSent: (text: string) => void }) {
  return (
    <bureau-client baseUrl="https://bureau.agglo.fr" getToken={getToken} theme="dark">
      <bureau-room-list space="espace-rh-360" chat="discussion" onbureau-room-select={(event) => event.preventDefault()} />
      <bureau-chat id="discussion" room="espace-rh-360-general" onbureau-message-send={(event) => onSent(event.text)} />
      {/* @ts-expect-error: a misspelt property is refused */}
      <bureau-board bord="espace-rh-360-entretiens-2027" />
    </bureau-client>
  );
}
