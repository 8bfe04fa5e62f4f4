import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openTarget, signInWithSpace, type Person, type Reply, type Target } from '../conformance/harness.js';
import { Watch } from '../chat/watch.js';

interface Board {
  id: string;
  name: string;
  archived: boolean;
  version: number;
  labels: { id: string; name: string; color: string }[];
}
interface Card {
  id: string;
  boardId: string;
  columnId: string;
  title: string;
  description: string;
  assignees: string[];
  labelIds: string[];
  dueDate: string | null;
  checklist: { id: string; text: string; done: boolean }[];
  commentCount: number;
  fileIds: string[];
  createdBy: string | null;
  version: number;
}
interface Detail {
  board: Board;
  columns: { id: string; name: string; wipLimit: number | null }[];
  cards: Card[];
}

const body = <T>(reply: Reply): T => reply.body as T;

function expectProblem(reply: Reply, status: number, code: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal((reply.body as { code: string }).code, code);
}

describe('boards', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let lea: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;

  before(async () => {
    target = await openTarget();
    ({ people: [karim, camille, lea, ines, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'lea', 'ines', 'theo'], 'Projets RH', {
      camille: 'member',
      lea: 'member',
      ines: 'guest',
    }));
  });
  after(() => target.close());

  /** A board with two columns, one card in the first, and a label. */
  async function fixture(): Promise<{ board: Board; todo: string; doing: string; card: Card }> {
    const created = await karim.call('POST', `/v1/spaces/${spaceId}/boards`, {
      json: { name: 'Entretiens', labels: [{ name: 'Formation', color: '#1f6feb' }] },
    });
    assert.equal(created.status, 201, created.text);
    const board = body<Board>(created);
    const todo = body<{ id: string }>(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'À faire' } })).id;
    const doing = body<{ id: string }>(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'En cours', wipLimit: 3 } })).id;
    const card = await camille.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: todo, title: 'Publier le calendrier' } });
    assert.equal(card.status, 201, card.text);
    return { board, todo, doing, card: body<Card>(card) };
  }

  it('the demo seeds the interviews campaign board of Espace RH 360, readable by its guest only through membership', async (t) => {
    if (!target.inProcess) return t.skip('the seeded demo content belongs to the reference server');
    const listed = body<{ items: Board[] }>(await ines.call('GET', '/v1/spaces/espace-rh-360/boards')).items;
    const seeded = listed.find((b) => b.id === 'espace-rh-360-entretiens-2027');
    assert.ok(seeded, 'the seeded board is listed');
    assert.equal(seeded.name, 'Campagne d’entretiens professionnels 2027');
    assert.deepEqual(seeded.labels.map((l) => l.name), ['Formation', 'Dialogue social', 'Calendrier']);
    const detail = body<Detail>(await ines.call('GET', `/v1/boards/${seeded.id}`));
    assert.deepEqual(detail.columns.map((c) => c.name), ['À faire', 'En cours', 'En validation', 'Terminé']);
    assert.ok(detail.cards.length >= 6);
    assert.ok(detail.cards.some((c) => c.title === 'Recueillir l’avis du CST sur la grille d’évaluation' && c.commentCount === 2 && c.assignees.includes('lea')));
    assert.ok(detail.cards.every((c) => c.assignees.every((id) => ['karim', 'camille', 'lea', 'ines'].includes(id))));
    const cst = detail.cards.find((c) => c.commentCount === 2)!;
    assert.equal(body<{ items: unknown[] }>(await ines.call('GET', `/v1/cards/${cst.id}/comments`)).items.length, 2);
    expectProblem(await theo.call('GET', `/v1/boards/${seeded.id}`), 404, 'not-found');
  });

  it('creates, lists, renames, archives a board; the whole board comes in one GET', async () => {
    const { board, todo, doing, card } = await fixture();
    assert.equal(board.labels[0]?.name, 'Formation');
    assert.match(board.labels[0]?.id ?? '', /^lbl_/);
    const detail = body<Detail>(await ines.call('GET', `/v1/boards/${board.id}`));
    assert.deepEqual(detail.columns.map((c) => [c.id, c.name, c.wipLimit]), [[todo, 'À faire', null], [doing, 'En cours', 3]]);
    assert.deepEqual(detail.cards.map((c) => c.id), [card.id]);
    assert.deepEqual([card.assignees, card.labelIds, card.checklist, card.fileIds, card.commentCount, card.dueDate], [[], [], [], [], 0, null]);

    const listed = body<{ items: Board[] }>(await lea.call('GET', `/v1/spaces/${spaceId}/boards`)).items;
    assert.ok(listed.some((b) => b.id === board.id));
    const renamed = await camille.call('PATCH', `/v1/boards/${board.id}`, { json: { name: 'Entretiens 2027' }, headers: { 'if-match': `"${board.version}"` } });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.headers.get('etag'), `"${board.version + 1}"`);
    const stale = await karim.call('PATCH', `/v1/boards/${board.id}`, { json: { archived: true }, headers: { 'if-match': `"${board.version}"` } });
    expectProblem(stale, 412, 'precondition-failed');
    assert.equal((stale.body as { current: Board }).current.name, 'Entretiens 2027');
    assert.equal((await karim.call('PATCH', `/v1/boards/${board.id}`, { json: { archived: true } })).status, 200);
    const active = body<{ items: Board[] }>(await lea.call('GET', `/v1/spaces/${spaceId}/boards`)).items;
    const archived = body<{ items: Board[] }>(await lea.call('GET', `/v1/spaces/${spaceId}/boards?archived=true`)).items;
    assert.ok(!active.some((b) => b.id === board.id));
    assert.ok(archived.some((b) => b.id === board.id && b.archived));
  });

  it('an archived board refuses changes to its columns, cards and comments (409) until it is unarchived', async () => {
    const { board, todo, doing, card } = await fixture();
    assert.equal((await karim.call('PATCH', `/v1/boards/${board.id}`, { json: { archived: true } })).status, 200);
    expectProblem(await camille.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: todo, title: 'Trop tard' } }), 409, 'conflict');
    expectProblem(await camille.call('POST', `/v1/cards/${card.id}/move`, { json: { columnId: doing, afterId: null, beforeId: null } }), 409, 'conflict');
    expectProblem(await camille.call('POST', `/v1/cards/${card.id}/comments`, { json: { text: 'Encore une remarque' } }), 409, 'conflict');
    expectProblem(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'Archives' } }), 409, 'conflict');
    const detail = body<Detail>(await camille.call('GET', `/v1/boards/${board.id}`));
    assert.deepEqual(detail.cards.map((c) => [c.id, c.columnId, c.commentCount]), [[card.id, todo, 0]], 'nothing changed');
    assert.equal((await karim.call('PATCH', `/v1/boards/${board.id}`, { json: { archived: false } })).status, 200);
    const moved = await camille.call('POST', `/v1/cards/${card.id}/move`, { json: { columnId: doing, afterId: null, beforeId: null } });
    assert.equal(moved.status, 200, moved.text);
  });

  it('labels are replaced as a set: kept by id, new ones created, missing ones removed from cards', async () => {
    const { board, todo } = await fixture();
    const formation = board.labels[0]!;
    const card = body<Card>(await karim.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: todo, title: 'Étiquetée', labelIds: [formation.id] } }));
    const updated = await karim.call('PATCH', `/v1/boards/${board.id}`, {
      json: { labels: [{ name: 'Calendrier', color: '#d29922' }, { id: formation.id, name: 'Formations', color: '#1f6feb' }] },
    });
    assert.equal(updated.status, 200, updated.text);
    const labels = body<Board>(updated).labels;
    assert.deepEqual(labels.map((l) => l.name), ['Calendrier', 'Formations']);
    assert.equal(labels[1]?.id, formation.id);
    assert.equal((await karim.call('PATCH', `/v1/boards/${board.id}`, { json: { labels: [labels[0]] } })).status, 200);
    assert.deepEqual(body<Card>(await karim.call('GET', `/v1/cards/${card.id}`)).labelIds, []);
    expectProblem(await karim.call('PATCH', `/v1/boards/${board.id}`, { json: { labels: [{ id: 'lbl_other', name: 'x', color: '#000000' }] } }), 422, 'validation-failed');
    expectProblem(await karim.call('PATCH', `/v1/boards/${board.id}`, { json: { labels: [{ name: 'x', color: 'red' }] } }), 422, 'validation-failed');
  });

  it('card fields: assignees must be people of the space, labels of the board, dates real dates; checklists keep their item ids', async () => {
    const { board, todo, card } = await fixture();
    const label = board.labels[0]!.id;
    const patch = (json: unknown, version: number) => camille.call('PATCH', `/v1/cards/${card.id}`, { json, headers: { 'if-match': `"${version}"` } });
    const edited = await patch(
      { title: 'Publier le calendrier des entretiens', description: 'Sur l’intranet **et** par courriel', assignees: ['lea', 'camille'], labelIds: [label], dueDate: '2027-01-15', checklist: [{ text: 'Valider avec la DGS' }, { text: 'Mettre en ligne', done: true }] },
      card.version,
    );
    assert.equal(edited.status, 200, edited.text);
    const fresh = body<Card>(edited);
    assert.deepEqual(fresh.assignees, ['lea', 'camille']);
    assert.deepEqual(fresh.labelIds, [label]);
    assert.equal(fresh.dueDate, '2027-01-15');
    assert.deepEqual(fresh.checklist.map((i) => [i.text, i.done]), [['Valider avec la DGS', false], ['Mettre en ligne', true]]);
    assert.equal(edited.headers.get('etag'), `"${fresh.version}"`);
    const ticked = body<Card>(await patch({ checklist: [{ ...fresh.checklist[0]!, done: true }] }, fresh.version));
    assert.deepEqual(ticked.checklist, [{ ...fresh.checklist[0]!, done: true }]);

    expectProblem(await patch({ assignees: ['theo'] }, ticked.version), 422, 'validation-failed');
    expectProblem(await patch({ labelIds: ['lbl_nope'] }, ticked.version), 422, 'validation-failed');
    expectProblem(await patch({ dueDate: '15/01/2027' }, ticked.version), 422, 'validation-failed');
    expectProblem(await patch({ dueDate: '2027-02-30' }, ticked.version), 422, 'validation-failed');
    expectProblem(await patch({ title: '   ' }, ticked.version), 422, 'validation-failed');
    expectProblem(await patch({ checklist: [{ id: 'chk_other', text: 'x' }] }, ticked.version), 422, 'validation-failed');
    expectProblem(await patch({ html: '<b>' }, ticked.version), 422, 'validation-failed');
    expectProblem(await camille.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: todo, title: 'x', assignees: ['theo'] } }), 422, 'validation-failed');
    expectProblem(await camille.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: 'col_nope', title: 'x' } }), 422, 'validation-failed');
    const unchanged = body<Card>(await camille.call('GET', `/v1/cards/${card.id}`));
    assert.equal(unchanged.version, ticked.version, 'refused edits changed nothing');
  });

  it('a stale or unconditional edit gets 412 with the current card; the fresh version goes through', async () => {
    const { card } = await fixture();
    const first = await karim.call('PATCH', `/v1/cards/${card.id}`, { json: { title: 'Titre de Karim' }, headers: { 'if-match': `"${card.version}"` } });
    assert.equal(first.status, 200, first.text);
    const stale = await camille.call('PATCH', `/v1/cards/${card.id}`, { json: { title: 'Titre de Camille' }, headers: { 'if-match': `"${card.version}"` } });
    expectProblem(stale, 412, 'precondition-failed');
    const current = (stale.body as { current: Card }).current;
    assert.deepEqual(current, body<Card>(first));
    const missing = await camille.call('PATCH', `/v1/cards/${card.id}`, { json: { title: 'Sans If-Match' } });
    expectProblem(missing, 412, 'precondition-failed');
    assert.equal((missing.body as { current: Card }).current.title, 'Titre de Karim');
    const retried = await camille.call('PATCH', `/v1/cards/${card.id}`, { json: { title: 'Titre de Camille' }, headers: { 'if-match': `"${current.version}"` } });
    assert.equal(retried.status, 200, retried.text);
    assert.equal(body<Card>(retried).title, 'Titre de Camille');
    const cached = await camille.call('GET', `/v1/cards/${card.id}`, { headers: { 'if-none-match': `"${body<Card>(retried).version}"` } });
    assert.equal(cached.status, 304);
  });

  it('deleting a column with cards needs an explicit destination; its cards go to the end there', async () => {
    const { board, todo, doing, card } = await fixture();
    const second = body<Card>(await karim.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: todo, title: 'Deuxième' } }));
    const already = body<Card>(await karim.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: doing, title: 'Déjà en cours' } }));
    expectProblem(await karim.call('DELETE', `/v1/columns/${todo}`), 409, 'conflict');
    expectProblem(await karim.call('DELETE', `/v1/columns/${todo}?moveCardsTo=${todo}`), 422, 'validation-failed');
    expectProblem(await karim.call('DELETE', `/v1/columns/${todo}?moveCardsTo=col_elsewhere`), 422, 'validation-failed');
    const watch = await Watch.open(lea);
    try {
      assert.equal((await karim.call('DELETE', `/v1/columns/${todo}?moveCardsTo=${doing}`)).status, 204);
      const detail = body<Detail>(await karim.call('GET', `/v1/boards/${board.id}`));
      assert.deepEqual(detail.columns.map((c) => c.id), [doing]);
      assert.deepEqual(detail.cards.map((c) => c.id), [already.id, card.id, second.id]);
      const seen = await watch.next((s) => s.envelope.type === 'column.deleted' && s.envelope.data.id === todo);
      assert.equal(seen.envelope.data.moveCardsTo, doing);
      assert.deepEqual((seen.envelope.data.cards as Card[]).map((c) => [c.id, c.columnId]), [[card.id, doing], [second.id, doing]]);
    } finally {
      watch.close();
    }
    const empty = body<{ id: string }>(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'Vide' } })).id;
    assert.equal((await karim.call('DELETE', `/v1/columns/${empty}`)).status, 204, 'an empty column needs no destination');
    assert.equal((await karim.call('GET', `/v1/cards/${card.id}/activity`)).status, 200);
  });

  it('archiving takes a card off its column for everyone; the archives list it; restoring puts it back where it was', async () => {
    const { board, todo, doing, card } = await fixture();
    const below = body<Card & { archivedAt: string | null }>(await camille.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: todo, title: 'Dessous' } }));
    assert.equal(below.archivedAt, null);
    const watch = await Watch.open(karim);
    try {
      const archived = await lea.call('POST', `/v1/cards/${card.id}/archive`);
      assert.equal(archived.status, 200, archived.text);
      const shown = body<Card & { archivedAt: string | null }>(archived);
      assert.ok(shown.archivedAt !== null && shown.version === card.version + 1);
      const seen = await watch.next((s) => s.envelope.type === 'card.archived' && s.envelope.data.id === card.id);
      assert.equal(seen.envelope.spaceId, spaceId);
      assert.equal((await lea.call('POST', `/v1/cards/${card.id}/archive`)).status, 200, 'archiving twice changes nothing');
      assert.deepEqual(body<Detail>(await ines.call('GET', `/v1/boards/${board.id}`)).cards.map((c) => c.id), [below.id]);
      const listed = body<{ items: Card[]; nextCursor: string | null }>(await ines.call('GET', `/v1/boards/${board.id}/archived-cards`));
      assert.deepEqual([listed.items.map((c) => c.id), listed.nextCursor], [[card.id], null]);
      // An archived card is read, restored or deleted; not edited or moved.
      expectProblem(await lea.call('PATCH', `/v1/cards/${card.id}`, { json: { title: 'x' }, headers: { 'if-match': `"${shown.version}"` } }), 409, 'conflict');
      expectProblem(await lea.call('POST', `/v1/cards/${card.id}/move`, { json: { columnId: doing } }), 409, 'conflict');
      // A new card goes to the end of what is shown; the restored one comes back at the top.
      const restored = await camille.call('POST', `/v1/cards/${card.id}/restore`);
      assert.equal(restored.status, 200, restored.text);
      assert.equal(body<Card & { archivedAt: string | null }>(restored).archivedAt, null);
      await watch.next((s) => s.envelope.type === 'card.restored' && s.envelope.data.id === card.id);
      assert.deepEqual(body<Detail>(await karim.call('GET', `/v1/boards/${board.id}`)).cards.map((c) => c.id), [card.id, below.id]);
      const history = body<{ items: { kind: string; actor: { id: string } }[] }>(await karim.call('GET', `/v1/cards/${card.id}/activity`)).items;
      assert.deepEqual(history.map((a) => [a.kind, a.actor.id]).slice(-2), [['archived', 'lea'], ['restored', 'camille']]);
    } finally {
      watch.close();
    }
    // Deleting a column whose only cards are archived needs no destination; they go to the first other column.
    assert.equal((await lea.call('POST', `/v1/cards/${below.id}/archive`)).status, 200);
    assert.equal((await karim.call('DELETE', `/v1/columns/${todo}?moveCardsTo=${doing}`)).status, 204);
    assert.equal((await lea.call('POST', `/v1/cards/${card.id}/archive`)).status, 200);
    const spare = body<{ id: string }>(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'Réserve' } })).id;
    assert.equal((await karim.call('DELETE', `/v1/columns/${doing}`)).status, 204);
    const back = body<Card>(await karim.call('POST', `/v1/cards/${below.id}/restore`));
    assert.equal(back.columnId, spare);
    expectProblem(await karim.call('DELETE', `/v1/columns/${spare}`), 409, 'conflict');
  });

  it('columns: rename, WIP limit (shown, not enforced), reorder', async () => {
    const { board, todo, doing } = await fixture();
    const renamed = await karim.call('PATCH', `/v1/columns/${doing}`, { json: { name: 'En cours de traitement', wipLimit: 1 } });
    assert.equal(renamed.status, 200, renamed.text);
    for (const title of ['Un', 'Deux']) {
      assert.equal((await camille.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: doing, title } })).status, 201, 'past the WIP limit is allowed');
    }
    assert.equal((await karim.call('POST', `/v1/columns/${doing}/move`, { json: { afterId: null, beforeId: todo } })).status, 200);
    const detail = body<Detail>(await karim.call('GET', `/v1/boards/${board.id}`));
    assert.deepEqual(detail.columns.map((c) => [c.id, c.wipLimit]), [[doing, 1], [todo, null]]);
    assert.equal((await karim.call('PATCH', `/v1/columns/${doing}`, { json: { wipLimit: null } })).status, 200);
  });

  it('comments and history; every change is an event on the stream, in the space only', async () => {
    const [leaWatch, theoWatch] = await Promise.all([Watch.open(lea), Watch.open(theo)]);
    try {
      const { board, doing, card } = await fixture();
      const commented = await lea.call('POST', `/v1/cards/${card.id}/comments`, { json: { text: 'Je m’en occupe demain.' } });
      assert.equal(commented.status, 201, commented.text);
      const moved = await camille.call('POST', `/v1/cards/${card.id}/move`, { json: { columnId: doing, afterId: null, beforeId: null } });
      assert.equal(moved.status, 200);
      const comments = body<{ items: { text: string; author: { id: string; name: string } }[] }>(await ines.call('GET', `/v1/cards/${card.id}/comments`)).items;
      assert.deepEqual(comments.map((c) => [c.text, c.author.name]), [['Je m’en occupe demain.', 'Léa Rousseau']]);
      const history = body<{ items: { kind: string; actor: { id: string } }[] }>(await ines.call('GET', `/v1/cards/${card.id}/activity`)).items;
      assert.deepEqual(history.map((a) => [a.kind, a.actor.id]), [['created', 'camille'], ['commented', 'lea'], ['moved', 'camille']]);
      const fresh = body<Card>(await lea.call('GET', `/v1/cards/${card.id}`));
      assert.equal(fresh.commentCount, 1);
      // A member who did not write the card may not delete it; its author or an owner may.
      assert.equal(fresh.createdBy, 'camille');
      expectProblem(await lea.call('DELETE', `/v1/cards/${card.id}`), 403, 'forbidden');
      assert.equal((await karim.call('DELETE', `/v1/cards/${card.id}`)).status, 204);
      expectProblem(await karim.call('GET', `/v1/cards/${card.id}`), 404, 'not-found');
      const drafted = body<Card>(await lea.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: doing, title: 'Brouillon' } }));
      assert.equal((await lea.call('DELETE', `/v1/cards/${drafted.id}`)).status, 204, 'the author deletes her own card');

      const types = ['board.created', 'column.created', 'card.created', 'comment.created', 'card.moved', 'card.deleted'];
      await leaWatch.next((s) => s.envelope.type === 'card.deleted' && s.envelope.data.id === card.id);
      const mine = leaWatch.seen
        .map((s) => s.envelope)
        .filter((e) => e.data.boardId === board.id || e.data.id === board.id || (e.data.comment as { boardId?: string } | undefined)?.boardId === board.id);
      assert.deepEqual([...new Set(mine.map((e) => e.type))], types);
      assert.ok(mine.every((e) => e.spaceId === spaceId));
      const commentEvent = mine.find((e) => e.type === 'comment.created')!;
      assert.equal((commentEvent.data.card as Card).commentCount, 1);
      // A marker in Théo's own space: anything of the board would have arrived before it.
      const own = await createSpace(theo, 'Témoin');
      await theoWatch.next((s) => s.envelope.type === 'space.created' && s.envelope.spaceId === own);
      assert.deepEqual(theoWatch.seen.filter((s) => s.envelope.spaceId === spaceId), []);
    } finally {
      leaWatch.close();
      theoWatch.close();
    }
  });

  it('HTML and script payloads are stored verbatim and returned as JSON text', async () => {
    const { board, todo } = await fixture();
    const payloads = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>', '[clic](javascript:alert(1))', '"><svg onload=alert(1)>', '&lt;b&gt; déjà échappé &amp;'];
    for (const text of payloads) {
      const created = await camille.call('POST', `/v1/boards/${board.id}/cards`, {
        json: { columnId: todo, title: text, description: `**${text}**`, checklist: [{ text }] },
      });
      assert.equal(created.status, 201, created.text);
      assert.match(created.headers.get('content-type') ?? '', /^application\/json/);
      const card = body<Card>(created);
      const comment = await camille.call('POST', `/v1/cards/${card.id}/comments`, { json: { text } });
      assert.equal(body<{ text: string }>(comment).text, text);
      const read = await karim.call('GET', `/v1/cards/${card.id}`);
      assert.match(read.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual([body<Card>(read).title, body<Card>(read).description, body<Card>(read).checklist[0]?.text], [text, `**${text}**`, text]);
    }
    const named = await camille.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: '<b onmouseover=alert(1)>x</b>' } });
    assert.equal(body<{ name: string }>(named).name, '<b onmouseover=alert(1)>x</b>');
  });

  it('guests read every board route but get 403 on every write; non-members get 404 everywhere', async () => {
    const { board, todo, doing, card } = await fixture();
    const reads = [
      `/v1/spaces/${spaceId}/boards`,
      `/v1/boards/${board.id}`,
      `/v1/boards/${board.id}/archived-cards`,
      `/v1/cards/${card.id}`,
      `/v1/cards/${card.id}/comments`,
      `/v1/cards/${card.id}/activity`,
    ];
    const writes: [string, string, unknown?][] = [
      ['POST', `/v1/spaces/${spaceId}/boards`, { name: 'intrus' }],
      ['PATCH', `/v1/boards/${board.id}`, { name: 'intrus' }],
      ['POST', `/v1/boards/${board.id}/columns`, { name: 'intrus' }],
      ['PATCH', `/v1/columns/${todo}`, { name: 'intrus' }],
      ['POST', `/v1/columns/${todo}/move`, { afterId: doing }],
      ['DELETE', `/v1/columns/${doing}`],
      ['POST', `/v1/boards/${board.id}/cards`, { columnId: todo, title: 'intrus' }],
      ['PATCH', `/v1/cards/${card.id}`, { title: 'intrus' }],
      ['POST', `/v1/cards/${card.id}/move`, { columnId: doing }],
      ['POST', `/v1/cards/${card.id}/comments`, { text: 'intrus' }],
      ['POST', `/v1/cards/${card.id}/archive`],
      ['POST', `/v1/cards/${card.id}/restore`],
      ['DELETE', `/v1/cards/${card.id}`],
    ];
    for (const path of reads) assert.equal((await ines.call('GET', path)).status, 200, path);
    for (const [method, path, json] of writes) {
      const headers = { 'if-match': `"${card.version}"` };
      expectProblem(await ines.call(method, path, json === undefined ? { headers } : { json, headers }), 403, 'forbidden');
    }
    for (const path of reads) expectProblem(await theo.call('GET', path), 404, 'not-found');
    for (const [method, path, json] of writes) {
      expectProblem(await theo.call(method, path, json === undefined ? {} : { json }), 404, 'not-found');
    }
    for (const path of ['/v1/boards/brd_nope', '/v1/cards/crd_nope', '/v1/cards/crd_nope/comments']) {
      expectProblem(await karim.call('GET', path), 404, 'not-found');
    }
    const untouched = body<Detail>(await karim.call('GET', `/v1/boards/${board.id}`));
    assert.deepEqual(untouched.cards, [card]);
    assert.equal(untouched.columns.length, 2);
  });
});
