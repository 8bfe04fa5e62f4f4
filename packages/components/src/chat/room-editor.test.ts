import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { BureauClient } from '@bureau/sdk';
import { bearer, closeClients, signedIn } from '../test/clients.js';
import './chat.js';
import type { BureauChatElement, BureauRoomListElement } from './chat.js';

// « Nouveau salon » in <bureau-room-list> (a lazy chunk), its keyboard, and the no-access state;
// « Gérer le salon » in the chat header (rename, archive, unarchive), the archive listed apart,
// and who is online.

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
    closeClients();
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

  it('is one tab stop, archived rooms included: arrows, Home and End move between rooms, « Salons archivés » and its rooms', async () => {
    const karim = await signedIn('karim');
    const el = await mount(karim, 'espace-rh-360');
    // The demo seeds last year's campaign room, archived.
    await waitUntil(() => one(el, '[part="archived-summary"]') !== null, 'the archived group', { timeout: 10_000 });
    const rooms = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~="room"]')];
    const summary = one(el, '[part="archived-summary"]') as HTMLElement;
    const stops = [...shadow(el).querySelectorAll<HTMLElement>('[part~="room"], [part="archived-summary"], [part~="archived-room"]')].filter((b) => b.tabIndex === 0);
    expect(stops).to.deep.equal([rooms[0]], 'one tab stop for the whole list');
    rooms[0]?.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(el).activeElement === rooms[1], 'has the focus').to.equal(true);
    await sendKeys({ press: 'End' });
    expect(shadow(el).activeElement === summary, 'has the focus').to.equal(true);
    await sendKeys({ press: 'ArrowUp' });
    expect(shadow(el).activeElement === rooms.at(-1), 'has the focus').to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => (one(el, 'details[part="archived"]') as HTMLDetailsElement).open, 'opened by Enter');
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(el).activeElement?.textContent).to.contain('entretiens-2026');
    await sendKeys({ press: 'Home' });
    expect(shadow(el).activeElement === rooms[0], 'has the focus').to.equal(true);
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

  it('« Sourdine » mutes a room by keyboard, live in another chat of the page, and its mentions stop reaching the inbox', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: `Sourdine ${crypto.randomUUID().slice(0, 6)}` });
    await karim.spaces.putMember(space.id, 'camille', 'member');
    const quiet = await karim.chat.createRoom(space.id, { name: 'bavardages' });
    const heard = await karim.chat.createRoom(space.id, { name: 'urgences' });
    const camille = await signedIn('camille');
    const page = await fixture<HTMLElement>(html`<div>
      <bureau-chat .client=${camille} room=${quiet.id}></bureau-chat>
      <bureau-chat lang="en" .client=${camille} room=${quiet.id}></bureau-chat>
    </div>`);
    const [chat, other] = [...page.querySelectorAll('bureau-chat')] as BureauChatElement[];
    const pressed = (el: Element) => one(el, '[part="mute-button"]')?.getAttribute('aria-pressed');
    await waitUntil(() => pressed(chat!) === 'false' && pressed(other!) === 'false', '« Sourdine » in both headers', { timeout: 10_000 });
    expect(one(other!, '[part="mute-button"]')?.textContent?.trim()).to.equal('Mute');
    await expect(chat).to.be.accessible();

    // The header's buttons are one toolbar: one Tab stop, the arrows between them.
    const tools = [...shadow(chat!).querySelectorAll<HTMLElement>('[role="toolbar"] > button')];
    expect(tools.filter((tool) => tool.tabIndex === 0)).to.have.length(1);
    one(chat!, '[part="members-button"]')?.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(shadow(chat!).activeElement === one(chat!, '[part="mute-button"]'), 'Sourdine reached by the arrow').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => one(chat!, '[part="mute-status"]')?.textContent?.includes('Salon en sourdine') === true, 'said politely', { timeout: 10_000 });
    expect(pressed(chat!)).to.equal('true');
    expect(shadow(chat!).activeElement === one(chat!, '[part="mute-button"]'), 'keeps the focus').to.equal(true);
    // The other chat of the page hears it from the stream (as another tab would).
    await waitUntil(() => pressed(other!) === 'true', 'reflected live', { timeout: 10_000 });
    await expect(chat).to.be.accessible();

    // Karim mentions Camille in both rooms, from his own client by bearer token (the browser's one
    // cookie stays Camille's, so her page goes on undisturbed).
    const karimElsewhere = bearer('karim');
    expect((await karimElsewhere.auth.session())?.user.id).to.equal('karim');
    await karimElsewhere.chat.send(quiet.id, '@camille dans le salon en sourdine');
    await karimElsewhere.chat.send(heard.id, '@camille dans le salon entendu');
    const about = async (roomId: string) => (await camille.notifications.list({ limit: 50 })).items.filter((n) => n.target.type === 'message' && n.target.roomId === roomId);
    await waitUntil(async () => (await about(heard.id)).length === 1, 'the mention of the room heard arrives', { timeout: 10_000 });
    expect(await about(quiet.id)).to.have.length(0, 'nothing from the muted room');

    await sendKeys({ press: 'Space' });
    await waitUntil(() => pressed(chat!) === 'false' && pressed(other!) === 'false', 'heard again, everywhere', { timeout: 10_000 });
    // The live event may turn the button before the answer to this chat's own request says so.
    await waitUntil(() => one(chat!, '[part="mute-status"]')?.textContent?.includes('Sourdine levée') === true, 'said politely', { timeout: 10_000 });
    expect(one(chat!, '[part="mute-status"]')?.textContent).to.contain('Sourdine levée');
    expect((await camille.notifications.preferences()).muted).to.not.include(quiet.id);
  });

  it('renames, archives and brings back a room from the chat header, with the keyboard; the archive is listed apart and read-only', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: `Archives ${crypto.randomUUID().slice(0, 6)}` });
    await karim.spaces.putMember(space.id, 'camille', 'member');
    await karim.chat.createRoom(space.id, { name: 'général' });
    const room = await karim.chat.createRoom(space.id, { name: 'projet', topic: 'Le projet' });
    const page = await fixture<HTMLElement>(html`<div>
      <bureau-room-list .client=${karim} space=${space.id} chat="the-chat"></bureau-room-list>
      <bureau-chat id="the-chat" .client=${karim} room=${room.id}></bureau-chat>
    </div>`);
    const list = page.querySelector('bureau-room-list') as BureauRoomListElement;
    const chat = page.querySelector('bureau-chat') as BureauChatElement;
    await waitUntil(() => one(chat, '[part="room-settings-button"]') !== null && roomNames(list).length === 2, 'the settings of its creator', { timeout: 10_000 });
    // Who is online, as a sentence for screen readers (Karim's own stream is open).
    await waitUntil(() => one(chat, '[part="presence"]')?.textContent?.includes('1 personne en ligne : Karim Benali') === true, 'presence', { timeout: 10_000 });
    await expect(chat).to.be.accessible();

    one(chat, '[part="room-settings-button"]')?.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = one<HTMLDialogElement>(chat, 'dialog[part="room-dialog"]') as HTMLDialogElement;
    await waitUntil(() => dialog.open && shadow(chat).activeElement?.getAttribute('name') === 'name', 'the name field has the focus');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: '-2027' });
    await sendKeys({ press: 'Enter' });
    // Live, from the stream: the header and the room list both show the new name.
    await waitUntil(
      () => one(chat, '.room-name')?.textContent === 'projet-2027' && roomNames(list).includes('projet-2027') && !dialog.open,
      'renamed everywhere',
      { timeout: 10_000 },
    );
    expect(shadow(chat).activeElement === one(chat, '[part="room-settings-button"]'), 'has the focus').to.equal(true);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog.open, 'the dialog again');
    for (let i = 0; i < 3; i += 1) await sendKeys({ press: 'Tab' }); // topic, save, archive
    expect(shadow(chat).activeElement?.textContent?.trim()).to.equal('Archiver le salon');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => one(chat, '[part="archived-badge"]') !== null && !dialog.open, 'archived', { timeout: 10_000 });
    expect(one(chat, '[part~="composer-field"]')).to.equal(null);
    expect(one(chat, '[part~="read-only"]')?.textContent).to.contain('archivé');
    await waitUntil(() => one(list, '[part="archived-summary"]')?.textContent?.includes('Salons archivés (1)') === true, 'listed apart', { timeout: 10_000 });
    expect(roomNames(list).filter((name) => name === 'projet-2027')).to.have.length(1, 'in the archive only');
    expect(one<HTMLDetailsElement>(list, 'details[part="archived"]')?.open).to.equal(true, 'open: it holds the room shown');
    await expect(chat).to.be.accessible();
    await expect(list).to.be.accessible();

    one(chat, '[part="unarchive-button"]')?.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => one(chat, '[part~="composer-field"]') !== null && one(list, '[part="archived"]') === null, 'brought back', { timeout: 10_000 });
    await waitUntil(() => shadow(chat).activeElement === one(chat, '[part="room-settings-button"]'), 'the focus on the settings');

    // Another member, not its creator: reads the archived room, cannot change it.
    await karim.chat.archiveRoom(room.id);
    page.remove();
    const camille = await signedIn('camille');
    const theirs = await fixture<BureauChatElement>(html`<bureau-chat .client=${camille} room=${room.id}></bureau-chat>`);
    await waitUntil(() => one(theirs, '[part="archived-badge"]') !== null && one(theirs, '[part="members-button"]') !== null, 'read-only', { timeout: 10_000 });
    await camille.spaces.get(space.id);
    await theirs.updateComplete;
    expect(one(theirs, '[part="room-settings-button"]')).to.equal(null);
    expect(one(theirs, '[part="unarchive-button"]')).to.equal(null);
    expect(one(theirs, '[part~="composer-field"]')).to.equal(null);
  });
});
