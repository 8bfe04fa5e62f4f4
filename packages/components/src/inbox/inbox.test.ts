import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
// Defines the tag (the names below are only types, which the test bundler would drop).
import './inbox.js';
import '../chat/chat.js';
import type { BureauInboxElement, BureauNavigateEvent } from './inbox.js';
import type { BureauChatElement } from '../chat/chat.js';

const space = 'espace-rh-360';
const clients = new Set<BureauClient>();

async function signedIn(userId: string): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory' });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

const shadow = (el: Element): ShadowRoot => {
  if (el.shadowRoot === null) throw new Error(`<${el.localName}> has no shadow root`);
  return el.shadowRoot;
};
const bell = (el: Element): HTMLButtonElement => shadow(el).querySelector<HTMLButtonElement>('[part="bell"]')!;
const items = (el: Element): HTMLElement[] => [...shadow(el).querySelectorAll<HTMLElement>('[part~="item"]')];
/** The panel (a lazy chunk) shown, once its code came. */
const panelShown = (el: Element) => waitUntil(() => shadow(el).querySelector('[part="panel"]:not([hidden])') !== null, 'panel shown', { timeout: 10_000 });

/** Camille's inbox, alone on the page, once its first load is shown. */
async function camilleInbox(): Promise<{ el: BureauInboxElement; camille: BureauClient }> {
  const camille = await signedIn('camille');
  const el = await fixture<BureauInboxElement>(
    html`<bureau-inbox .client=${camille} message-href="/espace-rh?room={roomId}&message={messageId}" card-href="/projets?card={cardId}"></bureau-inbox>`,
  );
  await waitUntil(() => el.unreadCount !== undefined, 'first load done', { timeout: 10_000 });
  await new Promise<void>((resolve) => {
    // The stream is open once the SDK says so: a change after this is heard live.
    if (camille.stream.status === 'open') resolve();
    else camille.stream.addEventListener('status', () => camille.stream.status === 'open' && resolve());
  });
  return { el, camille };
}

describe('<bureau-inbox>', () => {
  afterEach(() => {
    for (const client of clients) client.close();
    clients.clear();
  });

  it('is accessible, closed and open', async () => {
    const { el } = await camilleInbox();
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('[part="panel"]'), 'the panel is not loaded before it is wanted').to.equal(null);
    bell(el).click();
    await panelShown(el);
    expect(bell(el).getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('Karim mentions Camille while her page shows only the inbox: the bell counts it live, politely announced; choosing it leads to the message', async () => {
    const { el, camille } = await camilleInbox();
    await camille.notifications.markAllRead();
    await waitUntil(() => bell(el).getAttribute('aria-label') === 'Notifications, aucune non lue', 'count cleared', { timeout: 10_000 });
    const karim = await signedIn('karim');
    const room = await karim.chat.createRoom(space, { name: `paie ${crypto.randomUUID().slice(0, 6)}` });
    const sent = await karim.chat.send(room.id, 'Bonjour @camille, votre prime CIA est validée.');
    // Karim wrote from this same browser (one cookie jar): Camille's session is back for her page.
    await signedIn('camille');
    await waitUntil(() => bell(el).getAttribute('aria-label') === 'Notifications, 1 non lue', 'bell counts the mention live', { timeout: 10_000 });
    expect(shadow(el).querySelector('[part="count"]')?.textContent?.trim()).to.equal('1');
    const announcer = shadow(el).querySelector('[part="announcer"]')!;
    expect(announcer.getAttribute('aria-live')).to.equal('polite');
    await waitUntil(() => announcer.textContent?.trim() === '1 nouvelle notification', 'arrival announced once gathered', { timeout: 10_000 });

    bell(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => items(el)[0] !== undefined && shadow(el).activeElement === items(el)[0], 'first item focused', { timeout: 10_000 });
    const [first] = items(el);
    expect(first?.textContent).to.include('Karim Benali vous a mentionné·e dans');
    expect(first?.textContent).to.include('votre prime CIA');
    expect(shadow(el).activeElement === first, 'has the focus').to.equal(true);
    expect(first?.getAttribute('href')).to.equal(`/espace-rh?room=${encodeURIComponent(room.id)}&message=${encodeURIComponent(sent.id)}`);
    // The host navigates itself (a single-page intranet): it cancels the event.
    el.addEventListener('bureau-navigate', (event) => event.preventDefault(), { once: true });
    const chosen = oneEvent(el, 'bureau-navigate') as Promise<BureauNavigateEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await chosen;
    expect(event.notification.target).to.deep.equal({ type: 'message', roomId: room.id, messageId: sent.id, threadId: null });
    expect(event.url).to.equal(`/espace-rh?room=${encodeURIComponent(room.id)}&message=${encodeURIComponent(sent.id)}`);
    await waitUntil(() => bell(el).getAttribute('aria-label') === 'Notifications, aucune non lue', 'chosen is read', { timeout: 10_000 });
  });

  it('a reply’s notification leads to its thread: the chat opens the room with the thread beside it, the reply highlighted and announced', async () => {
    const camille = await signedIn('camille');
    const room = await camille.chat.createRoom(space, { name: `fil ${crypto.randomUUID().slice(0, 6)}` });
    const root = await camille.chat.send(room.id, 'Qui relit la note de service ?');
    const karim = await signedIn('karim');
    const reply = await karim.chat.reply(room.id, root.id, 'Je m’en charge demain.');
    await signedIn('camille');
    const href = '/espace-rh?room={roomId}&message={messageId}&thread={threadId}';
    const el = await fixture<BureauInboxElement>(html`<bureau-inbox .client=${camille} message-href=${href}></bureau-inbox>`);
    await waitUntil(() => el.unreadCount !== undefined, 'first load done', { timeout: 10_000 });
    bell(el).click();
    await waitUntil(() => items(el).some((item) => item.textContent?.includes('a répondu dans un fil')), 'the reply listed', { timeout: 10_000 });
    const item = items(el).find((candidate) => candidate.textContent?.includes('Je m’en charge'))!;
    const url = new URL(item.getAttribute('href')!, location.href);
    expect([url.searchParams.get('room'), url.searchParams.get('message'), url.searchParams.get('thread')]).to.deep.equal([room.id, reply.id, root.id]);

    // The host's page sets what the link says on its <bureau-chat>.
    const chat = await fixture<BureauChatElement>(
      html`<bureau-chat .client=${camille} room=${url.searchParams.get('room')!} message=${url.searchParams.get('message')!} thread=${url.searchParams.get('thread')!}></bureau-chat>`,
    );
    const found = () => shadow(chat).querySelector('[part~="thread"] [part~="message-found"]');
    await waitUntil(() => found()?.textContent?.includes('Je m’en charge demain.') === true, 'the reply highlighted in its thread', { timeout: 10_000 });
    expect(shadow(chat).querySelector('[part~="found-status"]')?.textContent).to.contain('Karim Benali');
    expect(shadow(chat).querySelector('.log')?.textContent).to.contain('Qui relit la note de service ?');
    await expect(chat).to.be.accessible();
  });

  it('keyboard: arrows move between items, Escape closes and gives the focus back to the bell', async () => {
    const karim = await signedIn('karim');
    const room = await karim.chat.createRoom(space, { name: `clavier ${crypto.randomUUID().slice(0, 6)}` });
    await karim.chat.send(room.id, '@camille premier point');
    await karim.chat.send(room.id, '@camille second point');
    const { el } = await camilleInbox();
    bell(el).click();
    await waitUntil(() => items(el).length >= 2 && shadow(el).activeElement === items(el)[0], 'two items, the first focused', { timeout: 10_000 });
    const [first, second] = items(el);
    expect(shadow(el).activeElement === first, 'has the focus').to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(el).activeElement === second, 'has the focus').to.equal(true);
    await sendKeys({ press: 'ArrowUp' });
    expect(shadow(el).activeElement === first, 'has the focus').to.equal(true);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(shadow(el).activeElement === bell(el), 'has the focus').to.equal(true);
  });

  it('preferences: by keyboard, Inès turns mentions and the digest off and chooses English for her mails, saved at once; axe clean', async () => {
    const ines = await signedIn('ines');
    const initial = await ines.notifications.preferences();
    const el = await fixture<BureauInboxElement>(html`<bureau-inbox .client=${ines}></bureau-inbox>`);
    try {
      bell(el).click();
      await panelShown(el);
      const toggle = shadow(el).querySelector<HTMLButtonElement>('[part="preferences-button"]')!;
      toggle.focus();
      await sendKeys({ press: 'Enter' });
      const boxes = (): HTMLInputElement[] => [...shadow(el).querySelectorAll<HTMLInputElement>('[part="preferences"] input[type="checkbox"]')];
      await waitUntil(() => boxes().length === 6, 'five kinds and the digest', { timeout: 10_000 });
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      await expect(el).to.be.accessible();
      const mention = boxes().find((box) => box.parentElement?.textContent?.includes('les mentions'))!;
      expect(mention.checked).to.equal(true);
      mention.focus();
      await sendKeys({ press: 'Space' });
      const status = () => shadow(el).querySelector('.preferences-status')?.textContent ?? '';
      await waitUntil(() => status().includes('Préférences enregistrées'), 'saved', { timeout: 10_000 });
      expect((await ines.notifications.preferences()).kinds).to.not.include('mention');
      const digest = boxes().at(-1)!;
      digest.focus();
      await sendKeys({ press: 'Space' });
      await waitUntil(async () => (await ines.notifications.preferences()).digest === !initial.digest, 'digest saved', { timeout: 10_000 });
      const language = shadow(el).querySelector<HTMLSelectElement>('[part="preferences"] select')!;
      expect(language.labels[0]?.textContent).to.contain('Langue des courriels');
      expect(language.value).to.equal('', 'automatic until chosen');
      language.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(async () => (await ines.notifications.preferences()).language === 'en', 'English saved', { timeout: 10_000 });
      expect(language.value).to.equal('en');
    } finally {
      await ines.notifications.setPreferences({ ...initial, language: null });
    }
  });

  it('speaks English, and shows the empty state', async () => {
    const theo = await signedIn('theo');
    await theo.notifications.markAllRead();
    const el = await fixture<BureauInboxElement>(html`<bureau-inbox lang="en" .client=${theo}></bureau-inbox>`);
    await waitUntil(() => bell(el).getAttribute('aria-label') === 'Notifications, none unread', 'English label', { timeout: 10_000 });
    bell(el).click();
    await waitUntil(() => shadow(el).textContent?.includes('Nothing new') === true || items(el).length > 0, 'panel body', { timeout: 10_000 });
  });
});
