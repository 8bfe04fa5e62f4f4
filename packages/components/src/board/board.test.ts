import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
import type { Card, Column } from '@bureau/api';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
// Defines the tag (the names below are only types, which the test bundler would drop).
import './board.js';
import '../chat/chat.js';
import type { BureauBoardElement, BureauCardMoveEvent } from './board.js';

const space = 'espace-rh-360';
const clients = new Set<BureauClient>();

async function signedIn(userId: string, fetch?: typeof globalThis.fetch): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory', ...(fetch === undefined ? {} : { fetch }) });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

interface Fresh {
  boardId: string;
  todo: Column;
  doing: Column;
  cards: Card[];
}

/** A fresh board: « À faire » with the given card titles, « En cours » empty with a WIP limit of 1. */
async function freshBoard(client: BureauClient, titles: string[], description = ''): Promise<Fresh> {
  const board = await client.boards.create(space, { name: `Campagne ${crypto.randomUUID().slice(0, 8)}`, labels: [{ name: 'Urgent', color: '#b3261e' }] });
  const todo = await client.boards.createColumn(board.id, { name: 'À faire' });
  const doing = await client.boards.createColumn(board.id, { name: 'En cours', wipLimit: 1 });
  const cards: Card[] = [];
  for (const title of titles) cards.push(await client.boards.createCard(board.id, { columnId: todo.id, title, description }));
  return { boardId: board.id, todo, doing, cards };
}

const shadow = (el: Element): ShadowRoot => {
  if (el.shadowRoot === null) throw new Error(`<${el.localName}> has no shadow root`);
  return el.shadowRoot;
};

function find<T extends HTMLElement = HTMLElement>(el: Element, selector: string): T {
  const found = shadow(el).querySelector<T>(selector);
  if (found === null) throw new Error(`nothing matches ${selector} in <${el.localName}>`);
  return found;
}

const cardIds = (el: Element, columnId: string): string[] =>
  [...shadow(el).querySelectorAll<HTMLElement>(`ul[data-column-list="${columnId}"] li[data-card]`)].map((li) => li.dataset.card ?? '');

/** Whether a dialog of the board (by part) is in the DOM and open; the card dialog loads on first use. */
const isOpen = (el: Element, part: string): boolean => shadow(el).querySelector<HTMLDialogElement>(`dialog[part="${part}"]`)?.open === true;

const announced = (el: Element): string => find(el, '[part="announcer"]').textContent?.trim() ?? '';

/** Mounts a board and waits until its cards show (and, for writers, their move buttons). */
async function mountBoard(client: BureauClient, boardId: string, cards: number, writer = true): Promise<BureauBoardElement> {
  const el = await fixture<BureauBoardElement>(html`<bureau-board .client=${client} board=${boardId}></bureau-board>`);
  await waitUntil(() => shadow(el).querySelectorAll('li[data-card]').length === cards, `${cards} cards shown`, { timeout: 10_000 });
  // Writers: the move buttons, then the editing tools (a lazy chunk) that complete the columns' layout.
  if (writer) await waitUntil(() => shadow(el).querySelector('[part="move-button"]') !== null && shadow(el).querySelector('[part="add-card-button"]') !== null, 'move buttons and editing tools', { timeout: 10_000 });
  return el;
}

function nextEvent<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => target.addEventListener(type, (event) => resolve(event as GlobalEventHandlersEventMap[K]), { once: true }));
}

describe('<bureau-board>', () => {
  afterEach(() => {
    for (const client of clients) client.close();
    clients.clear();
  });

  it('is accessible with cards, labels, a WIP limit exceeded and the detail dialog open', async () => {
    const client = await signedIn('karim');
    const { boardId, doing, cards } = await freshBoard(client, ['Préparer la grille', 'Former les managers', 'Relancer les agents']);
    await client.boards.moveCard((cards[0] as Card).id, { columnId: doing.id });
    await client.boards.moveCard((cards[1] as Card).id, { columnId: doing.id });
    const el = await mountBoard(client, boardId, 3);
    await waitUntil(() => shadow(el).querySelector('[part~="column-over-limit"]') !== null, 'WIP limit flagged');
    expect(find(el, '[part~="column-over-limit"] [part="wip"]').textContent).to.contain('Limite dépassée');
    await waitUntil(() => shadow(el).querySelector('[part="mute-button"]') !== null, '« Sourdine » (a lazy chunk)', { timeout: 10_000 });
    await expect(el).to.be.accessible();
    // « Sourdine » by keyboard: the board is muted for Karim, said politely.
    const mute = find<HTMLButtonElement>(el, '[part="mute-button"]');
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    mute.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => find(el, '[part="mute-status"]').textContent?.includes('Tableau en sourdine') === true, 'muted, said', { timeout: 10_000 });
    expect(mute.getAttribute('aria-pressed')).to.equal('true');
    expect((await client.notifications.preferences()).muted).to.include(boardId);
    await sendKeys({ press: 'Space' });
    await waitUntil(() => find(el, '[part="mute-status"]').textContent?.includes('Sourdine levée') === true, 'heard again', { timeout: 10_000 });
    expect((await client.notifications.preferences()).muted).to.not.include(boardId);
    find(el, '[part="card-title"]').click();
    await waitUntil(() => isOpen(el, 'card-dialog'), 'dialog open');
    await expect(el).to.be.accessible();
  });

  it('moves a card across columns with the keyboard only, announced; Escape cancels', async () => {
    const client = await signedIn('karim');
    const { boardId, todo, doing, cards } = await freshBoard(client, ['Préparer la grille', 'Former les managers']);
    const [first, second] = cards as [Card, Card];
    const el = await mountBoard(client, boardId, 2);

    // Lift, move right, cancel: back where it was.
    find(el, `li[data-card="${second.id}"]`).focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(announced(el)).to.contain('saisie dans « À faire », position 2 sur 2');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(cardIds(el, doing.id)).to.deep.equal([second.id]);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(cardIds(el, todo.id)).to.deep.equal([first.id, second.id]);
    expect(announced(el)).to.equal('Déplacement de « Former les managers » annulé');

    // Lift, right, drop: moved, announced, focus kept on the card.
    find(el, `li[data-card="${first.id}"]`).focus();
    const moved = nextEvent(el, 'bureau-card-move');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    await sendKeys({ press: 'Space' });
    const event: BureauCardMoveEvent = await moved;
    expect([event.cardId, event.fromColumnId, event.toColumnId]).to.deep.equal([first.id, todo.id, doing.id]);
    await el.updateComplete;
    expect(announced(el)).to.equal('Carte « Préparer la grille » déplacée dans « En cours », position 1 sur 1');
    expect(shadow(el).activeElement?.getAttribute('data-card')).to.equal(first.id);
    await waitUntil(async () => (await client.boards.card(first.id)).columnId === doing.id, 'the server has the move');
    expect(cardIds(el, doing.id)).to.deep.equal([first.id]);
  });

  it('moves a card with the « Déplacer vers… » dialog (single pointer)', async () => {
    const client = await signedIn('karim');
    const { boardId, todo, doing, cards } = await freshBoard(client, ['Un', 'Deux', 'Trois']);
    const [one, two, three] = cards as [Card, Card, Card];
    await client.boards.moveCard(three.id, { columnId: doing.id });
    const el = await mountBoard(client, boardId, 3);
    find(el, `li[data-card="${one.id}"] [part="move-button"]`).click();
    const dialog = find<HTMLDialogElement>(el, 'dialog[part="move-dialog"]');
    await waitUntil(() => dialog.open, 'move dialog open');
    const column = dialog.querySelector('select[name="column"]') as HTMLSelectElement;
    column.value = doing.id;
    column.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const position = dialog.querySelector('select[name="position"]') as HTMLSelectElement;
    expect([...position.options].map((o) => o.textContent)).to.deep.equal(['1 sur 2', '2 sur 2']);
    position.value = '0';
    position.dispatchEvent(new Event('change'));
    (dialog.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
    expect(announced(el)).to.equal('Carte « Un » déplacée dans « En cours », position 1 sur 2');
    expect(cardIds(el, doing.id)).to.deep.equal([one.id, three.id]);
    await waitUntil(async () => (await client.boards.get(boardId)).cards.filter((c) => c.columnId === doing.id).map((c) => c.id).join() === `${one.id},${three.id}`, 'server order');
    expect(cardIds(el, todo.id)).to.deep.equal([two.id]);
  });

  it('moves a card by pointer drag and drop, with a drop indicator', async () => {
    const client = await signedIn('karim');
    const { boardId, todo, doing, cards } = await freshBoard(client, ['Glisser', 'Rester']);
    const [dragged, stays] = cards as [Card, Card];
    const el = await mountBoard(client, boardId, 2);
    const from = find(el, `li[data-card="${dragged.id}"] [part="card-title"]`).getBoundingClientRect();
    const to = find(el, `ul[data-column-list="${doing.id}"]`).getBoundingClientRect();
    const moved = nextEvent(el, 'bureau-card-move');
    await sendMouse({ type: 'move', position: [Math.round(from.left + 5), Math.round(from.top + 5)] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(from.left + 40), Math.round(from.top + 20)] });
    await sendMouse({ type: 'move', position: [Math.round(to.left + to.width / 2), Math.round(to.top + 20)] });
    await waitUntil(() => !find(el, '[part="drop-indicator"]').hidden, 'drop indicator shown');
    await sendMouse({ type: 'up' });
    const event = await moved;
    expect([event.cardId, event.toColumnId]).to.deep.equal([dragged.id, doing.id]);
    await waitUntil(() => cardIds(el, doing.id).join() === dragged.id, 'card in its new column');
    expect(cardIds(el, todo.id)).to.deep.equal([stays.id]);
    expect(find(el, '[part="drop-indicator"]').hidden).to.equal(true);
    expect(isOpen(el, 'card-dialog')).to.equal(false);
    await waitUntil(async () => (await client.boards.card(dragged.id)).columnId === doing.id, 'the server has the move');
  });

  it('a drag started right after the first paint keeps its drop', async () => {
    const client = await signedIn('karim');
    const { boardId, doing, cards } = await freshBoard(client, ['Tôt', 'Après']);
    const dragged = cards[0] as Card;
    // The cards just showed: the role, the members and the editing tools may still be on their way.
    const el = await mountBoard(client, boardId, 2, false);
    // The editing tools, arriving meanwhile, push the cards down a little: a press that the shift made
    // miss the card is let go away from any control, and the card pressed again where it is now.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const card = find(el, `li[data-card="${dragged.id}"]`);
      const from = (card.querySelector('[part="card-title"]') as HTMLElement).getBoundingClientRect();
      const pressed = new Promise<boolean>((resolve) =>
        shadow(el).addEventListener('pointerdown', (event) => resolve(event.composedPath().includes(card)), { once: true, capture: true }),
      );
      await sendMouse({ type: 'move', position: [Math.round(from.left + 5), Math.round(from.top + 5)] });
      await sendMouse({ type: 'down' });
      if (await pressed) break;
      await sendMouse({ type: 'move', position: [1, 1] });
      await sendMouse({ type: 'up' });
    }
    const start = find(el, `li[data-card="${dragged.id}"] [part="card-title"]`).getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(start.left + 40), Math.round(start.top + 20)] });
    const to = find(el, `ul[data-column-list="${doing.id}"]`).getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(to.left + to.width / 2), Math.round(to.top + to.height / 2)] });
    await sendMouse({ type: 'up' });
    await waitUntil(() => cardIds(el, doing.id).join() === dragged.id, 'card in its new column', { timeout: 10_000 });
    await waitUntil(async () => (await client.boards.card(dragged.id)).columnId === doing.id, 'the server has the move', { timeout: 10_000 });
  });

  it('a chat and a board of one space on one page read the space and its members once', async () => {
    const gets: string[] = [];
    const counting: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET') gets.push(new URL(request.url).pathname + new URL(request.url).search);
      return fetch(request);
    };
    const client = await signedIn('karim', counting);
    const { boardId } = await freshBoard(client, ['Une']);
    const room = await client.chat.createRoom(space, { name: `lecture-${crypto.randomUUID().slice(0, 8)}` });
    gets.length = 0;
    const chat = await fixture(html`<bureau-chat .client=${client} room=${room.id}></bureau-chat>`);
    await waitUntil(() => shadow(chat).querySelector('textarea:not([disabled])') !== null, 'chat composer ready', { timeout: 10_000 });
    await mountBoard(client, boardId, 1);
    const twice = gets.filter((get, index) => gets.indexOf(get) !== index && get.startsWith(`/v1/spaces/${space}`));
    expect(twice).to.deep.equal([]);
    expect(gets).to.include(`/v1/spaces/${space}`);
  });

  it('a card someone else moves keeps the person’s focus', async () => {
    const client = await signedIn('karim');
    const { boardId, doing, cards } = await freshBoard(client, ['Sous le focus', 'Autre']);
    const focused = cards[0] as Card;
    const el = await mountBoard(client, boardId, 2);
    find(el, `li[data-card="${focused.id}"]`).focus();
    const other = await signedIn('karim');
    await other.boards.moveCard(focused.id, { columnId: doing.id });
    await waitUntil(() => cardIds(el, doing.id).join() === focused.id, 'the remote move shown', { timeout: 10_000 });
    await el.updateComplete;
    expect(shadow(el).activeElement?.getAttribute('data-card')).to.equal(focused.id);
  });

  it('a stale edit shows the other version and keeps the person’s text', async () => {
    const client = await signedIn('karim');
    const { boardId, cards } = await freshBoard(client, ['Entretien de Léa'], 'Texte initial');
    const card = cards[0] as Card;
    const el = await mountBoard(client, boardId, 1);
    find(el, '[part="card-title"]').click();
    await waitUntil(() => isOpen(el, 'card-dialog'), 'dialog open');
    const field = find<HTMLTextAreaElement>(el, 'textarea[part="description-field"]');
    field.value = 'Mon compte rendu détaillé';
    field.dispatchEvent(new Event('input'));

    // Someone else saves the description meanwhile; the board shows it, the field keeps mine.
    const other = await signedIn('karim');
    await other.boards.editCard(card.id, { description: 'Version de Camille' }, { base: card });
    await waitUntil(() => shadow(el).querySelector('[part="changed-notice"]') !== null, 'remote change noticed', { timeout: 10_000 });
    expect(field.value).to.equal('Mon compte rendu détaillé');

    find(el, '[part="save-button"]').click();
    await waitUntil(() => shadow(el).querySelector('[part="conflict"]') !== null, 'conflict shown', { timeout: 10_000 });
    expect(find(el, '[part="conflict"]').textContent).to.contain('Version de Camille');
    // Brought into sight with the focus, not left out of view.
    await waitUntil(() => shadow(el).activeElement === find(el, '[part="conflict"]'), 'the conflict has the focus');
    // Announced (an alert) and in sight inside the dialog.
    expect(find(el, '[part="conflict"]').getAttribute('role')).to.equal('alert');
    const seen = find(el, 'dialog[part="card-dialog"]').getBoundingClientRect();
    const conflict = find(el, '[part="conflict"]').getBoundingClientRect();
    expect(conflict.top >= seen.top && conflict.top < seen.bottom).to.equal(true, 'the conflict is in view');
    expect(find<HTMLTextAreaElement>(el, 'textarea[part="description-field"]').value).to.equal('Mon compte rendu détaillé');

    find(el, '[part="keep-mine-button"]').click();
    await waitUntil(async () => (await client.boards.card(card.id)).description === 'Mon compte rendu détaillé', 'mine saved', { timeout: 10_000 });
  });

  it('guests see no move controls and cannot lift a card', async () => {
    const karim = await signedIn('karim');
    const { boardId, todo, cards } = await freshBoard(karim, ['Lecture seule']);
    const ines = await signedIn('ines');
    const el = await mountBoard(ines, boardId, 1, false);
    // The role comes with the members (listed in the assignee filter): wait for them.
    await waitUntil(() => shadow(el).querySelectorAll('[part="filters"] select:first-of-type option').length > 1, 'members loaded');
    expect(find(el, 'li[data-card]').hasAttribute('aria-describedby')).to.equal(false);
    expect(shadow(el).querySelector('[part="move-button"]')).to.equal(null);
    find(el, 'li[data-card]').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(cardIds(el, todo.id)).to.deep.equal([(cards[0] as Card).id]);
    expect(announced(el)).to.equal('');
  });

  it('filters by label, assignee and due date, in English', async () => {
    const client = await signedIn('karim');
    const { boardId, cards } = await freshBoard(client, ['Labelled', 'Assigned', 'Overdue']);
    const [labelled, assigned, overdue] = cards as [Card, Card, Card];
    const { board } = await client.boards.get(boardId);
    const urgent = board.labels[0]?.id ?? '';
    await client.boards.editCard(labelled.id, { labelIds: [urgent] }, { base: labelled });
    await client.boards.editCard(assigned.id, { assignees: ['camille'] }, { base: assigned });
    await client.boards.editCard(overdue.id, { dueDate: '2020-01-01' }, { base: overdue });
    const el = await fixture<BureauBoardElement>(html`<bureau-board lang="en" .client=${client} board=${boardId}></bureau-board>`);
    await waitUntil(() => shadow(el).querySelectorAll('[part="move-button"]').length === 3, 'cards and role', { timeout: 10_000 });
    const [byAssignee, byLabel, byDue] = [...shadow(el).querySelectorAll<HTMLSelectElement>('[part="filters"] select')] as [HTMLSelectElement, HTMLSelectElement, HTMLSelectElement];
    const shownTitles = (): string[] => [...shadow(el).querySelectorAll('[part="card-title"]')].map((b) => b.textContent ?? '');
    const choose = async (select: HTMLSelectElement, value: string): Promise<void> => {
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
    };
    await choose(byLabel, urgent);
    expect(shownTitles()).to.deep.equal(['Labelled']);
    await choose(byLabel, '');
    await choose(byAssignee, 'camille');
    expect(shownTitles()).to.deep.equal(['Assigned']);
    await choose(byAssignee, '');
    await choose(byDue, 'overdue');
    expect(shownTitles()).to.deep.equal(['Overdue']);
    // Counts follow the filters (shown of all); the strings are English.
    expect(find(el, '[part="count"]').textContent).to.equal('1 of 3 cards');
    await choose(byDue, '');
    expect(find(el, '[part="count"]').textContent).to.equal('3 cards');
    expect(find(el, '[part="move-button"]').textContent).to.equal('Move to…');
  });

  it('filters by words of the titles and descriptions, typed in « Rechercher », accents and case aside', async () => {
    const client = await signedIn('karim');
    const { boardId } = await freshBoard(client, ['Former les encadrants', 'Publier le calendrier', 'Saisir les comptes rendus']);
    const el = await fixture<BureauBoardElement>(html`<bureau-board .client=${client} board=${boardId}></bureau-board>`);
    await waitUntil(() => shadow(el).querySelectorAll('[part="card-title"]').length === 3, 'cards shown', { timeout: 10_000 });
    const field = find<HTMLInputElement>(el, '[part="filter-text"]');
    expect(shadow(el).querySelector(`label[for="${field.id}"]`)?.textContent).to.equal('Rechercher');
    const shownTitles = (): string[] => [...shadow(el).querySelectorAll('[part="card-title"]')].map((b) => b.textContent ?? '');
    field.focus();
    await sendKeys({ type: 'CALENDRIÉR' });
    await el.updateComplete;
    expect(shownTitles()).to.deep.equal(['Publier le calendrier']);
    field.select();
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(shownTitles()).to.have.length(3);
  });

  it('shows one calm sentence, not the board nor an error, to someone outside the space', async () => {
    const karim = await signedIn('karim');
    const { boardId } = await freshBoard(karim, ['Privée']);
    const theo = await signedIn('theo');
    const el = await fixture<BureauBoardElement>(html`<bureau-board .client=${theo} board=${boardId}></bureau-board>`);
    await waitUntil(() => shadow(el).querySelector('[part="state"]')?.textContent?.includes('membre') === true, 'no-access state', { timeout: 10_000 });
    expect(find(el, '[part="state"]').textContent).to.equal('Vous n’êtes pas membre de cet espace, ou ce contenu n’existe plus.');
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
    expect(shadow(el).querySelectorAll('li[data-card]')).to.have.length(0);
  });

  it('renders card text with HTML or script payloads inert', async () => {
    const client = await signedIn('karim');
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const { boardId } = await freshBoard(client, [payload], `${payload} [x](javascript:alert(1))`);
    const el = await mountBoard(client, boardId, 1);
    expect(find(el, '[part="card-title"]').textContent).to.equal(payload);
    find(el, '[part="card-title"]').click();
    await waitUntil(() => isOpen(el, 'card-dialog'), 'dialog open');
    const root = shadow(el);
    expect(root.querySelectorAll('img, script, iframe, object')).to.have.length(0);
    expect([...root.querySelectorAll('a')].filter((a) => a.getAttribute('href')?.startsWith('javascript'))).to.have.length(0);
    expect(find(el, '[part="description"]').textContent).to.contain('<script>');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('links a document by keyboard only; it shows for another reader with its name inert; removing it unlinks it; axe stays clean', async () => {
    const karim = await signedIn('karim');
    const spaceId = (await karim.spaces.create({ name: `Documents ${crypto.randomUUID().slice(0, 8)}` })).id;
    await karim.spaces.putMember(spaceId, 'camille', 'member');
    const { rootId } = await karim.files.tree(spaceId);
    const hostile = '<img src=x onerror="window.__pwned=1">.txt';
    const file = await karim.files.uploads.add(new Blob(['Grille'], { type: 'text/plain' }), { spaceId, folderId: rootId, name: hostile }).whenDone();
    const board = await karim.boards.create(spaceId, { name: 'Campagne' });
    const todo = await karim.boards.createColumn(board.id, { name: 'À faire' });
    const card = await karim.boards.createCard(board.id, { columnId: todo.id, title: 'Grille d’évaluation' });
    const el = await mountBoard(karim, board.id, 1);
    find(el, '[part="card-title"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => isOpen(el, 'card-dialog'), 'dialog open');
    const root = shadow(el);
    expect(find(el, '[part="documents"]').textContent).to.contain('Aucun document lié');
    find(el, '[part="link-document-button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.activeElement?.matches('select[part="picker-folder"]') === true, 'the folder list has the focus');
    await waitUntil(() => root.querySelector('[part="picker-file"]') !== null, 'files of the folder listed', { timeout: 10_000 });
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement?.getAttribute('part')).to.equal('picker-file');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[part="document-link"]') !== null, 'document linked', { timeout: 10_000 });
    expect(root.activeElement?.getAttribute('part')).to.equal('link-document-button', 'the focus goes back to the button');
    await waitUntil(async () => (await karim.boards.card(card.id)).fileIds.includes(file.id), 'saved on the server', { timeout: 10_000 });
    const link = find<HTMLAnchorElement>(el, '[part="document-link"]');
    expect(link.textContent).to.equal(hostile);
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.href).to.equal(karim.files.contentUrl(file.id));
    expect(root.querySelectorAll('img, script')).to.have.length(0);
    await expect(el).to.be.accessible();

    // Camille reads the same card: the link is there for her too.
    const camille = await signedIn('camille');
    const other = await mountBoard(camille, board.id, 1);
    find(other, '[part="card-title"]').click();
    await waitUntil(() => isOpen(other, 'card-dialog'), 'her dialog open');
    await waitUntil(() => shadow(other).querySelector('[part="document-link"]')?.textContent === hostile, 'the link shows for her', { timeout: 10_000 });
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);

    // Trashed (by her: one browser holds one session), the file is « plus disponible »; removing the link by keyboard unlinks it.
    await camille.files.deleteFile(file.id);
    const closed = nextEvent(other, 'bureau-card-open');
    find(other, '[part="close-button"]').click();
    expect((await closed).cardId).to.equal(null);
    find(other, '[part="card-title"]').click();
    await waitUntil(() => shadow(other).querySelector('[part="document-unavailable"]')?.textContent === 'Document plus disponible', 'unavailable', { timeout: 10_000 });
    find(other, '[part="document-remove-button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await camille.boards.card(card.id)).fileIds.length === 0, 'unlinked', { timeout: 10_000 });
    await waitUntil(() => shadow(other).querySelector('[part="documents"]')?.textContent?.includes('Aucun document lié') === true, 'shown unlinked');
  });
});
