import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
import './chat.js';
import type { BureauRoomListElement } from './chat.js';

// « Nouveau salon » in <bureau-room-list> (a lazy chunk), its keyboard, and the no-access state.

const clients = new Set<BureauClient>();

async function signedIn(userId: string): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory' });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const one = <T extends HTMLElement = HTMLElement>(el: Element, selector: string): T | null => shadow(el).querySelector<T>(selector);
const roomNames = (el: Element): string[] => [...shadow(el).querySelectorAll('[part="name"]')].map((n) => n.textContent?.trim() ?? '');

async function mount(client: BureauClient, spaceId: string): Promise<BureauRoomListElement> {
  const el = await fixture<BureauRoomListElement>(html`<bureau-room-list .client=${client} space=${spaceId}></bureau-room-list>`);
  await waitUntil(() => shadow(el).querySelectorAll('[part~="room"]').length > 0, 'rooms shown', { timeout: 10_000 });
  return el;
}

describe('<bureau-room-list> self-service', () => {
  afterEach(() => {
    for (const client of clients) client.close();
    clients.clear();
  });

  it('creates a room with the keyboard from « Nouveau salon »; the dialog is accessible; the room shows live', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: `Salons ${crypto.randomUUID().slice(0, 6)}` });
    await karim.chat.createRoom(space.id, { name: 'général' });
    const el = await mount(karim, space.id);
    await waitUntil(() => one(el, '[part="new-room-button"]') !== null, 'the button for a member', { timeout: 10_000 });
    (one(el, '[part="new-room-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    const dialog = one<HTMLDialogElement>(el, 'dialog[part="room-dialog"]') as HTMLDialogElement;
    await waitUntil(() => dialog.open && shadow(el).activeElement?.getAttribute('name') === 'name', 'the name field has the focus');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'projet-cia' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Le complément indemnitaire annuel' });
    await sendKeys({ press: 'Enter' });
    // The stream may list the room before the creation's answer closes the dialog: wait for both.
    await waitUntil(() => roomNames(el).includes('projet-cia') && !dialog.open, 'the new room listed, the dialog closed', { timeout: 10_000 });
    const room = (await karim.chat.rooms(space.id)).items.find((r) => r.name === 'projet-cia');
    expect(room?.topic).to.equal('Le complément indemnitaire annuel');
    expect(el.selected).to.equal(room?.id);
  });

  it('is one tab stop: arrows, Home and End move between rooms', async () => {
    const karim = await signedIn('karim');
    const el = await mount(karim, 'espace-rh-360');
    const rooms = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~="room"]')];
    expect(rooms.filter((b) => b.tabIndex === 0)).to.have.length(1);
    rooms[0]?.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(el).activeElement).to.equal(rooms[1]);
    await sendKeys({ press: 'End' });
    expect(shadow(el).activeElement).to.equal(rooms.at(-1));
    await sendKeys({ press: 'Home' });
    expect(shadow(el).activeElement).to.equal(rooms[0]);
  });

  it('a guest gets no « Nouveau salon »; a non-member reads one calm sentence', async () => {
    const ines = await signedIn('ines');
    const el = await mount(ines, 'espace-rh-360');
    // The role is known once the space answers; by then a member would have the button.
    await ines.spaces.get('espace-rh-360');
    await el.updateComplete;
    expect(one(el, '[part="new-room-button"]')).to.equal(null);
    const theo = await signedIn('theo');
    const other = await fixture<BureauRoomListElement>(html`<bureau-room-list .client=${theo} space="espace-rh-360"></bureau-room-list>`);
    await waitUntil(() => one(other, '[part="state"]')?.textContent?.includes('pas membre') === true, 'no-access', { timeout: 10_000 });
    expect(one(other, '[role="alert"]')).to.equal(null);
    await expect(other).to.be.accessible();
  });
});
