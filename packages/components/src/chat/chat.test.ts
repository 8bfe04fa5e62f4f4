import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { createClient, type BureauClient } from '@bureau/sdk';
import type { Room } from '@bureau/api';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
// Defines the tags (the names below are only types, which the test bundler would drop).
import './chat.js';
import type { BureauChatElement, BureauRoomListElement } from './chat.js';

const space = 'espace-rh-360';
const clients = new Set<BureauClient>();

/** A client of the test server, signed in as `userId` (the browser's session cookie), closed after the test. */
async function signedIn(userId: string): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory' });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

/** A fresh room of Espace RH 360, so that tests do not see each other's messages. */
async function freshRoom(client: BureauClient, name = `essai-${crypto.randomUUID().slice(0, 8)}`): Promise<Room> {
  return client.chat.createRoom(space, { name, topic: 'Salon de test' });
}

const shadow = (el: Element): ShadowRoot => {
  if (el.shadowRoot === null) throw new Error(`<${el.localName}> has no shadow root`);
  return el.shadowRoot;
};

const messagesOf = (el: Element): HTMLElement[] => [...shadow(el).querySelectorAll<HTMLElement>('.log [part~="message"]')];

/** Waits (bounded) until the chat shows `count` messages: the virtualizer renders rows asynchronously. */
async function untilMessages(el: BureauChatElement, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => messagesOf(el).length === count, `${count} messages shown`, { timeout: 10_000 });
  return messagesOf(el);
}

/** Asserts that nothing in `root` came from user text as markup. */
function assertInert(root: ParentNode): void {
  expect(root.querySelector('script, img, svg, iframe, object, embed, math')).to.equal(null);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.attributes) expect(attribute.name.startsWith('on'), `<${element.localName} ${attribute.name}>`).to.equal(false);
    if (element instanceof HTMLAnchorElement) expect(['http:', 'https:', 'mailto:']).to.include(element.protocol);
  }
}

// The virtualizer measures rows as they render; Chromium reports that as a benign window error.
setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

afterEach(() => {
  for (const client of clients) client.close();
  clients.clear();
});

describe('<bureau-chat>', () => {
  it('is accessible with messages (axe)', async () => {
    const client = await signedIn('camille');
    const room = await freshRoom(client);
    await client.chat.send(room.id, 'Bonjour, la **note de service** sur le télétravail est en ligne : https://intranet.example/teletravail');
    await client.chat.send(room.id, 'Merci @karim !');
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${client} room=${room.id}></bureau-chat>`);
    const shown = await untilMessages(el, 2);
    expect(shown[0]?.querySelector('strong')?.textContent).to.equal('note de service');
    expect(shadow(el).querySelector('[role="log"]')?.getAttribute('aria-live')).to.equal('polite');
    await expect(el).to.be.accessible();
  });

  it('sends with Enter, and Shift+Enter starts a new line', async () => {
    const client = await signedIn('camille');
    const room = await freshRoom(client);
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${client} room=${room.id}></bureau-chat>`);
    await waitUntil(() => shadow(el).querySelector('textarea:not([disabled])') !== null, 'composer ready', { timeout: 10_000 });
    const field = shadow(el).querySelector('textarea') as HTMLTextAreaElement;
    field.focus();
    const sent = new Promise<string>((resolve) => el.addEventListener('bureau-message-send', (event) => resolve(event.text), { once: true }));
    await sendKeys({ type: 'Première ligne' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'deuxième ligne' });
    expect(field.value).to.equal('Première ligne\ndeuxième ligne');
    await sendKeys({ press: 'Enter' });
    expect(await sent).to.equal('Première ligne\ndeuxième ligne');
    const [message] = await untilMessages(el, 1);
    expect(message?.querySelector('[part~="text"] p')?.innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal('Première ligne<br>deuxième ligne');
    expect(field.value).to.equal('');
    // Incoming and own messages never take the focus from the field.
    expect(shadow(el).activeElement).to.equal(field);
    const server = await client.chat.messages(room.id);
    expect(server.items.map((item) => item.text)).to.deep.equal(['Première ligne\ndeuxième ligne']);
  });

  it('renders user text with HTML, script URLs, SVG or event handlers as inert text', async () => {
    const client = await signedIn('camille');
    const room = await freshRoom(client);
    const payloads = [
      '<script>window.bureauPwned = true</script>',
      '<img src=x onerror="window.bureauPwned = true">',
      '<svg onload="window.bureauPwned = true"></svg>',
      '[clic](javascript:window.bureauPwned=true)',
    ];
    for (const payload of payloads) await client.chat.send(room.id, payload);
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${client} room=${room.id}></bureau-chat>`);
    const shown = await untilMessages(el, payloads.length);
    assertInert(shadow(el));
    expect(shown.map((message) => message.querySelector('[part~="text"]')?.textContent?.trim())).to.deep.equal(payloads);
    expect((window as { bureauPwned?: boolean }).bureauPwned).to.equal(undefined);
  });

  it('shows a message the server refuses with its text and a Retry button', async () => {
    const client = await signedIn('camille');
    const room = await freshRoom(client);
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${client} room=${room.id}></bureau-chat>`);
    await waitUntil(() => shadow(el).querySelector('textarea:not([disabled])') !== null, 'composer ready', { timeout: 10_000 });
    const field = shadow(el).querySelector('textarea') as HTMLTextAreaElement;
    // Over the 10,000-character limit: the server answers 422, a permanent failure.
    const tooLong = `Trop long ${'x'.repeat(10_000)}`;
    field.value = tooLong;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).querySelector('[part~="retry-button"]') !== null, 'failed mark', { timeout: 10_000 });
    const [message] = messagesOf(el);
    expect(message?.getAttribute('part')).to.contain('message-failed');
    expect(message?.querySelector('[part~="text"]')?.textContent?.trim()).to.equal(tooLong);
    expect(message?.querySelector('[part~="retry-button"]')?.textContent?.trim()).to.equal('Réessayer');
  });
});

describe('<bureau-room-list>', () => {
  it('lists the rooms of a space with unread counts, and drives the chat', async () => {
    const karim = await signedIn('karim');
    const room = await freshRoom(karim, `a-lire-${crypto.randomUUID().slice(0, 6)}`);
    await karim.chat.send(room.id, 'Premier message');
    await karim.chat.send(room.id, 'Deuxième message');
    await karim.chat.send(room.id, 'Troisième, pour @camille');
    karim.close();
    const camille = await signedIn('camille');
    const wrapper = await fixture<HTMLElement>(html`
      <div>
        <bureau-room-list .client=${camille} space=${space} chat="the-chat"></bureau-room-list>
        <bureau-chat .client=${camille} id="the-chat"></bureau-chat>
      </div>
    `);
    const list = wrapper.querySelector('bureau-room-list') as BureauRoomListElement;
    const chat = wrapper.querySelector('bureau-chat') as BureauChatElement;
    await waitUntil(() => [...shadow(list).querySelectorAll('[part~="name"]')].some((name) => name.textContent === room.name), 'room listed', {
      timeout: 10_000,
    });
    const button = [...shadow(list).querySelectorAll<HTMLButtonElement>('[part~="room"]')].find(
      (candidate) => candidate.querySelector('[part~="name"]')?.textContent === room.name,
    ) as HTMLButtonElement;
    const badge = button.querySelector('[part~="unread"]');
    expect(badge?.textContent).to.contain('3 messages non lus, 1 mention');
    expect(badge?.getAttribute('part')).to.equal('unread unread-mentions');
    await expect(list).to.be.accessible();

    button.focus();
    const selected = new Promise<string>((resolve) => list.addEventListener('bureau-room-select', (event) => resolve(event.roomId), { once: true }));
    await sendKeys({ press: 'Enter' });
    expect(await selected).to.equal(room.id);
    expect(chat.room).to.equal(room.id);
    await untilMessages(chat, 3);
    expect(shadow(chat).querySelector('[part~="new-marker"]')).not.to.equal(null);
  });

  it('renders hostile room names and previews as inert text', async () => {
    const client = await signedIn('camille');
    const name = '<img src=x onerror=alert(1)>';
    const room = await freshRoom(client, name);
    const preview = '<svg onload="window.bureauPwned = true"></svg>';
    await client.chat.send(room.id, preview);
    const list = await fixture<BureauRoomListElement>(html`<bureau-room-list .client=${client} space=${space}></bureau-room-list>`);
    await waitUntil(() => [...shadow(list).querySelectorAll('[part~="name"]')].some((each) => each.textContent === name), 'room listed', {
      timeout: 10_000,
    });
    assertInert(shadow(list));
    expect([...shadow(list).querySelectorAll('[part~="preview"]')].map((each) => each.textContent)).to.include(`Camille Martin : ${preview}`);
  });
});
