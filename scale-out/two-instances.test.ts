// Two real server processes (`cli.js --demo`) on one PostgreSQL database and one S3 bucket, behind
// Debian's nginx with the configuration docs/deploy.md shows: live fan-out across instances, resume
// on the other instance with Last-Event-ID, an upload that moves between instances, and an instance
// killed in the middle of a burst of writes. Needs the built server (`npx tsc -b packages/server`).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { createSpace, Person } from '@bureau/conformance/harness';
import { readEvents, type Envelope } from '@bureau/conformance/sse';
import { body, createUpload, download, patchUpload, rootOf, send, sha256, type FileJson } from '../packages/server/src/files/files-test-kit.test.js';
import { scaleOutMissing, startCluster, type Cluster, type Instance } from './harness.js';
import { documentedSite, siteConfig } from './nginx.js';

const skip = await scaleOutMissing({ s3: true });
const MiB = 1024 * 1024;
/** Generous for a loaded two-core machine; a live event normally arrives within milliseconds. */
const LIVE_MS = 15_000;

/** The same person (same session) talking to another address: an instance, or nginx. */
const through = (person: Person, baseUrl: string): Person => Object.assign(Object.create(Object.getPrototypeOf(person) as object) as Person, person, { baseUrl });

type Events = AsyncGenerator<{ id: string | undefined; event: string; envelope: Envelope }>;

interface Stream {
  /** The instance that holds it. */
  instance: Instance;
  events: Events;
  close(): void;
}

describe('two instances behind nginx', { skip, timeout: 300_000 }, () => {
  let cluster: Cluster;
  let nginx: string;
  let a: Instance;
  let b: Instance;
  let karim: Person;
  let camille: Person;
  let spaceId: string;
  let roomId: string;
  const streams: Stream[] = [];

  /** Opens `person`'s event stream at `baseUrl` (an instance or nginx); nginx says which instance took it. */
  async function openStream(person: Person, baseUrl: string, lastEventId?: string): Promise<Stream> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    const headers: Record<string, string> = person.authHeaders('GET');
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const response = await fetch(`${baseUrl}/v1/events`, { headers, signal: controller.signal });
    assert.equal(response.status, 200, `GET /v1/events at ${baseUrl}`);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const instance = baseUrl === nginx ? cluster.instanceAt(response.headers.get('x-bureau-instance')) : cluster.instances.find((i) => i.url === baseUrl);
    assert.ok(instance, `no instance at ${baseUrl}`);
    const stream: Stream = {
      instance,
      events: readEvents(response),
      close() {
        clearTimeout(timer);
        controller.abort();
      },
    };
    streams.push(stream);
    return stream;
  }

  /** A stream opened through nginx that nginx gave to `wanted` (nginx is asked again until it does, 6 times at most). */
  async function streamThroughNginxOn(person: Person, wanted: Instance, lastEventId?: string): Promise<Stream> {
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const stream = await openStream(person, nginx, lastEventId);
      if (stream.instance === wanted) return stream;
      stream.close();
    }
    throw new Error(`nginx never gave a stream to instance ${wanted.name}`);
  }

  /** Posts a message at `baseUrl`; its status and the instance that took it. */
  async function sendMessage(person: Person, baseUrl: string, room: string, text: string): Promise<{ status: number; instance: string | null }> {
    const response = await fetch(`${baseUrl}/v1/rooms/${room}/messages`, {
      method: 'POST',
      headers: { ...person.authHeaders('POST'), 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    await response.arrayBuffer();
    return { status: response.status, instance: response.headers.get('x-bureau-instance') };
  }

  /** Reads `events` until every text of `texts` was created in `room` (bounded); what came, in order. */
  async function messagesUntil(events: Events, room: string, texts: readonly string[]): Promise<{ text: string; position: number }[]> {
    const waiting = new Set(texts);
    const found: { text: string; position: number }[] = [];
    const timeout = new Promise<never>((_, reject) => {
      const timer = setTimeout(() => reject(new Error(`still waiting for ${[...waiting].join(', ')} after ${LIVE_MS} ms; got ${found.map((m) => m.text).join(', ')}`)), LIVE_MS);
      timer.unref();
    });
    const reading = (async () => {
      // next() rather than for-await: leaving a for-await loop would close the stream for the next call.
      for (let item = await events.next(); !item.done; item = await events.next()) {
        const { envelope } = item.value;
        if (envelope.type !== 'message.created' || envelope.data.roomId !== room) continue;
        const text = String(envelope.data.text);
        found.push({ text, position: Number(envelope.position) });
        waiting.delete(text);
        if (waiting.size === 0) return found;
      }
      throw new Error(`the stream ended while waiting for ${[...waiting].join(', ')}`);
    })();
    reading.catch(() => {}); // when the timeout wins, the stream is aborted later
    return Promise.race([reading, timeout]);
  }

  async function newRoom(name: string): Promise<string> {
    const room = await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name } });
    assert.equal(room.status, 201, room.text);
    return (room.body as { id: string }).id;
  }

  before(async () => {
    cluster = await startCluster({ instances: 2, database: 'postgres', s3: true });
    nginx = cluster.proxy.url;
    [a, b] = cluster.instances as [Instance, Instance];
    karim = await Person.signIn(nginx, 'karim');
    camille = await Person.signIn(nginx, 'camille');
    const others = await Person.signInAll(nginx, ['lea', 'ines', 'theo']);
    spaceId = await createSpace(karim, 'Deux instances derrière nginx', [[camille, 'member'], ...others.map((p): [Person, 'member'] => [p, 'member'])]);
    roomId = await newRoom('relais');
  });

  after(async () => {
    for (const stream of streams) stream.close();
    await cluster?.close();
  });

  it('nginx spreads requests over both instances and answers readiness', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 6; i += 1) {
      const response = await fetch(`${nginx}/v1/ready`);
      assert.equal(response.status, 200);
      seen.add(cluster.instanceAt(response.headers.get('x-bureau-instance')).name);
    }
    assert.deepEqual([...seen].sort(), ['a', 'b']);
  });

  it('a message sent through one instance is received live by a stream held by the other, directly and through nginx', async () => {
    // Directly: the stream on B, the message posted on A.
    const onB = await openStream(camille, b.url);
    assert.equal((await sendMessage(karim, a.url, roomId, 'direct: envoyé sur A')).status, 201);
    assert.deepEqual((await messagesUntil(onB.events, roomId, ['direct: envoyé sur A'])).map((m) => m.text), ['direct: envoyé sur A']);
    onB.close();

    // Through nginx: wherever nginx put the stream, messages are posted through nginx until one
    // lands on the other instance; the stream receives every one of them, that one included.
    const stream = await openStream(camille, nginx);
    const sent: string[] = [];
    let crossed: string | null = null;
    for (let i = 0; i < 6 && crossed === null; i += 1) {
      const text = `nginx ${i}`;
      const answer = await sendMessage(karim, nginx, roomId, text);
      assert.equal(answer.status, 201);
      sent.push(text);
      if (cluster.instanceAt(answer.instance) !== stream.instance) crossed = text;
    }
    assert.ok(crossed, `nginx sent every message to instance ${stream.instance.name}, where the stream is`);
    assert.deepEqual((await messagesUntil(stream.events, roomId, sent)).map((m) => m.text), sent);
    stream.close();
  });

  it('a client that switches instance with its Last-Event-ID misses nothing', async () => {
    const first = await openStream(camille, nginx);
    assert.equal((await sendMessage(karim, nginx, roomId, 'avant la coupure')).status, 201);
    const [seen] = await messagesUntil(first.events, roomId, ['avant la coupure']);
    first.close();
    // While the client is away, writes land on both instances, directly and through nginx.
    const away = ['absent 1', 'absent 2', 'absent 3', 'absent 4', 'absent 5', 'absent 6'];
    for (const [i, text] of away.entries()) {
      const at = i < 2 ? a.url : i < 4 ? b.url : nginx;
      assert.equal((await sendMessage(karim, at, roomId, text)).status, 201, text);
    }
    const other = first.instance === a ? b : a;
    const resumed = await streamThroughNginxOn(camille, other, String(seen?.position));
    const replayed = await messagesUntil(resumed.events, roomId, away);
    assert.deepEqual(replayed.map((m) => m.text), away, 'each missed message once, in order');
    assert.ok(replayed.every((m, i) => m.position > (i === 0 ? (seen?.position ?? 0) : (replayed[i - 1]?.position ?? 0))), 'positions increase');
    // And the resumed stream carries on live.
    assert.equal((await sendMessage(karim, first.instance.url, roomId, 'après la reprise')).status, 201);
    assert.deepEqual((await messagesUntil(resumed.events, roomId, ['après la reprise'])).map((m) => m.text), ['après la reprise']);
    resumed.close();
  });

  it('a tus upload started on instance A finishes on instance B; the stored file’s checksum matches', async () => {
    const rootId = await rootOf(karim, spaceId);
    const bytes = randomBytes(13 * MiB + 321);
    const onA = through(karim, a.url);
    const onB = through(karim, b.url);
    const created = await createUpload(onA, { spaceId, folderId: rootId, filename: 'de-a-vers-b.bin' }, bytes.length);
    assert.equal(created.status, 201, created.text);
    const location = created.headers.get('location') ?? '';
    assert.match(location, /^\/v1\/uploads\//, 'a relative Location, right behind any proxy');
    for (const [from, to] of [[0, 5 * MiB], [5 * MiB, 7 * MiB + 3]] as const) {
      const patched = await patchUpload(onA, location, from, bytes.subarray(from, to));
      assert.equal(patched.status, 204, patched.text);
    }
    const head = await send(onB, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' });
    assert.equal(head.status, 200, head.text);
    assert.equal(head.headers.get('upload-offset'), String(7 * MiB + 3), 'B reads the offset A reached');
    const rest = await patchUpload(onB, location, 7 * MiB + 3, bytes.subarray(7 * MiB + 3));
    assert.equal(rest.status, 204, rest.text);
    const fileId = rest.headers.get('bureau-file-id') ?? '';
    const file = body<FileJson>(await karim.call('GET', `/v1/files/${fileId}`));
    assert.equal(file.size, bytes.length);
    assert.equal(file.checksum, sha256(bytes));
    const got = await download(camille, `/v1/files/${fileId}/content`);
    assert.equal(got.status, 200);
    assert.equal(sha256(got.bytes), sha256(bytes), 'the bytes served through nginx are the bytes sent');
  });

  it('a tus upload through nginx, its PATCHes streamed through and spread over both instances', async () => {
    const rootId = await rootOf(karim, spaceId);
    const bytes = randomBytes(21 * MiB + 17);
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'par-nginx.bin' }, bytes.length);
    assert.equal(created.status, 201, created.text);
    const location = created.headers.get('location') ?? '';
    const served = new Set<string>();
    let done: Awaited<ReturnType<typeof patchUpload>> | null = null;
    for (let offset = 0; offset < bytes.length; offset += 6 * MiB) {
      done = await patchUpload(karim, location, offset, bytes.subarray(offset, offset + 6 * MiB));
      assert.equal(done.status, 204, `PATCH at ${offset}: ${done.text}`);
      served.add(cluster.instanceAt(done.headers.get('x-bureau-instance')).name);
    }
    assert.deepEqual([...served].sort(), ['a', 'b'], 'the PATCHes went to both instances');
    const fileId = done?.headers.get('bureau-file-id') ?? '';
    const got = await download(camille, `/v1/files/${fileId}/content`);
    assert.equal(sha256(got.bytes), sha256(bytes));
  });

  // Last: it leaves one instance.
  it('an instance killed (SIGKILL) during a burst of writes through nginx loses nothing acknowledged; nginx serves from the survivor', async (t) => {
    const burstRoom = await newRoom('rafale');
    const senders = await Person.signInAll(nginx, ['lea', 'ines', 'theo']);
    const perSender = 25; // under the chat limit of 30 messages per person per 10 s
    const killAfter = 24; // acknowledged messages, all senders together
    // A stream on the instance that survives, opened before the burst.
    const watcher = await streamThroughNginxOn(camille, b);
    type Outcome = { text: string; status: number; instance: string | null; afterKill: boolean };
    const outcomes: Outcome[] = [];
    let acknowledged = 0;
    let killed = null as Promise<void> | null;
    let killedAt = -1;
    await Promise.all(
      senders.map(async (sender) => {
        for (let i = 0; i < perSender; i += 1) {
          const text = `rafale ${sender.id} ${String(i).padStart(2, '0')}`;
          const afterKill = killed !== null;
          const answer = await sendMessage(sender, nginx, burstRoom, text).catch(() => ({ status: 0, instance: null }));
          outcomes.push({ text, ...answer, afterKill });
          if (answer.status === 201) acknowledged += 1;
          if (acknowledged >= killAfter && killed === null) {
            killedAt = outcomes.length;
            killed = a.kill('SIGKILL');
          }
        }
      }),
    );
    await killed;
    assert.ok(killedAt > 0 && !a.alive(), 'instance a was killed during the burst');
    const acked = outcomes.filter((o) => o.status === 201).map((o) => o.text);
    const failed = outcomes.filter((o) => o.status !== 201);
    t.diagnostic(`${outcomes.length} writes, killed after ${killedAt}; ${acked.length} acknowledged, ${failed.length} failed (${failed.map((o) => o.status).join(', ') || 'none'})`);
    // Only requests in flight when the instance died may fail (one per sender at most).
    assert.ok(failed.length <= senders.length, `failed: ${JSON.stringify(failed)}`);
    assert.ok(failed.every((o) => o.status === 502 || o.status === 0), `failures are the dead instance's: ${JSON.stringify(failed)}`);
    // Once the kill is known, everything goes to the survivor.
    const later = outcomes.filter((o) => o.afterKill && o.status === 201);
    assert.ok(later.length >= 20, `writes after the kill: ${later.length}`);
    assert.ok(later.every((o) => cluster.instanceAt(o.instance) === b), 'served by the survivor');
    assert.equal((await fetch(`${nginx}/v1/ready`)).status, 200, 'nginx is still ready');

    // The list: every acknowledged message once, each sender's in the order it sent them;
    // nothing that was not sent (an unacknowledged one may or may not have been committed).
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await karim.call('GET', `/v1/rooms/${burstRoom}/messages?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(page.status, 200, page.text);
      const { items, nextCursor } = page.body as { items: { text: string }[]; nextCursor: string | null };
      listed.unshift(...items.map((m) => m.text));
      cursor = nextCursor;
    } while (cursor);
    const sentTexts = new Set(outcomes.map((o) => o.text));
    assert.ok(listed.every((text) => sentTexts.has(text)), 'nothing listed that was not sent');
    assert.equal(new Set(listed).size, listed.length, 'nothing listed twice');
    for (const text of acked) assert.ok(listed.includes(text), `acknowledged but lost: ${text}`);
    for (const sender of senders) {
      const mine = (list: string[]) => list.filter((text) => text.startsWith(`rafale ${sender.id} `));
      assert.deepEqual(mine(listed).filter((text) => acked.includes(text)), mine(acked), `${sender.id}'s messages in the order sent`);
    }

    // The event log tells the same, live on the survivor: each acknowledged message once, each
    // sender's in order, positions increasing.
    const streamed = await messagesUntil(watcher.events, burstRoom, acked);
    assert.equal(new Set(streamed.map((m) => m.text)).size, streamed.length, 'no event twice');
    assert.ok(streamed.every((m, i) => i === 0 || m.position > (streamed[i - 1]?.position ?? 0)), 'positions increase');
    for (const sender of senders) {
      const mine = (list: string[]) => list.filter((text) => text.startsWith(`rafale ${sender.id} `) && acked.includes(text));
      assert.deepEqual(mine(streamed.map((m) => m.text)), mine(acked), `${sender.id}'s events in the order sent`);
    }
    watcher.close();
  });
});

describe('the nginx configuration in docs/deploy.md', () => {
  it('is exactly the site configuration the tests run, for the guide’s example addresses', async () => {
    const guide = await readFile(new URL('../docs/deploy.md', import.meta.url), 'utf8');
    assert.ok(guide.includes(siteConfig(documentedSite)), 'docs/deploy.md must contain what `node --import tsx scale-out/print-nginx-conf.ts` prints');
  });
});
