import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
import type { Room } from '@bureau/api';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
// Defines the tags (the names below are only types, which the test bundler would drop).
import './chat.js';
import '../files/files.js';
import type { BureauChatElement, BureauRoomListElement } from './chat.js';

const space = 'espace-rh-360';
const clients = new Set<BureauClient>();

/** A client of the test server, signed in as `userId` (the browser's session cookie), closed after the test. */
async function signedIn(userId: string, fetch?: typeof globalThis.fetch): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory', ...(fetch === undefined ? {} : { fetch }) });
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

/** Waits (bounded) until the chat shows `count` messages: they come from the server, then render. */
async function untilMessages(el: BureauChatElement, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => messagesOf(el).length === count, `${count} messages shown`, { timeout: 10_000 });
  return messagesOf(el);
}

/** Mounts a chat of `room` for `client` and waits until its composer can be used. */
async function mountChat(client: BureauClient, roomId: string): Promise<BureauChatElement> {
  const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${client} room=${roomId}></bureau-chat>`);
  await waitUntil(() => shadow(el).querySelector('textarea:not([disabled])') !== null, 'composer ready', { timeout: 10_000 });
  return el;
}

/** The first element matching `selector` in the chat's shadow root. */
function find<T extends HTMLElement = HTMLElement>(el: Element, selector: string): T {
  const found = shadow(el).querySelector<T>(selector);
  if (found === null) throw new Error(`nothing matches ${selector} in <${el.localName}>`);
  return found;
}

/** The next `type` event on `target`, typed by `GlobalEventHandlersEventMap`. */
function nextEvent<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => target.addEventListener(type, (event) => resolve(event as GlobalEventHandlersEventMap[K]), { once: true }));
}

/** Asserts that nothing in `root` came from user text as markup. */
function assertInert(root: ParentNode): void {
  expect(root.querySelector('script, img, svg, iframe, object, embed, math')).to.equal(null);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.attributes) expect(attribute.name.startsWith('on'), `<${element.localName} ${attribute.name}>`).to.equal(false);
    if (element instanceof HTMLAnchorElement) expect(['http:', 'https:', 'mailto:']).to.include(element.protocol);
  }
}

afterEach(() => {
  // Elements first, then their clients: a closed client fails what its elements still wait for.
  fixtureCleanup();
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
    // A person whose system is dark: the chat stays light until the host opts in, and is readable either way.
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const base = find(el, '[part~="base"]');
      expect(getComputedStyle(el).colorScheme).to.equal('light');
      expect(getComputedStyle(base).backgroundColor).to.equal('rgb(255, 255, 255)');
      el.theme = 'auto';
      await el.updateComplete;
      expect(getComputedStyle(base).backgroundColor).to.equal('rgb(27, 28, 31)');
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'no-preference' });
    }
  });

  it('is accessible in the opt-in DSFR look, light and dark (axe)', async () => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/packages/components/themes/dsfr.css' });
    const loaded = new Promise((resolve, reject) => {
      link.onload = resolve;
      link.onerror = reject;
    });
    document.head.append(link);
    try {
      await loaded;
      const client = await signedIn('camille');
      const room = await freshRoom(client);
      await client.chat.send(room.id, 'Merci @karim pour la **note de service** !');
      const el = await mountChat(client, room.id);
      await untilMessages(el, 1);
      const send = find(el, '[part~="send-button"]');
      expect(getComputedStyle(send).backgroundColor).to.equal('rgb(0, 0, 145)', 'bleu France');
      expect(getComputedStyle(send).borderRadius).to.equal('0px');
      await expect(el).to.be.accessible();
      el.theme = 'dark';
      await el.updateComplete;
      expect(getComputedStyle(send).backgroundColor).to.equal('rgb(133, 133, 246)');
      await expect(el).to.be.accessible();
    } finally {
      link.remove();
    }
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
    expect(shadow(el).activeElement === field, 'has the focus').to.equal(true);
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

describe('<bureau-chat> with hostile names', () => {
  it('renders author names containing HTML as inert text', async () => {
    await signedIn('camille');
    const hostileName = '<img src=x onerror="window.bureauPwned = true"><svg onload="window.bureauPwned = true">';
    // The real server answers; only the authors' names are changed on the way, as a hostile identity provider could.
    const rewritingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
      if (method !== 'GET' || !/\/v1\/rooms\/[^/]+\/messages$/.test(new URL(url).pathname) || !response.ok) return response;
      const page = (await response.json()) as { items: Array<{ author: { name: string } }> };
      for (const item of page.items) item.author.name = hostileName;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(page), { status: 200, headers });
    };
    const client = createClient({ baseUrl: apiUrl, storage: 'memory', fetch: rewritingFetch });
    clients.add(client);
    const room = await freshRoom(client);
    await client.chat.send(room.id, 'Bonjour');
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${client} room=${room.id}></bureau-chat>`);
    await waitUntil(() => messagesOf(el)[0]?.querySelector('[part~="author"]')?.textContent === hostileName, 'hostile name shown', { timeout: 10_000 });
    assertInert(shadow(el));
    expect((window as { bureauPwned?: boolean }).bureauPwned).to.equal(undefined);
  });
});

describe('<bureau-chat> actions', () => {
  it('shows a message sent elsewhere live, without taking the focus', async () => {
    const client = await signedIn('camille');
    const room = await freshRoom(client);
    const el = await mountChat(client, room.id);
    const field = find<HTMLTextAreaElement>(el, 'textarea');
    field.focus();
    const other = createClient({ baseUrl: apiUrl, storage: 'memory' });
    clients.add(other);
    await other.chat.send(room.id, 'Envoyé depuis un autre onglet');
    const [message] = await untilMessages(el, 1);
    expect(message?.textContent).to.contain('Envoyé depuis un autre onglet');
    expect(shadow(el).activeElement === field, 'has the focus').to.equal(true);
  });

  it('moves the read marker when the newest message is on screen, clearing the unread count', async () => {
    const karim = await signedIn('karim');
    const room = await freshRoom(karim);
    await karim.chat.send(room.id, 'Premier message à lire');
    await karim.chat.send(room.id, 'Second message à lire');
    const camille = await signedIn('camille');
    expect((await camille.chat.room(room.id)).unreadCount).to.equal(2);
    const el = await mountChat(camille, room.id);
    await untilMessages(el, 2);
    await waitUntil(async () => (await camille.chat.room(room.id)).unreadCount === 0, 'unread count cleared on the server', {
      timeout: 10_000,
    });
  });

  it('lets the host page cancel bureau-message-send, keeping the text', async () => {
    const client = await signedIn('camille');
    const room = await freshRoom(client);
    const el = await mountChat(client, room.id);
    el.addEventListener('bureau-message-send', (event) => event.preventDefault(), { once: true });
    const field = find<HTMLTextAreaElement>(el, 'textarea');
    field.focus();
    await sendKeys({ type: 'Pas encore' });
    const asked = nextEvent(el, 'bureau-message-send');
    await sendKeys({ press: 'Enter' });
    const event = await asked;
    expect([event.cancelable, event.bubbles, event.composed, event.defaultPrevented]).to.deep.equal([true, true, true, true]);
    await el.updateComplete;
    expect(field.value).to.equal('Pas encore');
    expect((await client.chat.messages(room.id)).items).to.have.length(0);
  });

  it('offers @mentions of space members as a listbox driven by the keyboard', async () => {
    const client = await signedIn('camille');
    const room = await freshRoom(client);
    const el = await mountChat(client, room.id);
    await waitUntil(() => {
      const field = shadow(el).querySelector('textarea');
      return field !== null;
    });
    const field = find<HTMLTextAreaElement>(el, 'textarea');
    field.focus();
    await sendKeys({ type: 'Bonjour @le' });
    await waitUntil(() => shadow(el).querySelector('[role="listbox"]') !== null, 'suggestions', { timeout: 5_000 });
    const options = [...shadow(el).querySelectorAll('[role="option"]')].map((option) => option.textContent?.replace(/\s+/g, ' ').trim());
    expect(options).to.deep.equal(['Léa Rousseau @lea']);
    expect(field.getAttribute('aria-activedescendant')).to.equal(shadow(el).querySelector('[role="option"]')?.id);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(field.value).to.equal('Bonjour @lea ');
    expect(shadow(el).querySelector('[role="listbox"]')).to.equal(null);
    await sendKeys({ type: 'merci' });
    await sendKeys({ press: 'Enter' });
    // The server says who is mentioned: the mention shows once the message is sent.
    await waitUntil(() => messagesOf(el)[0]?.querySelector('[part~="mention"]') != null, 'mention', { timeout: 10_000 });
    expect(messagesOf(el)[0]?.querySelector('[part~="mention"]')?.textContent).to.equal('@Léa Rousseau');
  });

  it('suggests mentions typed before the space\'s members arrived, without another keystroke', async () => {
    let release = (): void => undefined;
    const membersHeld = new Promise<void>((resolve) => (release = resolve));
    const slowMembers: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (/\/v1\/spaces\/[^/]+\/members/.test(new URL(request.url).pathname)) await membersHeld;
      return fetch(request);
    };
    const client = await signedIn('camille', slowMembers);
    const room = await freshRoom(client);
    const el = await mountChat(client, room.id);
    await waitUntil(() => shadow(el).querySelector('textarea') !== null);
    find<HTMLTextAreaElement>(el, 'textarea').focus();
    await sendKeys({ type: 'Bonjour @le' });
    await el.updateComplete;
    expect(shadow(el).querySelector('[role="listbox"]')).to.equal(null);
    release();
    await waitUntil(() => shadow(el).querySelector('[role="listbox"]') !== null, 'suggestions once the members are known', { timeout: 5_000 });
    expect([...shadow(el).querySelectorAll('[role="option"]')].map((option) => option.textContent?.replace(/\s+/g, ' ').trim())).to.deep.equal(['Léa Rousseau @lea']);
  });

  it('edits and deletes an own message with the keyboard, deletion confirmed in a dialog', async () => {
    const client = await signedIn('camille');
    const room = await freshRoom(client);
    await client.chat.send(room.id, 'Réunion à 14 h');
    const el = await mountChat(client, room.id);
    const [message] = await untilMessages(el, 1);
    (message?.querySelector('[part~="edit-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const editor = find<HTMLTextAreaElement>(el, '[part~="edit-field"]');
    expect(shadow(el).activeElement === editor, 'has the focus').to.equal(true);
    editor.setSelectionRange(editor.value.length, editor.value.length);
    await sendKeys({ type: ', salle B' });
    const edited = nextEvent(el, 'bureau-message-edit');
    await sendKeys({ press: 'Enter' });
    expect((await edited).text).to.equal('Réunion à 14 h, salle B');
    await el.updateComplete;
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('edit-button');
    await waitUntil(() => messagesOf(el)[0]?.querySelector('[part~="edited"]') !== null, 'edited mark', { timeout: 10_000 });
    expect(messagesOf(el)[0]?.querySelector('[part~="text"]')?.textContent).to.contain('Réunion à 14 h, salle B');

    // The buttons of a message wait while one of its changes is on its way.
    const deleteButton = () => messagesOf(el)[0]?.querySelector<HTMLButtonElement>('[part~="delete-button"]');
    await waitUntil(() => deleteButton()?.disabled === false, 'edit sent', { timeout: 10_000 });
    deleteButton()?.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = find<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    (dialog.querySelector('button[value="delete"]') as HTMLButtonElement).focus();
    const deleted = nextEvent(el, 'bureau-message-delete');
    await sendKeys({ press: 'Enter' });
    expect((await deleted).cancelable).to.equal(true);
    await waitUntil(() => messagesOf(el)[0]?.textContent?.includes('Message supprimé') === true, 'tombstone', { timeout: 10_000 });
    expect(dialog.open).to.equal(false);
  });

  it('reacts with a quick emoji and replies in the thread panel', async () => {
    const client = await signedIn('camille');
    const room = await freshRoom(client);
    await client.chat.send(room.id, 'Qui vient au CST ?');
    const el = await mountChat(client, room.id);
    const [message] = await untilMessages(el, 1);
    (message?.querySelector('[part~="react-button"]') as HTMLButtonElement).click();
    await waitUntil(() => messagesOf(el)[0]?.querySelector('[part~="reaction"]') !== null, 'reaction', { timeout: 10_000 });
    const reaction = messagesOf(el)[0]?.querySelector('[part~="reaction"]') as HTMLButtonElement;
    expect(reaction.getAttribute('aria-pressed')).to.equal('true');
    expect(reaction.getAttribute('aria-label')).to.equal('👍 1 : Vous');

    // The buttons of a message wait while one of its changes is on its way.
    const replyButton = () => messagesOf(el)[0]?.querySelector<HTMLButtonElement>('[part~="reply-button"]');
    await waitUntil(() => replyButton()?.disabled === false, 'reaction sent', { timeout: 10_000 });
    const opened = nextEvent(el, 'bureau-thread-open');
    replyButton()?.click();
    expect((await opened).messageId).to.equal((await client.chat.messages(room.id)).items[0]?.id);
    await el.updateComplete;
    const thread = find(el, '[part~="thread"]');
    const replyField = thread.querySelector('textarea') as HTMLTextAreaElement;
    await waitUntil(() => shadow(el).activeElement === replyField, 'focus in the thread', { timeout: 5_000 });
    await sendKeys({ type: 'Moi, avec Léa.' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => thread.querySelector('[part~="thread-replies"] [part~="message"]') !== null, 'reply shown', { timeout: 10_000 });
    await waitUntil(() => messagesOf(el)[0]?.querySelector('[part~="thread-button"]')?.textContent?.trim() === '1 réponse', 'reply count', {
      timeout: 10_000,
    });
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="thread"]')).to.equal(null);
  });

  it('is read-only for a guest, and speaks English with lang="en"', async () => {
    const client = await signedIn('ines');
    const el = await fixture<BureauChatElement>(html`<bureau-chat lang="en" .client=${client} room="espace-rh-360-general"></bureau-chat>`);
    await waitUntil(() => shadow(el).querySelector('[part~="header"]')?.textContent?.includes('général') === true, 'room shown', { timeout: 10_000 });
    await waitUntil(() => shadow(el).querySelector('[part~="read-only"]') !== null, 'read-only', { timeout: 10_000 });
    expect(find(el, '[part~="read-only"]').textContent).to.equal('Read only: your role in this space does not allow writing.');
    expect(shadow(el).querySelector('textarea')).to.equal(null);
    await waitUntil(() => messagesOf(el).length > 0, 'history', { timeout: 10_000 });
    expect(shadow(el).querySelector('[part~="actions"]')).to.equal(null);
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
    // The marker is placed once the room's unread count has come from the server, which may be a
    // moment after the messages (they can come from the cache or the first page first).
    await waitUntil(() => shadow(chat).querySelector('[part~="new-marker"]') !== null, '« Nouveaux messages » shown', { timeout: 10_000 });
  });

  it('asks the host (a cancelable bureau-room-select) before opening the first room in an empty chat', async () => {
    // Bearer, not the browser's shared session cookie: the tests after this one keep theirs.
    const camille = createClient({
      baseUrl: apiUrl,
      storage: 'memory',
      getToken: async () => (await fetch(`${apiUrl}/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":"camille"}' })).json(),
    });
    clients.add(camille);
    const wrapper = document.createElement('div');
    const asked: { roomId: string; initial: boolean }[] = [];
    // The host's own state decides which room shows: it vetoes the list's choice.
    wrapper.addEventListener('bureau-room-select', (event) => {
      asked.push({ roomId: event.roomId, initial: event.initial });
      event.preventDefault();
    });
    const list = document.createElement('bureau-room-list');
    list.client = camille;
    list.space = space;
    list.chat = 'host-owned-chat';
    const chat = document.createElement('bureau-chat');
    chat.client = camille;
    chat.id = 'host-owned-chat';
    wrapper.append(list, chat);
    await fixture(wrapper);
    await waitUntil(() => asked.length > 0, 'the list asked', { timeout: 10_000 });
    expect(asked[0]?.initial).to.equal(true);
    await list.updateComplete;
    expect(chat.room ?? '').to.equal('');
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

  it('attaches a document by keyboard only; the link shows for another reader as inert text; a trashed one is « plus disponible »', async () => {
    const karim = await signedIn('karim');
    const spaceId = (await karim.spaces.create({ name: `Pièces ${crypto.randomUUID().slice(0, 8)}` })).id;
    await karim.spaces.putMember(spaceId, 'camille', 'member');
    const { rootId } = await karim.files.tree(spaceId);
    const hostile = '<img src=x onerror="window.bureauPwned = true">.txt';
    const meetings = await karim.files.createFolder(spaceId, { name: 'Réunions', parentId: rootId });
    await karim.files.uploads.add(new Blob(['ailleurs'], { type: 'text/plain' }), { spaceId, folderId: rootId, name: 'À la racine.txt' }).whenDone();
    const file = await karim.files.uploads.add(new Blob(['Ordre du jour'], { type: 'text/plain' }), { spaceId, folderId: meetings.id, name: hostile }).whenDone();
    // Karim was in « Réunions » in the files view: the picker opens there, with the recent files.
    const files = await fixture<HTMLElement>(html`<bureau-files .client=${karim} folder=${meetings.id}></bureau-files>`);
    await waitUntil(() => shadow(files).querySelector('.list .name') !== null, 'the folder shown', { timeout: 10_000 });
    files.remove();
    const room = await karim.chat.createRoom(spaceId, { name: 'documents' });
    const el = await mountChat(karim, room.id);
    const root = shadow(el);
    find(el, 'textarea[part="composer-field"]').focus();
    await sendKeys({ type: 'Voici l’ordre du jour' });
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement?.getAttribute('part')).to.equal('attach-button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.activeElement?.matches('select[part="picker-folder"]') === true, 'the folder list has the focus', { timeout: 5_000 });
    await waitUntil(
      () => root.querySelector<HTMLSelectElement>('select[part="picker-folder"]')?.value === meetings.id && root.querySelector('.file-picker ul:not([part="picker-recent"]) [part="picker-file"]') !== null,
      'the files of « Réunions » listed',
      { timeout: 10_000 },
    );
    await waitUntil(() => root.querySelectorAll('[part="picker-recent"] [part="picker-file"]').length === 2, 'recent files offered', { timeout: 10_000 });
    expect(find(el, '[part="picker-recent"]').textContent).to.contain('À la racine.txt');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement?.getAttribute('part')).to.equal('picker-file');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[part="attachment-chip"]') !== null, 'chip shown');
    expect(find(el, '[part="attachment-chip"]').textContent).to.contain(hostile);
    await waitUntil(() => root.activeElement?.getAttribute('part') === 'composer-field', 'back in the field');
    await expect(el).to.be.accessible();
    const sending = nextEvent(el, 'bureau-message-send');
    await sendKeys({ press: 'Enter' });
    expect((await sending).fileIds).to.deep.equal([file.id]);
    await waitUntil(() => root.querySelector('.log [part="attachment-link"]') !== null, 'attachment shown', { timeout: 10_000 });
    expect(root.querySelector('[part="attachment-chip"]')).to.equal(null, 'the chips go with the message');
    const link = find<HTMLAnchorElement>(el, '.log [part="attachment-link"]');
    expect(link.textContent).to.equal(hostile);
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.href).to.equal(karim.files.contentUrl(file.id));
    assertInert(root);
    await waitUntil(async () => (await karim.chat.messages(room.id)).items[0]?.attachments[0]?.name === hostile, 'stored', { timeout: 10_000 });

    // Camille reads the room: the link is there for her, inert too (one browser holds one session: she signs in now).
    const camille = await signedIn('camille');
    const hers = await mountChat(camille, room.id);
    await waitUntil(() => shadow(hers).querySelector('.log [part="attachment-link"]')?.textContent === hostile, 'shown to her', { timeout: 10_000 });
    assertInert(shadow(hers));
    await camille.files.deleteFile(file.id);
    const again = await mountChat(camille, room.id);
    await waitUntil(() => shadow(again).querySelector('.log [part="attachment"]')?.textContent?.trim() === 'Document plus disponible', 'gone', { timeout: 10_000 });
    expect(shadow(again).querySelector('.log [part="attachment-link"]')).to.equal(null);
    expect((window as { bureauPwned?: boolean }).bureauPwned).to.equal(undefined);
  });
});

describe('<bureau-chat> long rooms', () => {
  it('mounts a window of the newest rows, and loads older messages as the reader scrolls up to them', async function () {
    this.timeout(60_000);
    // 54 messages, more than a page (50), from three people under the send limit of each (30 in
    // 10 s). Last in the file: the tests before it need the same people's limits.
    const room = await freshRoom(await signedIn('karim'));
    let sent = 0;
    for (const [author, count] of [['karim', 20], ['lea', 20], ['camille', 14]] as const) {
      const client = await signedIn(author);
      for (let index = 0; index < count; index += 1) await client.chat.send(room.id, `Message ${(sent += 1)} de ${author}`);
    }
    const camille = await signedIn('camille');
    const el = await mountChat(camille, room.id);
    const texts = () => messagesOf(el).map((message) => message.querySelector('[part~="text"]')?.textContent?.trim());
    await waitUntil(() => texts().includes('Message 54 de camille'), 'newest message shown', { timeout: 10_000 });
    expect(messagesOf(el).length).to.be.below(50);

    const field = find<HTMLTextAreaElement>(el, 'textarea');
    field.focus();
    const log = find(el, '.log');
    await waitUntil(
      async () => {
        // The reader scrolls to the top (a wheel, then the scroll), again and again.
        log.dispatchEvent(new WheelEvent('wheel', { bubbles: true }));
        const scrolled = new Promise((resolve) => log.addEventListener('scroll', resolve, { once: true }));
        const before = log.scrollTop;
        log.scrollTop = 0;
        if (log.scrollTop !== before) await scrolled;
        await el.updateComplete;
        return texts().includes('Message 1 de karim');
      },
      'oldest message shown',
      { timeout: 15_000 },
    );
    expect(shadow(el).querySelector('[part~="older-button"]')).to.equal(null);
    // Rows coming and going never took the focus from the field.
    expect(shadow(el).activeElement === field, 'has the focus').to.equal(true);
  });
});
