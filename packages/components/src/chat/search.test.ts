import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
import './chat.js';
import type { BureauChatElement, BureauRoomListElement } from './chat.js';

const space = 'espace-rh-360';
const clients = new Set<BureauClient>();

afterEach(() => {
  fixtureCleanup();
  for (const client of clients) client.close();
  clients.clear();
});

async function signedIn(userId: string): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory' });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

/** `count` messages of Karim written into `roomId` by the test server (the one at `at` holds `word`); their ids. */
async function seed(roomId: string, count: number, at: number, word: string): Promise<string[]> {
  const response = await fetch(`/__bureau__/seed-messages?room=${encodeURIComponent(roomId)}&count=${count}&at=${at}&word=${word}`);
  expect(response.ok, 'seeded').to.equal(true);
  return (await response.json()) as string[];
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const texts = (el: Element): string[] => [...shadow(el).querySelectorAll('.log [part~="message"] [part~="text"]')].map((t) => t.textContent?.trim() ?? '');
const field = (el: Element): HTMLInputElement => shadow(el).querySelector<HTMLInputElement>('[part~="search-field"]') as HTMLInputElement;
const options = (el: Element): HTMLElement[] => [...shadow(el).querySelectorAll<HTMLElement>('[role="option"]')];

describe('<bureau-chat> search', () => {
  it('finds a word and opens its result in a room of 2,000 messages at that message, with its neighbours, scrolling both ways', async () => {
    const camille = await signedIn('camille');
    const suffix = crypto.randomUUID().slice(0, 8);
    const word = `zephyrin${suffix}`;
    const big = await camille.chat.createRoom(space, { name: `archives-${suffix}`, topic: 'Deux mille messages' });
    const ids = await seed(big.id, 2000, 700, word);
    const here = await camille.chat.createRoom(space, { name: `accueil-${suffix}`, topic: 'Salon de départ' });
    await camille.chat.send(here.id, 'Bonjour à toutes et à tous');
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${camille} room=${here.id} lang="fr"></bureau-chat>`);
    await waitUntil(() => texts(el).length === 1 && field(el) !== null, 'room shown', { timeout: 10_000 });

    // `/` from the list goes to the search field; the words are typed there.
    shadow(el).querySelector<HTMLElement>('.log')?.focus();
    await sendKeys({ press: '/' });
    expect(shadow(el).activeElement === field(el), 'has the focus').to.equal(true);
    expect(field(el).placeholder).to.equal('Rechercher');
    await sendKeys({ type: `Zéphyrin${suffix}` });
    await waitUntil(() => options(el).length === 1, 'one result', { timeout: 10_000 });
    await expect(el).to.be.accessible();
    const [result] = options(el) as [HTMLElement];
    expect(result.querySelector('mark')?.textContent).to.equal(word);
    expect(result.querySelector('[part~="search-author"]')?.textContent).to.equal('Karim Benali');
    expect(result.querySelector('[part~="search-room"]')?.textContent).to.contain(`archives-${suffix}`);
    expect(shadow(el).querySelector('[part~="search-status"]')?.textContent).to.contain('1 message trouvé');

    // Keyboard: ArrowDown makes the result active (the focus stays in the field), Enter opens it.
    await sendKeys({ press: 'ArrowDown' });
    expect(field(el).getAttribute('aria-expanded')).to.equal('true');
    expect(field(el).getAttribute('aria-activedescendant')).to.equal(result.id);
    expect(result.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => shadow(el).querySelector('[part~="message-found"]') !== null, 'the found message shown', { timeout: 20_000 });
    expect(el.room).to.equal(big.id);
    expect(el.message).to.equal(ids[700]);
    const found = shadow(el).querySelector<HTMLElement>('[part~="message-found"]') as HTMLElement;
    expect(found.textContent).to.contain(word);
    expect(shadow(el).activeElement === found, 'has the focus').to.equal(true);
    expect(shadow(el).querySelector('[part~="found-status"]')?.textContent).to.contain('Message de Karim Benali');
    const shown = texts(el);
    expect(shown).to.include('Message n° 699 de l’historique.');
    expect(shown).to.include('Message n° 701 de l’historique.');
    expect(shown.some((text) => text.includes('n° 1999 '))).to.equal(false, 'not at the latest messages');
    const log = shadow(el).querySelector<HTMLElement>('.log') as HTMLElement;
    const box = log.getBoundingClientRect();
    const at = found.getBoundingClientRect();
    expect(at.top >= box.top && at.bottom <= box.bottom, 'the found message in view').to.equal(true);

    // Down to newer messages, up to older ones, from there.
    const scrolledTo = async (where: 'top' | 'bottom', shows: string) => {
      await waitUntil(
        () => {
          log.dispatchEvent(new WheelEvent('wheel'));
          log.scrollTop = where === 'top' ? 0 : log.scrollHeight;
          return texts(el).includes(shows);
        },
        `${shows} shown`,
        { timeout: 10_000, interval: 100 },
      );
    };
    await scrolledTo('bottom', 'Message n° 760 de l’historique.');
    await scrolledTo('top', 'Message n° 640 de l’historique.');

    // Another room picked (as a room list does): at its latest messages, not at the message found.
    el.room = here.id;
    await waitUntil(() => texts(el).join() === 'Bonjour à toutes et à tous', 'the other room at its latest', { timeout: 10_000 });
    expect(el.message).to.equal(undefined);
    expect(shadow(el).querySelector('[part~="found-status"]')?.textContent?.trim()).to.equal('');
  });

  it('a room list shows as selected the room its chat opens from a search result, and from the host (a notification)', async () => {
    const camille = await signedIn('camille');
    const suffix = crypto.randomUUID().slice(0, 8);
    const one = await camille.chat.createRoom(space, { name: `un-${suffix}`, topic: '' });
    const two = await camille.chat.createRoom(space, { name: `deux-${suffix}`, topic: '' });
    const three = await camille.chat.createRoom(space, { name: `trois-${suffix}`, topic: '' });
    await camille.chat.send(two.id, `Le mot ${suffix} est dans deux`);
    const wrapper = await fixture<HTMLElement>(html`
      <div>
        <bureau-room-list .client=${camille} space=${space} chat=${`chat-${suffix}`}></bureau-room-list>
        <bureau-chat .client=${camille} id=${`chat-${suffix}`} room=${one.id} lang="fr"></bureau-chat>
      </div>
    `);
    const list = wrapper.querySelector('bureau-room-list') as BureauRoomListElement;
    const el = wrapper.querySelector('bureau-chat') as BureauChatElement;
    const current = (): string | null | undefined => shadow(list).querySelector('[aria-current="true"] [part~="name"]')?.textContent;
    await waitUntil(() => current() === `un-${suffix}` && field(el) !== null, 'the chat’s room selected in the list', { timeout: 10_000 });

    field(el).focus();
    await sendKeys({ type: suffix });
    await waitUntil(() => options(el).length === 1, 'one result', { timeout: 10_000 });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => current() === `deux-${suffix}`, 'the list follows the room of the result', { timeout: 10_000 });
    expect(list.selected).to.equal(two.id);

    // The host opens a notification's room (as the demo does with <bureau-inbox>'s link).
    el.room = three.id;
    await waitUntil(() => current() === `trois-${suffix}`, 'the list follows the room the host opened', { timeout: 10_000 });
    expect(shadow(list).querySelectorAll('[aria-current="true"]').length).to.equal(1);
  });

  it('searches only the room when asked, says when nothing is found, and closes with Escape', async () => {
    const camille = await signedIn('camille');
    const suffix = crypto.randomUUID().slice(0, 8);
    const one = await camille.chat.createRoom(space, { name: `un-${suffix}`, topic: '' });
    const two = await camille.chat.createRoom(space, { name: `deux-${suffix}`, topic: '' });
    await camille.chat.send(two.id, `Le code ${suffix}a est dans deux`);
    await camille.chat.send(one.id, `Le code ${suffix}b est dans un`);
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${camille} room=${one.id} lang="en"></bureau-chat>`);
    await waitUntil(() => texts(el).length === 1, 'room shown', { timeout: 10_000 });
    // The composer is ready once the person's role is known: Ctrl+K is pressed while typing there.
    const composer = (): HTMLTextAreaElement | null => shadow(el).querySelector<HTMLTextAreaElement>('textarea');
    await waitUntil(() => composer()?.disabled === false, 'composer ready', { timeout: 10_000 });
    composer()?.focus();
    expect(shadow(el).activeElement === composer(), 'the composer has the focus').to.equal(true);
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'k' });
    await sendKeys({ up: 'Control' });
    expect(shadow(el).activeElement === field(el), 'has the focus').to.equal(true);
    await sendKeys({ type: suffix });
    await waitUntil(() => options(el).length === 2, 'both rooms', { timeout: 10_000 });
    const scope = shadow(el).querySelector<HTMLSelectElement>('[part~="search-scope"]') as HTMLSelectElement;
    scope.value = 'room';
    scope.dispatchEvent(new Event('change'));
    await waitUntil(() => options(el).length === 1, 'this room only', { timeout: 10_000 });
    expect(options(el)[0]?.textContent).to.contain(`in un-${suffix}`);
    field(el).focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => options(el).length === 0, 'closed', { timeout: 5_000 });
    expect(field(el).value).to.equal(suffix);
    await sendKeys({ press: 'Escape' });
    expect(field(el).value).to.equal('');
    await sendKeys({ type: 'introuvablexyz' });
    await waitUntil(() => shadow(el).querySelector('[part~="search-status"]')?.textContent?.includes('No message found') === true, 'none', {
      timeout: 10_000,
    });
  });

  it('asks the host first (bureau-room-select, cancelable) before a result opens its room, and stays put when refused', async () => {
    const camille = await signedIn('camille');
    const suffix = crypto.randomUUID().slice(0, 8);
    const here = await camille.chat.createRoom(space, { name: `ici-${suffix}`, topic: '' });
    const there = await camille.chat.createRoom(space, { name: `la-${suffix}`, topic: '' });
    await camille.chat.send(here.id, 'Bonjour');
    const wanted = await camille.chat.send(there.id, `Le mot ${suffix} est là-bas`);
    const el = await fixture<BureauChatElement>(html`<bureau-chat .client=${camille} room=${here.id}></bureau-chat>`);
    await waitUntil(() => texts(el).length === 1 && field(el) !== null, 'room shown', { timeout: 10_000 });
    field(el).focus();
    await sendKeys({ type: suffix });
    await waitUntil(() => options(el).length === 1, 'one result', { timeout: 10_000 });
    const asked: { roomId: string; messageId: string | undefined }[] = [];
    el.addEventListener('bureau-room-select', (event) => {
      asked.push({ roomId: event.roomId, messageId: event.messageId });
      event.preventDefault();
    });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(asked).to.deep.equal([{ roomId: there.id, messageId: wanted.id }]);
    await el.updateComplete;
    expect(el.room).to.equal(here.id, 'the host refused: the chat stays in its room');
    expect(el.message).to.equal(undefined);
    expect(texts(el)).to.deep.equal(['Bonjour']);
  });
});
