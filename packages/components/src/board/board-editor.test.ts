import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
import './board.js';
import type { BureauBoardElement } from './board.js';
import { cuttableFetch } from '../../../sdk/src/test/helpers.js';
import type { BureauBoardOpenEvent } from './events/board-open.js';

// The editing tools of <bureau-board> (a lazy chunk): add cards and columns, manage a column, the
// no-access state (its live side, which needs two sessions, is in e2e/self-service.test.ts).

const clients = new Set<BureauClient>();

async function signedIn(userId: string, options: { fetch?: typeof fetch } = {}): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory', ...options });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const all = (el: Element, selector: string): HTMLElement[] => [...shadow(el).querySelectorAll<HTMLElement>(selector)];
const one = (el: Element, selector: string): HTMLElement | null => shadow(el).querySelector<HTMLElement>(selector);
const announced = (el: Element): string => one(el, '[part="announcer"]')?.textContent?.trim() ?? '';
const titles = (el: Element): string[] => all(el, '[part="card-title"]').map((b) => b.textContent?.trim() ?? '');
const headings = (el: Element): string[] => all(el, '.column-name').map((h) => h.textContent?.trim() ?? '');

/** A fresh space of Karim's (Camille member, Inès guest) with a board of two columns. */
async function freshBoard(karim: BureauClient): Promise<{ spaceId: string; boardId: string }> {
  const space = await karim.spaces.create({ name: `Espace ${crypto.randomUUID().slice(0, 6)}` });
  await karim.spaces.putMember(space.id, 'camille', 'member');
  await karim.spaces.putMember(space.id, 'ines', 'guest');
  const board = await karim.boards.create(space.id, { name: 'Entretiens' });
  const todo = await karim.boards.createColumn(board.id, { name: 'À faire' });
  await karim.boards.createColumn(board.id, { name: 'Fait' });
  await karim.boards.createCard(board.id, { columnId: todo.id, title: 'Préparer la grille' });
  return { spaceId: space.id, boardId: board.id };
}

async function mount(client: BureauClient, boardId: string, ready: string): Promise<BureauBoardElement> {
  const el = await fixture<BureauBoardElement>(html`<bureau-board .client=${client} board=${boardId}></bureau-board>`);
  await waitUntil(() => one(el, ready) !== null, `${ready} shown`, { timeout: 10_000 });
  return el;
}

describe('<bureau-board> editing tools', () => {
  afterEach(() => {
    for (const client of clients) client.close();
    clients.clear();
  });

  it('is accessible with the add-card field open and the column dialog open', async () => {
    const karim = await signedIn('karim');
    const { boardId } = await freshBoard(karim);
    const el = await mount(karim, boardId, '[part="add-card-button"]');
    (one(el, '[part="add-card-button"]') as HTMLButtonElement).click();
    await waitUntil(() => one(el, '[part="add-card-field"]') !== null);
    await expect(el).to.be.accessible();
    (one(el, '[part="column-button"]') as HTMLButtonElement).click();
    await waitUntil(() => (one(el, 'dialog[part="column-dialog"]') as HTMLDialogElement | null)?.open === true);
    await expect(el).to.be.accessible();
  });

  it('adds cards with the keyboard: Enter adds and keeps the field open, Escape closes it and gives the focus back', async () => {
    const karim = await signedIn('karim');
    const { boardId } = await freshBoard(karim);
    const el = await mount(karim, boardId, '[part="add-card-button"]');
    const button = one(el, '[part="add-card-button"]') as HTMLButtonElement;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="add-card-field"]') === true, 'the field has the focus');
    await sendKeys({ type: 'Former les encadrants' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'Publier le calendrier' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(el).includes('Former les encadrants') && titles(el).includes('Publier le calendrier'), 'both cards shown', { timeout: 10_000 });
    expect((one(el, '[part="add-card-field"]') as HTMLInputElement).value).to.equal('');
    expect(shadow(el).activeElement?.matches('[part="add-card-field"]')).to.equal(true);
    await waitUntil(() => announced(el).includes('Publier le calendrier'), 'the new card is announced');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="add-card-button"]') === true, 'the focus is back on the button');
    expect(one(el, '[part="add-card-field"]')).to.equal(null);
  });

  it('a card added during a network cut shows at once as pending, the field ready for the next; it lands once when the network is back', async () => {
    const network = cuttableFetch();
    const karim = await signedIn('karim', { fetch: network.fetch });
    const { boardId } = await freshBoard(karim);
    const el = await mount(karim, boardId, '[part="add-card-button"]');
    (one(el, '[part="add-card-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="add-card-field"]') === true, 'the field has the focus');
    network.offline = true;
    await sendKeys({ type: 'Réserver la salle du conseil' });
    await sendKeys({ press: 'Enter' });
    const pending = (): string => one(el, '[part="pending-cards"]')?.textContent ?? '';
    await waitUntil(() => pending().includes('« Réserver la salle du conseil » : en cours d’envoi, gardée même sans réseau'), 'the card shows at once as pending, offline', { timeout: 10_000 });
    expect((one(el, '[part="add-card-field"]') as HTMLInputElement).value).to.equal('');
    expect(shadow(el).activeElement?.matches('[part="add-card-field"]')).to.equal(true, 'the field stays ready for the next card');
    expect(karim.outbox.items().map((item) => item.state)).to.deep.equal(['pending']);
    await expect(el).to.be.accessible();
    network.offline = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => titles(el).includes('Réserver la salle du conseil') && one(el, '[part="pending-cards"]') === null, 'the card lands', { timeout: 15_000 });
    const other = await signedIn('camille');
    const landed = (await other.boards.get(boardId)).cards.filter((card) => card.title === 'Réserver la salle du conseil');
    expect(landed).to.have.length(1, 'exactly once on the server');
  });

  it('adds, renames, limits, moves and deletes a column; its cards go where the person chose', async () => {
    const karim = await signedIn('karim');
    const { boardId } = await freshBoard(karim);
    const el = await mount(karim, boardId, '[part="add-column-button"]');
    (one(el, '[part="add-column-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'En validation' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => headings(el).join('|') === 'À faire|Fait|En validation', 'the new column at the end', { timeout: 10_000 });

    // Manage « En validation »: rename it and set a WIP limit.
    const manage = (name: string): HTMLButtonElement => all(el, '[part="column-button"]').find((b) => b.getAttribute('aria-label')?.includes(name)) as HTMLButtonElement;
    manage('En validation').click();
    const dialog = (): HTMLDialogElement => one(el, 'dialog[part="column-dialog"]') as HTMLDialogElement;
    await waitUntil(() => dialog().open);
    (dialog().querySelector('input[name="name"]') as HTMLInputElement).value = 'À valider';
    (dialog().querySelector('input[name="wip"]') as HTMLInputElement).value = '2';
    (dialog().querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => headings(el).includes('À valider') && !dialog().open, 'renamed', { timeout: 10_000 });
    expect(one(el, '[part="wip"]')?.textContent).to.match(/2/);

    // Move it left, with the single-pointer button; the move is announced.
    manage('À valider').click();
    await waitUntil(() => dialog().open);
    ([...dialog().querySelectorAll('button')].find((b) => b.textContent?.includes('Déplacer à gauche')) as HTMLButtonElement).click();
    await waitUntil(() => headings(el).join('|') === 'À faire|À valider|Fait', 'moved left', { timeout: 10_000 });
    await waitUntil(() => /position 2 sur 3/.test(announced(el)), 'the move is announced', { timeout: 10_000 });
    const closed = new Promise((resolve) => dialog().addEventListener('close', resolve, { once: true }));
    dialog().close();
    await closed;

    // Delete « À faire », whose card goes to « Fait ».
    manage('À faire').click();
    await waitUntil(() => dialog().open);
    const destination = dialog().querySelector('select[name="destination"]') as HTMLSelectElement;
    destination.value = [...destination.options].find((o) => o.textContent === 'Fait')?.value ?? '';
    (dialog().querySelector('[part="delete-column-button"]') as HTMLButtonElement).click();
    await waitUntil(() => headings(el).join('|') === 'À valider|Fait', 'deleted', { timeout: 10_000 });
    const fait = all(el, 'section[data-column]').find((s) => s.textContent?.includes('Fait')) as HTMLElement;
    expect(fait.textContent).to.include('Préparer la grille');
  });

  it('renames a column in place (Enter saves, Escape cancels) and drags a column by its handle; both announced', async () => {
    const karim = await signedIn('karim');
    const { boardId } = await freshBoard(karim);
    const el = await mount(karim, boardId, '[part="rename-column-button"]');
    (one(el, '[part="rename-column-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="column-name-field"]') === true, 'the field in place has the focus');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'Brouillon' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="rename-column-button"]') === true, 'Escape gives the focus back');
    expect(headings(el)).to.deep.equal(['À faire', 'Fait']);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="column-name-field"]') === true);
    await sendKeys({ type: 'Idées' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => headings(el).join('|') === 'Idées|Fait', 'renamed', { timeout: 10_000 });
    // The heading can change with the live event before the save's answer: the announcement and the
    // focus follow that answer.
    await waitUntil(() => announced(el) === 'Colonne « Idées » enregistrée.', 'the rename is announced', { timeout: 10_000 });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="rename-column-button"]') === true, 'the focus is back on ✎');

    // Drag « Fait » by its handle to the left of « Idées ».
    const handle = all(el, '[part="column-handle"]')[1] as HTMLElement;
    const from = handle.getBoundingClientRect();
    const to = (all(el, 'section[data-column]')[0] as HTMLElement).getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(from.left + from.width / 2), Math.round(from.top + from.height / 2)] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(from.left - 20), Math.round(from.top + 10)] });
    await sendMouse({ type: 'move', position: [Math.round(to.left + 10), Math.round(to.top + 20)] });
    await sendMouse({ type: 'up' });
    await waitUntil(() => headings(el).join('|') === 'Fait|Idées', 'dropped first', { timeout: 10_000 });
    await waitUntil(() => announced(el) === 'Colonne « Fait » déplacée en position 1 sur 2.', 'the drop is announced', { timeout: 10_000 });
  });

  it('the card dialog shows the card’s activity; an owner deletes the card after confirming, by keyboard', async () => {
    const karim = await signedIn('karim');
    const { boardId } = await freshBoard(karim);
    const el = await mount(karim, boardId, '[part="card-title"]');
    (one(el, '[part="card-title"]') as HTMLButtonElement).click();
    await waitUntil(() => one(el, '[part="activity-entry"]') !== null, 'activity shown', { timeout: 10_000 });
    expect(one(el, '[part="activity-entry"]')?.textContent).to.include('Karim Benali a créé la carte dans « À faire »');
    await waitUntil(() => one(el, '[part="delete-card-button"]') !== null, 'delete offered to the owner');
    await expect(el).to.be.accessible();
    (one(el, '[part="delete-card-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="confirm-delete-card-button"]') === true, 'confirmation focused');
    expect(titles(el)).to.deep.equal(['Préparer la grille'], 'nothing deleted before confirming');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(el).length === 0, 'the card is gone', { timeout: 10_000 });
    expect((one(el, 'dialog[part="card-dialog"]') as HTMLDialogElement).open).to.equal(false);
  });

  it('archives a card by keyboard: it leaves the columns live for everyone; « Archives » lists it and « Restaurer » puts it back', async () => {
    const karim = await signedIn('karim');
    const { boardId } = await freshBoard(karim);
    const camille = await signedIn('camille');
    const watcher = await mount(karim, boardId, '[part="card-title"]');
    const el = await mount(camille, boardId, '[part="card-title"]');
    (one(el, '[part="card-title"]') as HTMLButtonElement).click();
    await waitUntil(() => one(el, '[part="archive-card-button"]') !== null, 'archive offered to a member', { timeout: 10_000 });
    expect(one(el, '[part="delete-card-button"]')).to.equal(null, 'a member who did not write the card may not delete it');
    (one(el, '[part="archive-card-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(el).length === 0 && titles(watcher).length === 0, 'the card left both boards', { timeout: 10_000 });
    // The card leaves with the live event, which may come before the archive's answer: the announcement follows that answer.
    await waitUntil(() => announced(el).includes('Carte « Préparer la grille » archivée'), 'the archive is announced', { timeout: 10_000 });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="archives-button"]') === true, 'the focus lands on « Archives »');

    await sendKeys({ press: 'Enter' });
    const dialog = (): HTMLDialogElement => one(el, 'dialog[part="archives-dialog"]') as HTMLDialogElement;
    await waitUntil(() => dialog()?.open === true && one(el, '[part="restore-button"]') !== null, 'the archives list the card', { timeout: 10_000 });
    expect(one(el, '[part="archived-card"]')?.textContent).to.include('de « À faire »');
    await expect(el).to.be.accessible();
    (one(el, '[part="restore-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(el).length === 1 && titles(watcher).length === 1, 'back on both boards', { timeout: 10_000 });
    await waitUntil(() => announced(el) === 'Carte « Préparer la grille » restaurée dans « À faire ».', 'the restore is announced', { timeout: 10_000 });
    expect(one(el, '[part="archived-card"]')).to.equal(null);
    await waitUntil(() => shadow(el).activeElement?.matches('[part="archives-close-button"]') === true, 'the focus stays in the dialog');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog().open && shadow(el).activeElement?.matches('[part="archives-button"]') === true, 'closed, focus back');
  });

  it('lists the boards of a space: « Nouveau tableau », open and back, rename in place and archive, by keyboard', async () => {
    const karim = await signedIn('karim');
    const { spaceId } = await freshBoard(karim);
    const el = await fixture<BureauBoardElement>(html`<bureau-board .client=${karim} space=${spaceId}></bureau-board>`);
    await waitUntil(() => one(el, '[part="new-board-button"]') !== null, 'the list with « Nouveau tableau »', { timeout: 10_000 });
    const names = (part = 'boards'): string[] => all(el, `[part="${part}"] [part="open-board-button"]`).map((b) => b.textContent?.trim() ?? '');
    expect(names()).to.deep.equal(['Entretiens']);
    await expect(el).to.be.accessible();

    // The host page is asked first (bureau-board-open, cancelable): refused, the list stays.
    const asked: string[] = [];
    const refuse = (event: BureauBoardOpenEvent): void => {
      asked.push(event.boardId);
      event.preventDefault();
    };
    el.addEventListener('bureau-board-open', refuse);
    (one(el, '[part="open-board-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    expect(asked).to.have.length(1);
    await el.updateComplete;
    expect(names()).to.deep.equal(['Entretiens'], 'still the list');
    el.removeEventListener('bureau-board-open', refuse);

    (one(el, '[part="new-board-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="new-board-field"]') === true, 'the name field has the focus');
    await sendKeys({ type: 'Plan de formation 2027' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => one(el, '[part="header"] h2')?.textContent === 'Plan de formation 2027', 'the new board opened', { timeout: 10_000 });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="all-boards-button"]') === true, 'the way back has the focus');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => names().join('|') === 'Entretiens|Plan de formation 2027', 'back to the list, with the new board', { timeout: 10_000 });

    const item = (name: string): HTMLElement => all(el, '[part="board-item"]').find((li) => li.textContent?.includes(name)) as HTMLElement;
    (item('Plan de formation').querySelector('[part="rename-board-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="board-name-field"]') === true, 'the name field in place');
    await sendKeys({ type: 'Brouillon' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="rename-board-button"]') === true, 'Escape cancels');
    expect(names()).to.include('Plan de formation 2027');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.matches('[part="board-name-field"]') === true);
    await sendKeys({ type: 'Plan de formation 2028' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => names().includes('Plan de formation 2028'), 'renamed', { timeout: 10_000 });
    expect(announced(el)).to.include('renommé en « Plan de formation 2028 »');

    (item('Plan de formation 2028').querySelector('[part="archive-board-button"]') as HTMLButtonElement).click();
    await waitUntil(() => names().join('|') === 'Entretiens', 'archived boards leave the list', { timeout: 10_000 });
    (one(el, '[part="archived-boards-toggle"]') as HTMLButtonElement).click();
    await waitUntil(() => names('archived-boards').join('|') === 'Plan de formation 2028', 'listed apart', { timeout: 10_000 });
    await expect(el).to.be.accessible();
  });

  it('a guest sees no editing tool; the column counts follow the filters', async () => {
    const karim = await signedIn('karim');
    const { boardId } = await freshBoard(karim);
    const { columns } = await karim.boards.get(boardId);
    const old = await karim.boards.createCard(boardId, { columnId: columns[0]?.id as string, title: 'Ancienne campagne' });
    await karim.boards.archiveCard(old.id);
    const ines = await signedIn('ines');
    const el = await mount(ines, boardId, '[part="card-title"]');
    // The role comes with the space's members: once they fill the assignee filter, the tools would be there.
    await waitUntil(() => (all(el, 'select')[0] as HTMLSelectElement | undefined)?.options.length === 4, 'members loaded', { timeout: 10_000 });
    await el.updateComplete;
    expect(one(el, '[part="add-card-button"]')).to.equal(null);
    expect(one(el, '[part="add-column-button"]')).to.equal(null);
    expect(one(el, '[part="column-button"]')).to.equal(null);
    // « Membres » in the board's header opens the space's members, read-only for a guest.
    (one(el, '[part="header"] [part="members-button"]') as HTMLButtonElement).click();
    await waitUntil(() => (one(el, 'dialog[part="members-dialog"]') as HTMLDialogElement | null)?.open === true, 'the members dialog open', { timeout: 10_000 });
    const members = one(el, 'dialog[part="members-dialog"] bureau-members') as HTMLElement;
    await waitUntil(() => members.shadowRoot?.textContent?.includes('Karim Benali') === true, 'the members listed', { timeout: 10_000 });
    expect(members.shadowRoot?.querySelector('[part="search-field"]')).to.equal(null, 'a guest adds nobody');
    (one(el, 'dialog[part="members-dialog"]') as HTMLDialogElement).close();
    const due = all(el, 'select').at(-1) as HTMLSelectElement;
    due.value = 'overdue';
    due.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(one(el, '[part="count"]')?.textContent).to.equal('0 sur 1 carte');
    // The archives read, without « Restaurer ».
    (one(el, '[part="archives-button"]') as HTMLButtonElement).click();
    await waitUntil(() => one(el, '[part="archived-card"]')?.textContent?.includes('Ancienne campagne') === true, 'the archived card listed', { timeout: 10_000 });
    expect(one(el, '[part="restore-button"]')).to.equal(null);
    // The space's boards: read and opened, never created, renamed or archived.
    const list = await fixture<BureauBoardElement>(html`<bureau-board .client=${ines} space=${(await ines.boards.get(boardId)).board.spaceId}></bureau-board>`);
    await waitUntil(() => one(list, '[part="open-board-button"]') !== null, 'the guest reads the list', { timeout: 10_000 });
    await list.updateComplete;
    expect([one(list, '[part="new-board-button"]'), one(list, '[part="rename-board-button"]'), one(list, '[part="archive-board-button"]')]).to.deep.equal([null, null, null]);
  });

  it('shows the no-access sentence to a non-member, without error styling, and stays axe-clean', async () => {
    const karim = await signedIn('karim');
    const { boardId, spaceId } = await freshBoard(karim);
    const theo = await signedIn('theo');
    const el = await fixture<BureauBoardElement>(html`<bureau-board .client=${theo} board=${boardId}></bureau-board>`);
    await waitUntil(() => one(el, '[part="state"]')?.textContent?.includes('pas membre') === true, 'no-access', { timeout: 10_000 });
    expect(one(el, '[role="alert"]')).to.equal(null);
    expect(one(el, '[part="add-column-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
    const list = await fixture<BureauBoardElement>(html`<bureau-board .client=${theo} space=${spaceId}></bureau-board>`);
    await waitUntil(() => one(list, '[part="state"]')?.textContent?.includes('pas membre') === true, 'no-access for the list too', { timeout: 10_000 });
    expect(one(list, '[role="alert"]')).to.equal(null);
  });
});
