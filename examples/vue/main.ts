// A Vue 3 app of an intranet on another site than Bureau: the elements come from the
// @bureau/components package (bundled with the app), the person is signed in by a bearer token.
import { preload } from '@bureau/components/bureau.js';
import type { GetToken } from '@bureau/components';
import { createApp } from 'vue';
import App from './App.vue';

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

// Vue sets a property on a custom element only if the element has it, that is once the tag is
// defined; before that, `getToken` (a function) would become an attribute. The tags are therefore
// defined before the app mounts.
await preload('bureau-client', 'bureau-room-list', 'bureau-chat');
createApp(App, { bureauUrl, getToken }).mount('#app');
