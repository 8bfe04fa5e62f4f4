import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTarget, signInWithSpace, type Person, type Reply, type Target } from '../harness.js';

const body = <T>(reply: Reply): T => reply.body as T;
interface Card {
  id: string;
  columnId: string;
  title: string;
  version: number;
}
interface Detail {
  board: { id: string; name: string };
  columns: { id: string; name: string }[];
  cards: Card[];
}

describe('boards: columns, cards, moves, versions', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  before(async () => {
    target = await openTarget();
    ({ people: [karim, camille, ines, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'ines', 'theo'], 'Conformité tableaux', {
      camille: 'member',
      ines: 'guest',
    }));
  });
  after(() => target.close());

  /** A board with columns named `names`, made by Camille. */
  async function boardWith(names: string[]): Promise<{ boardId: string; columns: string[] }> {
    const board = await camille.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name: 'Entretiens' } });
    assert.equal(board.status, 201, board.text);
    const boardId = body<{ id: string }>(board).id;
    const columns: string[] = [];
    for (const name of names) {
      const column = await camille.call('POST', `/v1/boards/${boardId}/columns`, { json: { name } });
      assert.equal(column.status, 201, column.text);
      columns.push(body<{ id: string }>(column).id);
    }
    return { boardId, columns };
  }

  const card = async (person: Person, boardId: string, columnId: string, title: string): Promise<Reply> =>
    person.call('POST', `/v1/boards/${boardId}/cards`, { json: { columnId, title } });

  it('a member makes a board with columns and cards, read whole in order; a guest reads, cannot write; outside, 404', async () => {
    const { boardId, columns } = await boardWith(['À faire', 'En cours', 'Terminé']);
    for (const title of ['Un', 'Deux', 'Trois']) assert.equal((await card(camille, boardId, columns[0] ?? '', title)).status, 201);
    const detail = body<Detail>(await ines.call('GET', `/v1/boards/${boardId}`));
    assert.deepEqual(detail.columns.map((c) => c.name), ['À faire', 'En cours', 'Terminé']);
    assert.deepEqual(detail.cards.map((c) => c.title), ['Un', 'Deux', 'Trois'], 'new cards go to the end of their column');
    const guest = await card(ines, boardId, columns[0] ?? '', 'Invitée');
    assert.equal(guest.status, 403, guest.text);
    assert.equal((await theo.call('GET', `/v1/boards/${boardId}`)).status, 404);
    assert.equal((await card(theo, boardId, columns[0] ?? '', 'Dehors')).status, 404);
  });

  it('a card moves between two others and to another column; the order is the one asked for', async () => {
    const { boardId, columns } = await boardWith(['Gauche', 'Droite']);
    const [left = '', right = ''] = columns;
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C']) ids.push(body<Card>(await card(karim, boardId, left, title)).id);
    const [a = '', b = '', c = ''] = ids;
    const between = await karim.call('POST', `/v1/cards/${c}/move`, { json: { columnId: left, afterId: a, beforeId: b } });
    assert.equal(between.status, 200, between.text);
    let detail = body<Detail>(await karim.call('GET', `/v1/boards/${boardId}`));
    assert.deepEqual(detail.cards.filter((x) => x.columnId === left).map((x) => x.title), ['A', 'C', 'B']);
    const across = await karim.call('POST', `/v1/cards/${a}/move`, { json: { columnId: right, afterId: null, beforeId: null } });
    assert.equal(across.status, 200, across.text);
    detail = body<Detail>(await karim.call('GET', `/v1/boards/${boardId}`));
    assert.deepEqual(detail.cards.filter((x) => x.columnId === right).map((x) => x.title), ['A']);
  });

  it('If-Match guards card edits and card and column moves: a stale version is 412 precondition-failed with the current one', async () => {
    const { boardId, columns } = await boardWith(['Seule']);
    const created = await card(camille, boardId, columns[0] ?? '', 'Relire la note');
    const first = body<Card>(created);
    const etag = created.headers.get('etag');
    assert.ok(etag, 'a created card has an ETag');
    const edited = await karim.call('PATCH', `/v1/cards/${first.id}`, { json: { title: 'Relire la note de service' }, headers: { 'if-match': etag } });
    assert.equal(edited.status, 200, edited.text);
    const stale = await camille.call('PATCH', `/v1/cards/${first.id}`, { json: { title: 'Perdu' }, headers: { 'if-match': etag } });
    assert.equal(stale.status, 412, stale.text);
    const problem = body<{ code: string; current: Card }>(stale);
    assert.equal(problem.code, 'precondition-failed');
    assert.equal(problem.current.title, 'Relire la note de service');
    const staleMove = await camille.call('POST', `/v1/cards/${first.id}/move`, {
      json: { columnId: columns[0], afterId: null, beforeId: null },
      headers: { 'if-match': etag },
    });
    assert.equal(staleMove.status, 412, staleMove.text);
    assert.equal(body<{ current: Card }>(staleMove).current.title, 'Relire la note de service');

    // A column moved by Karim; Camille's move, decided on the column as it was, is refused.
    const [seule = ''] = columns;
    const other = await camille.call('POST', `/v1/boards/${boardId}/columns`, { json: { name: 'Autre' } });
    const autre = body<{ id: string }>(other).id;
    const read = other.headers.get('etag');
    assert.ok(read, 'a created column has an ETag');
    const moved = await karim.call('POST', `/v1/columns/${autre}/move`, { json: { afterId: null, beforeId: seule }, headers: { 'if-match': read } });
    assert.equal(moved.status, 200, moved.text);
    const staleColumn = await camille.call('POST', `/v1/columns/${autre}/move`, { json: { afterId: seule, beforeId: null }, headers: { 'if-match': read } });
    assert.equal(staleColumn.status, 412, staleColumn.text);
    assert.equal(body<{ code: string }>(staleColumn).code, 'precondition-failed');
    const order = body<Detail>(await karim.call('GET', `/v1/boards/${boardId}`)).columns.map((c) => c.name);
    assert.deepEqual(order, ['Autre', 'Seule'], 'the stale move changed nothing');
  });

  it('names are checked: an empty or control-character column name or card title is 422', async () => {
    const { boardId, columns } = await boardWith(['Noms']);
    for (const name of ['   ', 'a\u202Eb', 'nul\u0000']) {
      assert.equal((await camille.call('POST', `/v1/boards/${boardId}/columns`, { json: { name } })).status, 422, JSON.stringify(name));
      assert.equal((await card(camille, boardId, columns[0] ?? '', name)).status, 422, JSON.stringify(name));
    }
  });
});
