import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openTarget, Person, signInWithSpace, type Reply, type Target } from '../conformance/harness.js';
import { freshTestDatabase } from '../db/testing.js';
import { startServer } from '../server.js';
import { Watch } from '../chat/watch.js';
import { plainUpload, rootOf, type FileJson } from '../files/files-test-kit.test.js';

interface Card {
  id: string;
  title: string;
  fileIds: string[];
  version: number;
}
interface ActivityEntry {
  kind: string;
  actor: { id: string };
  data: Record<string, unknown>;
}

const body = <T>(reply: Reply): T => reply.body as T;

function expectProblem(reply: Reply, status: number, code: string, pointer?: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const problem = reply.body as { code: string; errors?: { pointer: string }[] };
  assert.equal(problem.code, code);
  if (pointer !== undefined) assert.deepEqual(problem.errors?.map((e) => e.pointer), [pointer]);
}

describe('boards: files of the space linked to cards', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let rootId: string;
  let boardId: string;
  let columnId: string;

  before(async () => {
    target = await openTarget();
    ({ people: [karim, camille, ines, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'ines', 'theo'], 'Documents liés', {
      camille: 'member',
      ines: 'guest',
    }));
    rootId = await rootOf(karim, spaceId);
    boardId = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name: 'Campagne' } })).id;
    columnId = body<{ id: string }>(await karim.call('POST', `/v1/boards/${boardId}/columns`, { json: { name: 'À faire' } })).id;
  });
  after(() => target.close());

  const upload = async (person: Person, folderId: string, name: string): Promise<FileJson> => {
    const reply = await plainUpload(person, folderId, name, Buffer.from(name), 'text/plain');
    assert.equal(reply.status, 201, reply.text);
    return body<FileJson>(reply);
  };
  const newCard = async (extra: Record<string, unknown> = {}): Promise<Card> => {
    const reply = await camille.call('POST', `/v1/boards/${boardId}/cards`, { json: { columnId, title: 'Grille d’évaluation', ...extra } });
    assert.equal(reply.status, 201, reply.text);
    return body<Card>(reply);
  };
  const patch = (person: Person, card: Pick<Card, 'id' | 'version'>, json: Record<string, unknown>) =>
    person.call('PATCH', `/v1/cards/${card.id}`, { json, headers: { 'if-match': `"${card.version}"` } });
  const history = async (cardId: string) => body<{ items: ActivityEntry[] }>(await karim.call('GET', `/v1/cards/${cardId}/activity`)).items;

  it('sets, reorders, replaces and clears the linked files; each change bumps the version, is history and an event', async () => {
    const [a, b, c] = [await upload(karim, rootId, 'grille.odt'), await upload(karim, rootId, 'calendrier.ods'), await upload(camille, rootId, 'note.txt')];
    const created = await newCard({ fileIds: [a.id, b.id] });
    assert.deepEqual(created.fileIds, [a.id, b.id]);
    const watch = await Watch.open(karim);
    try {
      const reordered = await patch(camille, created, { fileIds: [b.id, a.id] });
      assert.equal(reordered.status, 200, reordered.text);
      assert.equal(reordered.headers.get('etag'), `"${created.version + 1}"`);
      const replaced = await patch(camille, body<Card>(reordered), { fileIds: [b.id, c.id], title: 'Grille 2027' });
      assert.equal(replaced.status, 200, replaced.text);
      const card = body<Card>(replaced);
      assert.deepEqual([card.fileIds, card.title, card.version], [[b.id, c.id], 'Grille 2027', created.version + 2]);
      const seen = await watch.next((s) => s.envelope.type === 'card.updated' && s.envelope.data.id === card.id && s.envelope.data.version === card.version);
      assert.deepEqual((seen.envelope.data as unknown as Card).fileIds, [b.id, c.id]);
      const detail = body<{ cards: Card[] }>(await ines.call('GET', `/v1/boards/${boardId}`));
      assert.deepEqual(detail.cards.find((x) => x.id === card.id)?.fileIds, [b.id, c.id], 'the whole board presents them in order');

      const cleared = body<Card>(await patch(camille, card, { fileIds: [] }));
      assert.deepEqual(cleared.fileIds, []);
      assert.deepEqual(body<Card>(await ines.call('GET', `/v1/cards/${card.id}`)).fileIds, []);
      assert.deepEqual(
        (await history(card.id)).map((e) => [e.kind, e.data]),
        [
          ['created', { columnId }],
          ['files', { added: [a.id, b.id], removed: [] }],
          ['updated', { fields: ['fileIds'] }],
          ['updated', { fields: ['title'] }],
          ['files', { added: [c.id], removed: [a.id] }],
          ['files', { added: [], removed: [b.id, c.id] }],
        ],
      );
    } finally {
      watch.close();
    }
  });

  it('a stale If-Match gets 412 with the current card and links nothing', async () => {
    const file = await upload(karim, rootId, 'conflit.txt');
    const card = await newCard();
    assert.equal((await patch(karim, card, { title: 'Changé entre-temps' })).status, 200);
    const stale = await patch(camille, card, { fileIds: [file.id] });
    expectProblem(stale, 412, 'precondition-failed');
    assert.equal((stale.body as { current: Card }).current.version, card.version + 1);
    const noIfMatch = await camille.call('PATCH', `/v1/cards/${card.id}`, { json: { fileIds: [file.id] } });
    expectProblem(noIfMatch, 412, 'precondition-failed');
    assert.deepEqual(body<Card>(await camille.call('GET', `/v1/cards/${card.id}`)).fileIds, []);
  });

  it('a file of another space, a trashed file or a made-up id: 422 at /fileIds/<i>, nothing linked; duplicates and too many refused', async () => {
    const kept = await upload(karim, rootId, 'valable.txt');
    const trashed = await upload(karim, rootId, 'corbeille.txt');
    assert.equal((await karim.call('DELETE', `/v1/files/${trashed.id}`)).status, 204);
    const elsewhere = await createSpace(theo, 'Autre service', [[camille, 'member']]);
    const foreign = await upload(theo, await rootOf(theo, elsewhere), 'autre.txt');
    const card = await newCard();
    for (const [fileIds, pointer] of [
      [[kept.id, foreign.id], '/fileIds/1'],
      [[trashed.id], '/fileIds/0'],
      [[kept.id, `${kept.id}0`], '/fileIds/1'],
    ] as const) {
      expectProblem(await patch(camille, card, { fileIds }), 422, 'validation-failed', pointer);
      expectProblem(
        await camille.call('POST', `/v1/boards/${boardId}/cards`, { json: { columnId, title: 'Refusée', fileIds } }),
        422,
        'validation-failed',
        pointer,
      );
    }
    expectProblem(await patch(camille, card, { fileIds: [kept.id, kept.id] }), 422, 'validation-failed');
    expectProblem(await patch(camille, card, { fileIds: Array.from({ length: 21 }, (_, i) => `fil_${i}`) }), 422, 'validation-failed');
    const fresh = body<Card>(await camille.call('GET', `/v1/cards/${card.id}`));
    assert.deepEqual([fresh.fileIds, fresh.version], [[], card.version], 'nothing changed');
    const titles = body<{ cards: Card[] }>(await karim.call('GET', `/v1/boards/${boardId}`)).cards.map((x) => x.title);
    assert.ok(!titles.includes('Refusée'));
  });

  it('a linked file moved to the trash stays linked and does not block other edits; a new link to it is refused', async () => {
    const [kept, later] = [await upload(karim, rootId, 'reste.txt'), await upload(karim, rootId, 'plus-tard.txt')];
    const card = await newCard({ fileIds: [kept.id, later.id] });
    assert.equal((await karim.call('DELETE', `/v1/files/${later.id}`)).status, 204);
    const still = body<Card>(await camille.call('GET', `/v1/cards/${card.id}`));
    assert.deepEqual(still.fileIds, [kept.id, later.id]);
    const edited = await patch(camille, still, { fileIds: [later.id] });
    assert.equal(edited.status, 200, edited.text);
    const other = await newCard();
    expectProblem(await patch(camille, other, { fileIds: [later.id] }), 422, 'validation-failed', '/fileIds/0');
  });

  it('guests cannot link (403); non-members get 404 and learn nothing', async () => {
    const file = await upload(karim, rootId, 'privé.txt');
    const card = await newCard();
    expectProblem(await patch(ines, card, { fileIds: [file.id] }), 403, 'forbidden');
    expectProblem(await patch(theo, card, { fileIds: [file.id] }), 404, 'not-found');
    expectProblem(await theo.call('GET', `/v1/cards/${card.id}`), 404, 'not-found');
    assert.deepEqual(body<Card>(await karim.call('GET', `/v1/cards/${card.id}`)).fileIds, []);
  });

  it('purging a linked file from the trash removes the link (the database cascades), the card stays readable', async () => {
    const database = await freshTestDatabase('bureau-card-files-');
    try {
      const first = await startServer({ ...database.options, demo: true, port: 0 });
      const owner = await Person.signIn(first.url, 'karim');
      const space = await createSpace(owner, 'Purge des liens');
      const folderId = await rootOf(owner, space);
      const [gone, kept] = [await upload(owner, folderId, 'purgé.txt'), await upload(owner, folderId, 'gardé.txt')];
      const board = body<{ id: string }>(await owner.call('POST', `/v1/spaces/${space}/boards`, { json: { name: 'Purge' } }));
      const column = body<{ id: string }>(await owner.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'À faire' } }));
      const created = await owner.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: column.id, title: 'Liée', fileIds: [gone.id, kept.id] } });
      assert.equal(created.status, 201, created.text);
      const card = body<Card>(created);
      assert.equal((await owner.call('DELETE', `/v1/files/${gone.id}`)).status, 204);
      await first.close();

      const second = await startServer({ ...database.options, demo: true, port: 0, files: { trashRetentionDays: 0 } });
      try {
        const again = await Person.signIn(second.url, 'karim');
        assert.equal((await again.call('GET', `/v1/files/${gone.id}`)).status, 404, 'purged');
        assert.deepEqual(body<Card>(await again.call('GET', `/v1/cards/${card.id}`)).fileIds, [kept.id]);
        const detail = body<{ cards: Card[] }>(await again.call('GET', `/v1/boards/${board.id}`));
        assert.deepEqual(detail.cards.map((c) => c.fileIds), [[kept.id]]);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });
});
