/**
 * Two reference servers on one PostgreSQL database, as behind a load balancer: a session, the event
 * log and the write limit are shared; a message (or typing) sent through one instance reaches a
 * stream held by the other, and a client that switches instance with its Last-Event-ID misses nothing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSpace, Person } from '../conformance/harness.js';
import { readEvents, type Envelope } from '@bureau/conformance/sse';
import { createPostgresDatabase, postgresMissing, postgresTestUrl } from '../db/testing.js';
import { startServer, type RunningServer } from '../server.js';

const skip = postgresMissing();

/** A stream of `person` opened on the instance at `baseUrl` (their session works on any instance). */
async function streamOn(baseUrl: string, person: Person, signal: AbortSignal, lastEventId?: string) {
  const headers: Record<string, string> = person.authHeaders('GET');
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await fetch(`${baseUrl}/v1/events`, { headers, signal });
  assert.equal(response.status, 200);
  return readEvents(response);
}

/** Reads events until `count` messages were created in `roomId`; their texts and positions. */
async function nextMessages(events: AsyncGenerator<{ envelope: Envelope }>, roomId: string, count: number) {
  const found: { text: string; position: number }[] = [];
  for await (const { envelope } of events) {
    if (envelope.type !== 'message.created' || envelope.data.roomId !== roomId) continue;
    found.push({ text: String(envelope.data.text), position: Number(envelope.position) });
    if (found.length === count) break;
  }
  return found;
}

describe('two instances on one PostgreSQL database', { skip }, () => {
  let dropDatabase: () => Promise<void>;
  const dirs: string[] = [];
  let a: RunningServer;
  let b: RunningServer;
  let karim: Person;
  let camille: Person;
  let roomId: string;

  before(async () => {
    const database = await createPostgresDatabase(postgresTestUrl() as string);
    dropDatabase = database.drop;
    const start = async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'bureau-instance-'));
      dirs.push(dataDir);
      return startServer({ dataDir, database: { url: database.url, poolSize: 4 }, demo: true, port: 0, rateLimit: { max: 12, windowMs: 60_000 } });
    };
    a = await start();
    b = await start();
    karim = await Person.signIn(a.url, 'karim');
    camille = await Person.signIn(b.url, 'camille');
    const spaceId = await createSpace(karim, 'Deux instances', [[camille, 'member']]);
    const room = await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'relais' } });
    assert.equal(room.status, 201, room.text);
    roomId = (room.body as { id: string }).id;
  });

  after(async () => {
    await a?.close();
    await b?.close();
    await dropDatabase?.();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const sendThrough = (baseUrl: string, person: Person, text: string) =>
    fetch(`${baseUrl}/v1/rooms/${roomId}/messages`, {
      method: 'POST',
      headers: { ...person.authHeaders('POST'), 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });

  it('a session opened on one instance is valid on the other', async () => {
    const session = await fetch(`${b.url}/v1/session`, { headers: karim.authHeaders('GET') });
    assert.equal(session.status, 200);
    assert.equal(((await session.json()) as { user: { id: string } }).user.id, 'karim');
  });

  it('a message sent through one instance reaches, live, a stream held by the other', async () => {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), 10_000);
    try {
      const events = await streamOn(b.url, camille, controller.signal);
      const sent = await sendThrough(a.url, karim, 'Envoyé par A, lu sur B');
      assert.equal(sent.status, 201);
      assert.deepEqual((await nextMessages(events, roomId, 1)).map((m) => m.text), ['Envoyé par A, lu sur B']);
    } finally {
      clearTimeout(timeout);
      controller.abort();
    }
  });

  it('typing on one instance reaches the room’s members streaming from the other', async () => {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), 10_000);
    try {
      const events = await streamOn(b.url, camille, controller.signal);
      const typed = await fetch(`${a.url}/v1/rooms/${roomId}/typing`, { method: 'POST', headers: karim.authHeaders('POST') });
      assert.equal(typed.status, 204);
      for await (const { event, envelope } of events) {
        if (event !== 'typing') continue;
        assert.deepEqual(envelope.data, { roomId, user: { id: 'karim', name: 'Karim Benali' } });
        break;
      }
    } finally {
      clearTimeout(timeout);
      controller.abort();
    }
  });

  it('a client that switches instance with its Last-Event-ID misses nothing', async () => {
    const first = new AbortController();
    const timeout = setTimeout(() => first.abort(), 10_000);
    let seen: { text: string; position: number }[];
    try {
      const onA = await streamOn(a.url, camille, first.signal);
      assert.equal((await sendThrough(a.url, karim, 'un')).status, 201);
      seen = await nextMessages(onA, roomId, 1);
    } finally {
      clearTimeout(timeout);
      first.abort();
    }
    // While the client is away, writes land on both instances.
    for (const [i, baseUrl] of [a.url, b.url, a.url, b.url].entries()) {
      assert.equal((await sendThrough(baseUrl, karim, `pendant ${i}`)).status, 201);
    }
    const second = new AbortController();
    const timeout2 = setTimeout(() => second.abort(), 10_000);
    try {
      const onB = await streamOn(b.url, camille, second.signal, String(seen[0]?.position));
      const resumed = await nextMessages(onB, roomId, 4);
      assert.deepEqual(resumed.map((m) => m.text), ['pendant 0', 'pendant 1', 'pendant 2', 'pendant 3']);
      assert.ok(resumed.every((m, i) => i === 0 || m.position > (resumed[i - 1]?.position ?? 0)), 'in position order');
    } finally {
      clearTimeout(timeout2);
      second.abort();
    }
  });

  it('/v1/ready answers 200 while the database answers, 503 once it is gone; /v1/health stays 200', async () => {
    const own = await createPostgresDatabase(postgresTestUrl() as string);
    const dataDir = await mkdtemp(join(tmpdir(), 'bureau-instance-'));
    dirs.push(dataDir);
    const server = await startServer({ dataDir, database: { url: own.url, poolSize: 2 }, port: 0 });
    try {
      const ready = await fetch(`${server.url}/v1/ready`);
      assert.equal(ready.status, 200);
      assert.equal(((await ready.json()) as { database: string }).database, 'postgres');
      await own.drop();
      const gone = await fetch(`${server.url}/v1/ready`);
      assert.equal(gone.status, 503);
      assert.match(gone.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(((await gone.json()) as { code: string }).code, 'unavailable');
      assert.equal((await fetch(`${server.url}/v1/health`)).status, 200, 'the process itself is alive');
    } finally {
      await server.close();
      await own.drop();
    }
  });

  it('the write limit counts a person’s changes on every instance together', async () => {
    const lea = await Person.signIn(a.url, 'lea');
    const write = (baseUrl: string, i: number) =>
      fetch(`${baseUrl}/v1/spaces`, {
        method: 'POST',
        headers: { ...lea.authHeaders('POST'), 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Espace ${i}` }),
      });
    for (let i = 0; i < 12; i += 1) assert.equal((await write(i % 2 === 0 ? a.url : b.url, i)).status, 201, `write ${i}`);
    const refused = await write(b.url, 12);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  });
});
