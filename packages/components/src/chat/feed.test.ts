import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
import './chat.js';
import type { BureauChatElement } from './chat.js';

// The message list as one tab stop (internal/feed.ts) and the no-access state of <bureau-chat>.

const clients = new Set<BureauClient>();

async function signedIn(userId: string): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory' });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const focusedText = (el: Element): string => shadow(el).activeElement?.closest('article')?.textContent ?? '';

describe('<bureau-chat> feed and no-access', () => {
  afterEach(() => {
    for (const client of clients) client.close();
    clients.clear();
  });

  it('is one tab stop: arrows move between messages, Tab goes through one message’s actions then to the composer', async () => {
    const karim = await signedIn('karim');
    const room = await karim.chat.createRoom('espace-rh-360', { name: `fil ${crypto.randomUUID().slice(0, 6)}` });
    for (const text of ['Premier', 'Deuxième', 'Troisième']) await karim.chat.send(room.id, text);
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${karim} room=${room.id}></bureau-chat>`);
    await waitUntil(() => shadow(el).querySelectorAll('article[data-key]').length === 3, 'messages shown', { timeout: 10_000 });
    await waitUntil(() => shadow(el).querySelector('article [part~="reply-button"]')?.getAttribute('tabindex') === '-1', 'actions out of the tab order', { timeout: 10_000 });
    (shadow(el).querySelector('[part="log"]') as HTMLElement).focus();
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedText(el)).to.include('Troisième');
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedText(el)).to.include('Deuxième');
    await sendKeys({ press: 'Home' });
    expect(focusedText(el)).to.include('Premier');
    await sendKeys({ press: 'End' });
    expect(focusedText(el)).to.include('Troisième');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.closest('article')?.textContent).to.include('Troisième');
    let presses = 0;
    while (presses < 12 && shadow(el).activeElement?.matches('[part="composer-field"]') !== true) {
      await sendKeys({ press: 'Tab' });
      presses += 1;
    }
    expect(shadow(el).activeElement?.matches('[part="composer-field"]')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows one calm sentence to a non-member: no composer, no alert, axe-clean', async () => {
    const theo = await signedIn('theo');
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${theo} room="espace-rh-360-general"></bureau-chat>`);
    await waitUntil(() => shadow(el).querySelector('[part="state"]')?.textContent?.includes('pas membre') === true, 'no-access', { timeout: 10_000 });
    expect(shadow(el).querySelector('[part="composer-field"]')).to.equal(null);
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
