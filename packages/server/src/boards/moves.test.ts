import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openTarget, Person, type Reply, type Target } from '../conformance/harness.js';
import { Watch } from '../chat/watch.js';

interface Card {
  id: string;
  columnId: string;
  position: string;
  version: number;
  title: string;
}
interface Detail {
  board: { id: string };
  columns: { id: string; position: string }[];
  cards: Card[];
}

const body = <T>(reply: Reply): T => reply.body as T;

/** A small deterministic generator (mulberry32): the same run every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Card ids per column, in the order the server gives them. */
const orderOf = (detail: Detail): Record<string, string[]> =>
  Object.fromEntries(detail.columns.map((c) => [c.id, detail.cards.filter((card) => card.columnId === c.id).map((card) => card.id)]));

/** The order every reader must see: by (position, id) in code-unit order. */
const byPositionThenId = (a: Card, b: Card): number =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

describe('board moves', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let spaceId: string;

  before(async () => {
    target = await openTarget();
    [karim, camille] = await Person.signInAll(target.baseUrl, ['karim', 'camille']);
    spaceId = await createSpace(karim, 'Tableaux', [[camille, 'member']]);
  });
  after(() => target.close());

  async function board(columns: number, cards: number): Promise<Detail> {
    const created = await karim.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name: 'Campagne' } });
    assert.equal(created.status, 201, created.text);
    const boardId = body<{ id: string }>(created).id;
    const columnIds: string[] = [];
    for (let i = 0; i < columns; i += 1) {
      const column = await karim.call('POST', `/v1/boards/${boardId}/columns`, { json: { name: `Colonne ${i}` } });
      assert.equal(column.status, 201, column.text);
      columnIds.push(body<{ id: string }>(column).id);
    }
    for (let i = 0; i < cards; i += 1) {
      const card = await karim.call('POST', `/v1/boards/${boardId}/cards`, { json: { columnId: columnIds[i % columns], title: `Carte ${i}` } });
      assert.equal(card.status, 201, card.text);
    }
    return read(karim, boardId);
  }

  async function read(person: Person, boardId: string): Promise<Detail> {
    const reply = await person.call('GET', `/v1/boards/${boardId}`);
    assert.equal(reply.status, 200, reply.text);
    return body<Detail>(reply);
  }

  const move = (person: Person, cardId: string, json: { columnId: string; afterId: string | null; beforeId: string | null }) =>
    person.call('POST', `/v1/cards/${cardId}/move`, { json });

  it('a move writes only the moved card: every other card keeps its position and version', async () => {
    const detail = await board(2, 6);
    const [first, second] = detail.columns;
    const inFirst = orderOf(detail)[first!.id]!;
    const moved = inFirst[0]!;
    const reply = await move(karim, moved, { columnId: second!.id, afterId: null, beforeId: orderOf(detail)[second!.id]![0]! });
    assert.equal(reply.status, 200, reply.text);
    const card = body<Card>(reply);
    assert.equal(card.columnId, second!.id);
    assert.equal(reply.headers.get('etag'), `"${card.version}"`);
    const afterMove = await read(karim, detail.board.id);
    for (const before of detail.cards.filter((c) => c.id !== moved)) {
      const now = afterMove.cards.find((c) => c.id === before.id);
      assert.deepEqual(now, before, `card ${before.title} is untouched`);
    }
    assert.equal(orderOf(afterMove)[second!.id]![0], moved, 'the moved card is first of its new column');
    assert.equal(afterMove.cards.find((c) => c.id === moved)!.version, card.version);
  });

  it('moves between named neighbours, to the top, to the end, within a column, and past stale neighbours', async () => {
    const detail = await board(2, 8);
    const [left, right] = detail.columns.map((c) => c.id) as [string, string];
    const start = orderOf(detail);
    const [a, b, c, d] = start[left]! as [string, string, string, string];
    const [e] = start[right]! as [string];
    // d between a and b.
    assert.equal((await move(karim, d, { columnId: left, afterId: a, beforeId: b })).status, 200);
    assert.deepEqual(orderOf(await read(karim, detail.board.id))[left], [a, d, b, c]);
    // c to the top, by its would-be follower only.
    assert.equal((await move(karim, c, { columnId: left, afterId: null, beforeId: a })).status, 200);
    assert.deepEqual(orderOf(await read(karim, detail.board.id))[left], [c, a, d, b]);
    // a to the end of the other column (no neighbours named).
    assert.equal((await move(karim, a, { columnId: right, afterId: null, beforeId: null })).status, 200);
    assert.equal(orderOf(await read(karim, detail.board.id))[right]!.at(-1), a);
    // Stale neighbours: `a` is no longer in `left`, so only `beforeId` counts.
    assert.equal((await move(karim, e, { columnId: left, afterId: a, beforeId: b })).status, 200);
    assert.deepEqual(orderOf(await read(karim, detail.board.id))[left], [c, d, e, b]);
    // A column of another board is refused.
    const other = await board(1, 1);
    const refused = await move(karim, e, { columnId: other.columns[0]!.id, afterId: null, beforeId: null });
    assert.equal(refused.status, 422, refused.text);
  });

  it('a move retried with the same Idempotency-Key moves once and replays the first answer', async () => {
    const detail = await board(2, 3);
    const [left, right] = detail.columns.map((c) => c.id) as [string, string];
    const cardId = orderOf(detail)[left]![0]!;
    const headers = { 'idempotency-key': `move-${cardId}` };
    const json = { columnId: right, afterId: null, beforeId: null };
    const first = await karim.call('POST', `/v1/cards/${cardId}/move`, { json, headers });
    const again = await karim.call('POST', `/v1/cards/${cardId}/move`, { json, headers });
    assert.equal(first.status, 200, first.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    const now = (await read(karim, detail.board.id)).cards.find((c) => c.id === cardId)!;
    assert.equal(now.version, body<Card>(first).version, 'written once');
  });

  it('two people moving cards at once, into the same gaps too, converge: same order for both, every card once, events tell the same story', { timeout: 120_000 }, async () => {
    const cardCount = 24;
    const detail = await board(3, cardCount);
    const boardId = detail.board.id;
    const columns = detail.columns.map((c) => c.id);
    const [karimWatch, camilleWatch] = await Promise.all([Watch.open(karim), Watch.open(camille)]);
    try {
      // Both race to put a card into the very same gap, many times.
      for (let round = 0; round < 10; round += 1) {
        const order = orderOf(await read(karim, boardId));
        const column = columns[round % columns.length]!;
        const [low, high] = order[column]!.length >= 2 ? (order[column]! as [string, string]) : [null, null];
        const pool = detail.cards.map((c) => c.id).filter((id) => id !== low && id !== high);
        const mine = pool[(round * 2) % pool.length]!;
        const theirs = pool[(round * 2 + 1) % pool.length]!;
        const replies = await Promise.all([
          move(karim, mine, { columnId: column, afterId: low, beforeId: high }),
          move(camille, theirs, { columnId: column, afterId: low, beforeId: high }),
        ]);
        for (const reply of replies) assert.equal(reply.status, 200, reply.text);
      }
      // Then each moves at random from a view that the other keeps making stale.
      const wander = async (person: Person, seed: number): Promise<number> => {
        const next = random(seed);
        let view = await read(person, boardId);
        let moves = 0;
        for (let step = 0; step < 60; step += 1) {
          if (step % 15 === 0) view = await read(person, boardId);
          const order = orderOf(view);
          const card = view.cards[Math.floor(next() * view.cards.length)]!;
          const column = columns[Math.floor(next() * columns.length)]!;
          const others = order[column]!.filter((id) => id !== card.id);
          const slot = Math.floor(next() * (others.length + 1));
          const reply = await move(person, card.id, { columnId: column, afterId: others[slot - 1] ?? null, beforeId: others[slot] ?? null });
          assert.equal(reply.status, 200, reply.text);
          const moved = body<Card>(reply);
          view = { ...view, cards: [...view.cards.filter((c) => c.id !== moved.id), moved].sort(byPositionThenId) };
          moves += 1;
        }
        return moves;
      };
      const counts = await Promise.all([wander(karim, 7), wander(camille, 11)]);
      const total = 20 + counts[0] + counts[1];

      const [seenByKarim, seenByCamille] = await Promise.all([read(karim, boardId), read(camille, boardId)]);
      assert.deepEqual(orderOf(seenByKarim), orderOf(seenByCamille), 'both read the same order');
      const ids = seenByKarim.cards.map((c) => c.id);
      assert.equal(ids.length, cardCount);
      assert.equal(new Set(ids).size, cardCount, 'every card exactly once');
      assert.deepEqual(new Set(ids), new Set(detail.cards.map((c) => c.id)));
      for (const column of columns) {
        const cards = seenByKarim.cards.filter((c) => c.columnId === column);
        assert.deepEqual(cards, [...cards].sort(byPositionThenId), 'the board is listed by (position, id)');
      }

      // Replaying the stream's card.moved events on the first state gives the same board.
      for (const watch of [karimWatch, camilleWatch]) {
        const last = await watch.next(
          (s) => s.envelope.type === 'card.moved' && watch.ofType('card.moved').filter((e) => (e.data as { boardId?: string }).boardId === boardId).length >= total,
        );
        assert.ok(last);
        const moves = watch.ofType('card.moved').filter((e) => (e.data as { boardId?: string }).boardId === boardId);
        assert.equal(moves.length, total, 'one card.moved event per move, once');
        const replayed = new Map(detail.cards.map((c) => [c.id, c]));
        for (const event of moves) {
          const card = event.data as unknown as Card;
          replayed.set(card.id, card);
        }
        const rebuilt: Detail = { ...seenByKarim, cards: [...replayed.values()].sort(byPositionThenId) };
        assert.deepEqual(orderOf(rebuilt), orderOf(seenByKarim));
      }
    } finally {
      karimWatch.close();
      camilleWatch.close();
    }
  });
});
