// What a project using Bureau writes; it must type-check against the published declarations.
import { createClient, type GetToken } from '@bureau/sdk';
import { BureauChatElement, register, type BureauClientElement } from '@bureau/components';
import '@bureau/components/bureau.js';

const getToken: GetToken = async ({ forceRefresh }) => ({ accessToken: forceRefresh ? 'fresh' : 'held', expiresAt: new Date() });
const client = createClient({ baseUrl: 'https://bureau.example.fr', getToken });
const root: BureauClientElement | null = document.querySelector('bureau-client');
if (root) root.getToken = getToken;
const chat = document.createElement('bureau-chat');
chat.room = 'espace-rh-360-general';
chat.addEventListener('bureau-message-send', (event) => console.log(event.text, event.roomId));
document.addEventListener('bureau-room-select', (event) => {
  if (event.initial) event.preventDefault();
});
register({ prefix: 'mairie' });
export const used: unknown[] = [client, chat instanceof BureauChatElement];
