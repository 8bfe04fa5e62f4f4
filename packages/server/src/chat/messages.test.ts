import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createSpace, openTarget, Person, type Reply, type Target } from '../conformance/harness.js';
import { testDatabaseUrl } from '../db/testing.js';
import { Watch } from './watch.js';

interface Msg {
  id: string;
  text: string;
  threadId: string | null;
  replyCount: number;
  lastReplyAt: string | null;
  deletedAt: string | null;
  editedAt: string | null;
  reactions: { emoji: string; count: number; userIds: string[] }[];
  mentions: string[];
  version: number;
  createdAt: string;
}

const body = <T>(reply: Reply): T => reply.body as T;

/** How many SQL statements this process runs (the test's server is in-process) while `run` does. */
async function statementsDuring(run: () => Promise<unknown>): Promise<number> {
  const probe = new SQLite(':memory:');
  const sqliteStatement = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  const pgClient = pg.Client.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  let count = 0;
  const restore: (() => void)[] = [];
  for (const [target, method] of [[sqliteStatement, 'all'], [sqliteStatement, 'get'], [sqliteStatement, 'run'], [sqliteStatement, 'iterate'], [pgClient, 'query']] as const) {
    const original = target[method] as (...args: unknown[]) => unknown;
    target[method] = function (this: unknown, ...args: unknown[]) {
      count += 1;
      return original.apply(this, args);
    };
    restore.push(() => {
      target[method] = original;
    });
  }
  try {
    await run();
  } finally {
    for (const undo of restore) undo();
  }
  return count;
}

function expectProblem(reply: Reply, status: number, code: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal((reply.body as { code: string }).code, code);
}

describe('chat messages', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let lea: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let roomId: string;

  before(async () => {
    target = await openTarget();
    [karim, camille, lea, ines, theo] = await Person.signInAll(target.baseUrl, ['karim', 'camille', 'lea', 'ines', 'theo']);
    spaceId = await createSpace(karim, 'Salons', [
      [camille, 'member'],
      [lea, 'member'],
      [ines, 'guest'],
    ]);
    const room = await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'général', topic: 'Tout et rien' } });
    assert.equal(room.status, 201, room.text);
    roomId = body<{ id: string }>(room).id;
  });
  after(() => target.close());

  const send = (person: Person, text: string, extra: Record<string, unknown> = {}) =>
    person.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text, ...extra } });

  it('the latest page of a room is three statements on SQLite (room access, page, links; PostgreSQL adds the session and the event head)', async () => {
    const room = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'pages' } }));
    for (let i = 0; i < 3; i += 1) assert.equal((await camille.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: `page ${i} @lea` } })).status, 201);
    const first = await karim.call('GET', `/v1/rooms/${room.id}/messages`);
    assert.equal(first.status, 200, first.text);
    let page: Reply | undefined;
    const count = await statementsDuring(async () => {
      page = await karim.call('GET', `/v1/rooms/${room.id}/messages`);
    });
    assert.equal(page?.status, 200, page?.text);
    assert.deepEqual(body<{ items: Msg[] }>(page as Reply).items.slice(-3).map((m) => [m.text, m.mentions]), [0, 1, 2].map((i) => [`page ${i} @lea`, ['lea']]));
    assert.ok(count <= (testDatabaseUrl() ? 5 : 3), `${count} statements for one page`);
  });

  it('two people in one room see each other’s messages live on their streams', async () => {
    const [karimWatch, camilleWatch] = await Promise.all([Watch.open(karim), Watch.open(camille)]);
    try {
      const fromCamille = body<Msg>(await send(camille, 'Bonjour Karim !'));
      const seenByKarim = await karimWatch.next((s) => s.envelope.type === 'message.created' && s.envelope.data.id === fromCamille.id);
      assert.equal(seenByKarim.envelope.data.text, 'Bonjour Karim !');
      assert.equal(seenByKarim.envelope.spaceId, spaceId);
      assert.equal(seenByKarim.id, seenByKarim.envelope.position);
      const fromKarim = body<Msg>(await send(karim, 'Bonjour Camille.'));
      const seenByCamille = await camilleWatch.next((s) => s.envelope.type === 'message.created' && s.envelope.data.id === fromKarim.id);
      assert.deepEqual(seenByCamille.envelope.data, fromKarim);
      assert.deepEqual((await camille.call('GET', `/v1/messages/${fromKarim.id}`)).body, fromKarim, 'as read back');
    } finally {
      karimWatch.close();
      camilleWatch.close();
    }
  });

  it('a non-member cannot read a room, its messages or its events (404, nothing on their stream)', async () => {
    const theoWatch = await Watch.open(theo);
    try {
      const message = body<Msg>(await send(camille, 'Réservé à l’espace'));
      const room = await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'secret' } });
      assert.equal(room.status, 201);
      const attempts: [string, string, unknown?][] = [
        ['GET', `/v1/spaces/${spaceId}/rooms`],
        ['POST', `/v1/spaces/${spaceId}/rooms`, { name: 'intrus' }],
        ['GET', `/v1/rooms/${roomId}`],
        ['PATCH', `/v1/rooms/${roomId}`, { name: 'intrus' }],
        ['GET', `/v1/rooms/${roomId}/messages`],
        ['POST', `/v1/rooms/${roomId}/messages`, { text: 'coucou' }],
        ['GET', `/v1/messages/${message.id}`],
        ['GET', `/v1/messages/${message.id}/replies`],
        ['PATCH', `/v1/messages/${message.id}`, { text: 'modifié' }],
        ['DELETE', `/v1/messages/${message.id}`],
        ['PUT', `/v1/messages/${message.id}/reactions/${encodeURIComponent('👍')}`],
        ['PUT', `/v1/rooms/${roomId}/read`, { messageId: message.id }],
        ['GET', `/v1/rooms/${roomId}/search?q=espace`],
        ['POST', `/v1/rooms/${roomId}/typing`],
        ['GET', `/v1/spaces/${spaceId}/presence`],
      ];
      for (const [method, path, json] of attempts) {
        const reply = await theo.call(method, path, json === undefined ? {} : { json });
        expectProblem(reply, 404, 'not-found');
      }
      assert.equal(body<Msg>(await karim.call('GET', `/v1/messages/${message.id}`)).text, 'Réservé à l’espace');
      // A marker in Théo's own space: everything committed before it would have arrived first.
      const own = await createSpace(theo, 'Témoin');
      await theoWatch.next((s) => s.envelope.type === 'space.created' && s.envelope.spaceId === own);
      const leaked = theoWatch.seen.filter((s) => s.envelope.spaceId === spaceId || JSON.stringify(s.envelope.data).includes(roomId));
      assert.deepEqual(leaked, []);
    } finally {
      theoWatch.close();
    }
  });

  it('guests read but cannot write (403)', async () => {
    const message = body<Msg>(await send(karim, 'Lisible par les invités'));
    assert.equal((await ines.call('GET', `/v1/rooms/${roomId}/messages`)).status, 200);
    expectProblem(await send(ines, 'Je peux écrire ?'), 403, 'forbidden');
    expectProblem(await ines.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'invités' } }), 403, 'forbidden');
    expectProblem(await ines.call('PUT', `/v1/messages/${message.id}/reactions/${encodeURIComponent('👍')}`), 403, 'forbidden');
    expectProblem(await ines.call('POST', `/v1/rooms/${roomId}/typing`), 403, 'forbidden');
    expectProblem(await ines.call('PATCH', `/v1/rooms/${roomId}`, { json: { name: 'renommé' } }), 403, 'forbidden');
    assert.equal((await ines.call('PUT', `/v1/rooms/${roomId}/read`, { json: { messageId: message.id } })).status, 200);
  });

  it('messages refused and accepted at the same moment: every accepted one lands once and is found by search, the refused leave nothing', async () => {
    // Sent together, they share group commits on SQLite, where a refusal is made before anything is written (ADR 0028).
    const texts = Array.from({ length: 12 }, (_, i) => `Ensemble ${i} simultané`);
    const answers = await Promise.all([...texts.map((text, i) => send(i % 2 === 0 ? karim : camille, text)), ...[0, 1, 2].map((i) => send(ines, `Refusé ${i} simultané`))]);
    answers.slice(0, texts.length).forEach((answer) => assert.equal(answer.status, 201, answer.text));
    answers.slice(texts.length).forEach((answer) => expectProblem(answer, 403, 'forbidden'));
    const listed = body<{ items: Msg[] }>(await karim.call('GET', `/v1/rooms/${roomId}/messages?limit=100`)).items.map((m) => m.text);
    for (const text of texts) assert.equal(listed.filter((t) => t === text).length, 1, text);
    assert.ok(!listed.some((t) => t.startsWith('Refusé')));
    const found = body<{ items: Msg[] }>(await karim.call('GET', `/v1/rooms/${roomId}/search?q=${encodeURIComponent('simultané')}&limit=50`)).items.map((m) => m.text);
    assert.deepEqual([...found].sort(), [...texts].sort());
  });

  it('edit own only; delete own or as a space owner: the tombstone and the replies stay', async () => {
    const root = body<Msg>(await send(camille, 'Premier jet'));
    const reply = body<Msg>(await send(lea, 'Une réponse', { threadId: root.id }));
    const edited = await camille.call('PATCH', `/v1/messages/${root.id}`, { json: { text: 'Version corrigée' } });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(body<Msg>(edited).text, 'Version corrigée');
    assert.ok(body<Msg>(edited).editedAt);
    assert.equal(edited.headers.get('etag'), `"${body<Msg>(edited).version}"`);
    expectProblem(await karim.call('PATCH', `/v1/messages/${root.id}`, { json: { text: 'Par le propriétaire' } }), 403, 'forbidden');
    expectProblem(await lea.call('PATCH', `/v1/messages/${root.id}`, { json: { text: 'Par une autre' } }), 403, 'forbidden');
    expectProblem(await lea.call('DELETE', `/v1/messages/${root.id}`), 403, 'forbidden');
    expectProblem(
      await camille.call('PATCH', `/v1/messages/${root.id}`, { json: { text: 'Trop tard' }, headers: { 'if-match': '"1"' } }),
      412,
      'precondition-failed',
    );
    assert.equal((await camille.call('PUT', `/v1/messages/${root.id}/reactions/${encodeURIComponent('🎉')}`)).status, 200);

    assert.equal((await karim.call('DELETE', `/v1/messages/${root.id}`)).status, 204);
    const tombstone = body<Msg>(await camille.call('GET', `/v1/messages/${root.id}`));
    assert.equal(tombstone.text, '');
    assert.ok(tombstone.deletedAt);
    assert.deepEqual(tombstone.reactions, []);
    assert.equal(tombstone.replyCount, 1);
    const listed = body<{ items: Msg[] }>(await camille.call('GET', `/v1/rooms/${roomId}/messages?limit=100`)).items;
    assert.ok(listed.some((m) => m.id === root.id && m.deletedAt !== null), 'the tombstone stays in the room');
    const replies = body<{ items: Msg[] }>(await camille.call('GET', `/v1/messages/${root.id}/replies`)).items;
    assert.deepEqual(replies.map((m) => [m.id, m.text]), [[reply.id, 'Une réponse']]);
    expectProblem(await camille.call('PATCH', `/v1/messages/${root.id}`, { json: { text: 'Ressuscité' } }), 409, 'conflict');

    assert.equal((await lea.call('DELETE', `/v1/messages/${reply.id}`)).status, 204, 'authors delete their own');
    assert.equal((await lea.call('DELETE', `/v1/messages/${reply.id}`)).status, 204, 'deleting twice changes nothing');
  });

  it('the same Idempotency-Key sends one message', async () => {
    const headers = { 'idempotency-key': `send-${Date.now()}` };
    const text = `Une seule fois ${Math.random()}`;
    const first = await camille.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text }, headers });
    const second = await camille.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text }, headers });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(body<Msg>(second).id, body<Msg>(first).id);
    const listed = body<{ items: Msg[] }>(await camille.call('GET', `/v1/rooms/${roomId}/messages?limit=100`)).items;
    assert.equal(listed.filter((m) => m.text === text).length, 1);
  });

  it('empty, blank and over-long messages, attachments and unknown fields are 422 problems', async () => {
    for (const text of ['', '   \n\t ']) {
      const reply = await send(camille, text);
      expectProblem(reply, 422, 'validation-failed');
      assert.equal((reply.body as { errors: { pointer: string }[] }).errors[0]?.pointer, '/text');
    }
    expectProblem(await send(camille, 'x'.repeat(10_001)), 422, 'validation-failed');
    assert.equal((await send(camille, 'x'.repeat(10_000))).status, 201, 'exactly 10,000 characters is fine');
    expectProblem(await send(camille, 'avec pièce jointe', { attachments: [{ fileId: 'fil_1' }] }), 422, 'validation-failed');
    expectProblem(await send(camille, 'champ inconnu', { html: '<b>' }), 422, 'validation-failed');
    const root = body<Msg>(await send(camille, 'racine'));
    const reply = body<Msg>(await send(camille, 'réponse', { threadId: root.id }));
    expectProblem(await send(camille, 'réponse à une réponse', { threadId: reply.id }), 422, 'validation-failed');
  });

  it('HTML, script URLs, SVG and event handlers are stored and returned verbatim as JSON text', async () => {
    const payloads = [
      '<script>alert("x")</script>',
      '<img src=x onerror=alert(1)>',
      '[clic](javascript:alert(1))',
      '<svg onload=alert(1)><circle r="10"/></svg>',
      '"><iframe src="data:text/html,<b>x</b>"></iframe>',
      '&lt;b&gt; déjà échappé &amp;',
      '<a href="#" onclick="steal()">**gras**</a>',
    ];
    for (const text of payloads) {
      const sent = await send(camille, text);
      assert.equal(sent.status, 201);
      assert.match(sent.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(body<Msg>(sent).text, text);
      const read = await karim.call('GET', `/v1/messages/${body<Msg>(sent).id}`);
      assert.match(read.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(body<Msg>(read).text, text);
    }
    const room = await camille.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: '<b onmouseover=alert(1)>salon</b>' } });
    assert.equal(body<{ name: string }>(room).name, '<b onmouseover=alert(1)>salon</b>');
  });

  it('rooms: creator or owner may rename and archive; an archived room refuses messages (409)', async () => {
    const created = await camille.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'projet' } });
    const room = body<{ id: string; version: number; createdBy: string | null }>(created);
    assert.equal(created.headers.get('location'), `/v1/rooms/${room.id}`);
    assert.equal(room.createdBy, 'camille', 'the creator is told, so that a UI offers the changes');
    expectProblem(await lea.call('PATCH', `/v1/rooms/${room.id}`, { json: { name: 'à moi' } }), 403, 'forbidden');
    expectProblem(await ines.call('PATCH', `/v1/rooms/${room.id}`, { json: { archived: true } }), 403, 'forbidden');
    expectProblem(await theo.call('PATCH', `/v1/rooms/${room.id}`, { json: { archived: true } }), 404, 'not-found');
    const renamed = await camille.call('PATCH', `/v1/rooms/${room.id}`, { json: { name: 'projet-2027' }, headers: { 'if-match': '"1"' } });
    assert.equal(renamed.status, 200, renamed.text);
    const stale = await karim.call('PATCH', `/v1/rooms/${room.id}`, { json: { archived: true }, headers: { 'if-match': '"1"' } });
    expectProblem(stale, 412, 'precondition-failed');
    assert.equal((stale.body as { current: { name: string } }).current.name, 'projet-2027');
    const leaWatch = await Watch.open(lea);
    try {
      assert.equal((await karim.call('PATCH', `/v1/rooms/${room.id}`, { json: { archived: true } })).status, 200);
      // Live for every member: the change comes down their stream as `room.updated`.
      const seen = await leaWatch.next((s) => s.envelope.type === 'room.updated' && s.envelope.data.id === room.id && s.envelope.data.archived === true);
      assert.equal(seen.envelope.data.name, 'projet-2027');
    } finally {
      leaWatch.close();
    }
    expectProblem(await camille.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: 'encore là ?' } }), 409, 'conflict');
    const active = body<{ items: { id: string }[] }>(await camille.call('GET', `/v1/spaces/${spaceId}/rooms`)).items;
    const archived = body<{ items: { id: string }[] }>(await camille.call('GET', `/v1/spaces/${spaceId}/rooms?archived=true`)).items;
    assert.ok(!active.some((r) => r.id === room.id));
    assert.ok(archived.some((r) => r.id === room.id));
    // Read-only, not gone: the archive is still readable; only those allowed bring it back.
    assert.equal((await lea.call('GET', `/v1/rooms/${room.id}/messages`)).status, 200);
    expectProblem(await lea.call('PATCH', `/v1/rooms/${room.id}`, { json: { archived: false } }), 403, 'forbidden');
    assert.equal((await camille.call('PATCH', `/v1/rooms/${room.id}`, { json: { archived: false } })).status, 200);
  });
});
