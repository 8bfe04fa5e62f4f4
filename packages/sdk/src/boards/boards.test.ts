import { expect } from '@open-wc/testing';
import type { BoardDetail, Card, Column } from '@bureau/api';
import { CardConflictError, isHttpError, type BureauClient, type LiveBoard } from '../index.js';
import { closeClients, cuttableFetch, deferred, makeClient, signedIn, unique, wipeLocalData } from '../test/helpers.js';

const SPACE = 'espace-rh-360';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Resolves with the board's detail once `test` passes (now or on a later change). */
function until(board: LiveBoard, test: (detail: BoardDetail) => boolean): Promise<BoardDetail> {
  const now = board.detail;
  if (now !== undefined && test(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const listener = (event: { detail: BoardDetail }): void => {
      if (!test(event.detail)) return;
      board.removeEventListener('change', listener);
      resolve(event.detail);
    };
    board.addEventListener('change', listener);
  });
}

/** A fresh board with columns À faire / En cours and `count` cards in the first. */
async function freshBoard(client: BureauClient, count: number): Promise<{ boardId: string; todo: Column; doing: Column; cards: Card[] }> {
  const board = await client.boards.create(SPACE, { name: unique('Campagne'), labels: [{ name: 'Urgent', color: '#b3261e' }] });
  const todo = await client.boards.createColumn(board.id, { name: 'À faire' });
  const doing = await client.boards.createColumn(board.id, { name: 'En cours', wipLimit: 3 });
  const cards: Card[] = [];
  for (let i = 1; i <= count; i += 1) cards.push(await client.boards.createCard(board.id, { columnId: todo.id, title: `Carte ${i}` }));
  return { boardId: board.id, todo, doing, cards };
}

const order = (detail: BoardDetail): string =>
  detail.columns.map((column) => `${column.id}:${detail.cards.filter((c) => c.columnId === column.id).map((c) => c.id).join(',')}`).join('|');

describe('boards', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('boards: create, list, rename, archive; cards with fields, comments and history', async () => {
    const client = await signedIn('karim');
    const { boardId, todo, cards } = await freshBoard(client, 2);
    expect((await client.boards.list(SPACE, { limit: 100 })).items.map((b) => b.id)).to.include(boardId);
    const renamed = await client.boards.rename(boardId, 'Entretiens 2027');
    expect(renamed.name).to.equal('Entretiens 2027');
    const label = renamed.labels[0];
    const card = cards[0] as Card;
    const edited = await client.boards.editCard(
      card.id,
      { description: 'Grille **validée**', assignees: ['camille'], labelIds: [label?.id ?? ''], dueDate: '2027-01-15', checklist: [{ text: 'Relire' }] },
      { base: card },
    );
    expect(edited.assignees).to.deep.equal(['camille']);
    expect(edited.checklist.map((item) => item.text)).to.deep.equal(['Relire']);
    const comment = await client.boards.comment(card.id, 'Vu avec la DRH.');
    expect((await client.boards.comments(card.id)).items.map((c) => c.id)).to.deep.equal([comment.id]);
    expect((await client.boards.activity(card.id)).items.map((a) => a.kind)).to.include.members(['created', 'updated', 'commented']);
    const detail = await client.boards.get(boardId);
    expect(detail.cards.filter((c) => c.columnId === todo.id)).to.have.length(2);
    await client.boards.archive(boardId);
    expect((await client.boards.list(SPACE, { limit: 100 })).items.map((b) => b.id)).not.to.include(boardId);
    expect((await client.boards.list(SPACE, { archived: true, limit: 100 })).items.map((b) => b.id)).to.include(boardId);
  });

  it('shows the board without waiting for the event stream, and misses no card added before the stream started', async () => {
    const client = await signedIn('karim');
    const { boardId, todo } = await freshBoard(client, 1);
    client.close();
    // The event stream is held until the board is shown and a card was added after it was read.
    const streamHeld = deferred();
    const gated: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname === '/v1/events') {
        await new Promise((resolve, reject) => {
          streamHeld.promise.then(resolve, reject);
          request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
        });
      }
      return fetch(request);
    };
    const reader = makeClient({ fetch: gated });
    const board = reader.boards.watch(boardId);
    const shown = await until(board, (detail) => detail.cards.length === 1);
    expect(reader.stream.status).to.equal('connecting');
    expect(shown.position, 'the board says at which event-log position it was read').to.match(/^[0-9]+$/);
    // Added from another client after the board was read and before the stream starts: in neither,
    // unless the board is read again when the stream turns out to start later.
    const added = await makeClient().boards.createCard(boardId, { columnId: todo.id, title: 'Entre la lecture et le flux' });
    streamHeld.resolve();
    await board.ready;
    await until(board, (detail) => detail.cards.some((card) => card.id === added.id));
    board.close();
  });

  it('a move shows at once with a local position, then takes the server’s', async () => {
    const client = await signedIn('karim');
    const { boardId, doing, cards } = await freshBoard(client, 3);
    const board = client.boards.watch(boardId);
    await board.ready;
    const third = cards[2] as Card;
    const moving = board.move(third.id, { columnId: doing.id, afterId: null, beforeId: null });
    // Synchronously after the call: already in its new column.
    expect(board.cardsIn(doing.id).map((c) => c.id)).to.deep.equal([third.id]);
    const saved = await moving;
    expect(board.card(third.id)?.position).to.equal(saved.position);
    expect(board.cardsIn(doing.id).map((c) => c.id)).to.deep.equal([third.id]);
    board.close();
  });

  it('a move made offline still shows after a reload, and lands once when the network is back', async () => {
    const network = cuttableFetch();
    const first = await signedIn('karim', { fetch: network.fetch });
    const { boardId, doing, cards } = await freshBoard(first, 2);
    const board = first.boards.watch(boardId);
    await board.ready;
    const second = cards[1] as Card;
    network.offline = true;
    const moving = board.move(second.id, { columnId: doing.id, afterId: null, beforeId: null });
    moving.catch(() => {});
    await until(board, () => first.outbox.items().length === 1);
    board.close();
    first.close();

    // The reload, still offline: the board comes from the cache, the move from the outbox.
    const reloaded = makeClient({ fetch: network.fetch });
    const again = reloaded.boards.watch(boardId);
    const shown = await until(again, (detail) => detail.cards.some((c) => c.id === second.id && c.columnId === doing.id));
    expect(shown.cards.filter((c) => c.columnId === doing.id).map((c) => c.id)).to.deep.equal([second.id]);
    expect(reloaded.outbox.items().map((item) => item.state)).to.deep.equal(['pending']);

    network.offline = false;
    window.dispatchEvent(new Event('online'));
    await until(again, () => reloaded.outbox.items().length === 0);
    const server = await reloaded.boards.get(boardId);
    expect(server.cards.filter((c) => c.columnId === doing.id).map((c) => c.id)).to.deep.equal([second.id]);
    expect(again.cardsIn(doing.id).map((c) => c.id)).to.deep.equal([second.id]);
    expect(again.card(second.id)?.position).to.equal(server.cards.find((c) => c.id === second.id)?.position);
    again.close();
  });

  it('two clients moving cards at once end with the same order as the server', async () => {
    const a = await signedIn('karim', { storage: 'memory' });
    const { boardId, todo, doing, cards } = await freshBoard(a, 6);
    const b = await signedIn('karim', { storage: 'memory' });
    const boardA = a.boards.watch(boardId);
    const boardB = b.boards.watch(boardId);
    await Promise.all([boardA.ready, boardB.ready]);
    const [c1, c2, c3, c4, c5, c6] = cards as [Card, Card, Card, Card, Card, Card];
    // Both aim at the same gaps, each from what it sees.
    await Promise.all([
      boardA.move(c1.id, { columnId: doing.id, afterId: null, beforeId: null }),
      boardB.move(c2.id, { columnId: doing.id, afterId: null, beforeId: null }),
      boardA.move(c6.id, { columnId: todo.id, afterId: c3.id, beforeId: c4.id }),
      boardB.move(c5.id, { columnId: todo.id, afterId: c3.id, beforeId: c4.id }),
      boardB.move(c3.id, { columnId: doing.id, afterId: c1.id, beforeId: null }),
    ]);
    const server = order(await a.boards.get(boardId));
    const [seenA, seenB] = await Promise.all([until(boardA, (d) => order(d) === server), until(boardB, (d) => order(d) === server)]);
    expect(order(seenA)).to.equal(order(seenB));
    expect(seenA.cards.filter((c) => c.columnId === doing.id)).to.have.length(3);
    expect(seenA.cards.filter((c) => c.columnId === todo.id)).to.have.length(3);
    boardA.close();
    boardB.close();
  });

  it('a stale edit of other fields is re-applied; of the same field it reports both versions and keeps the text', async () => {
    const a = await signedIn('karim', { storage: 'memory' });
    const { cards } = await freshBoard(a, 1);
    const seen = cards[0] as Card;
    const b = await signedIn('karim', { storage: 'memory' });
    await b.boards.editCard(seen.id, { description: 'Version de Camille' }, { base: seen });

    // Other field: re-applied on the fresh card.
    const merged = await a.boards.editCard(seen.id, { title: 'Titre de Karim' }, { base: seen });
    expect(merged.title).to.equal('Titre de Karim');
    expect(merged.description).to.equal('Version de Camille');

    // Same field: a CardConflictError with both versions; nothing left failed in the outbox.
    const mine = 'Ma description, longue et précieuse';
    const error = await rejection(a.boards.editCard(seen.id, { description: mine }, { base: seen }));
    expect(error).to.be.instanceOf(CardConflictError);
    const conflict = error as CardConflictError;
    expect(conflict.mine.description).to.equal(mine);
    expect(conflict.current?.description).to.equal('Version de Camille');
    expect(conflict.fields).to.deep.equal(['description']);
    expect(a.outbox.items().filter((item) => item.state === 'failed')).to.have.length(0);
  });

  it('guests read but may not move; non-members get 404', async () => {
    const karim = await signedIn('karim', { storage: 'memory' });
    const { boardId, doing, cards } = await freshBoard(karim, 1);
    const ines = await signedIn('ines', { storage: 'memory' });
    expect((await ines.boards.get(boardId)).cards).to.have.length(1);
    const refused = await rejection(ines.boards.moveCard((cards[0] as Card).id, { columnId: doing.id }));
    expect(isHttpError(refused) && refused.status).to.equal(403);
    const theo = await signedIn('theo', { storage: 'memory' });
    const hidden = await rejection(theo.boards.get(boardId));
    expect(isHttpError(hidden) && hidden.status).to.equal(404);
  });

  it('cards link files of the space: createCard and editCard take fileIds, the live board shows them, a refusal names the file', async () => {
    const client = await signedIn('karim');
    const { boardId, todo, cards } = await freshBoard(client, 1);
    const { rootId } = await client.files.tree(SPACE);
    const upload = (name: string) => client.files.uploads.add(new Blob([name], { type: 'text/plain' }), { spaceId: SPACE, folderId: rootId, name }).whenDone();
    const [grid, planning] = [await upload(unique('grille') + '.txt'), await upload(unique('planning') + '.txt')];
    const created = await client.boards.createCard(boardId, { columnId: todo.id, title: 'Avec documents', fileIds: [grid.id] });
    expect(created.fileIds).to.deep.equal([grid.id]);
    const board = client.boards.watch(boardId);
    await until(board, (detail) => detail.cards.some((c) => c.id === created.id));
    const card = cards[0] as Card;
    const edited = await board.edit(card.id, { fileIds: [planning.id, grid.id] }, { base: card });
    expect(edited.fileIds).to.deep.equal([planning.id, grid.id]);
    expect(edited.version).to.equal(card.version + 1);
    await until(board, (detail) => detail.cards.find((c) => c.id === card.id)?.fileIds.length === 2);
    const refused = await rejection(client.boards.updateCard(card.id, { fileIds: [`${grid.id}x`] }, { ifMatch: edited.version }));
    expect(isHttpError(refused) && refused.status).to.equal(422);
    expect(isHttpError(refused) && refused.problem.errors?.[0]?.pointer).to.equal('/fileIds/0');
    board.close();
  });
});
