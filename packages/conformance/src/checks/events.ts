import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openAs, type Person, type Target } from '../harness.js';
import { readEvents, readSse, type Envelope } from '../sse.js';

/** A small seeded generator, so that a failing run can be replayed (the seed is in the test name). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isAbort = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';

/**
 * A controller for one stream read that gives up after `ms`: a `TimeoutError` (not an
 * `AbortError`) that fails the test, naming what did not arrive, instead of a read that never ends.
 */
function bounded(what: string, ms = 20_000): AbortController {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`${what}: not within ${ms} ms`, 'TimeoutError')), ms);
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return controller;
}

/** Opens a stream and resolves once the server has sent its first bytes (the `retry:` field). */
async function openStream(person: Person, lastEventId: string | null, signal: AbortSignal) {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (lastEventId !== null) headers['last-event-id'] = lastEventId;
  const response = await person.fetch('GET', '/v1/events', { headers, signal });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  return response;
}

describe('event stream', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let lea: Person;
  before(async () => ({ target, people: [karim, camille, lea] } = await openAs(['karim', 'camille', 'lea'])));
  after(() => target.close());

  const seed = Number(process.env.BUREAU_TEST_SEED ?? Date.now() % 100_000);
  it(`500 events with random disconnects arrive exactly once and in order (seed ${seed})`, async () => {
    const next = random(seed);
    const spaceId = await createSpace(karim, 'Flux', [[camille, 'member']]);
    const total = 500;
    const names: string[] = [];
    const positions: number[] = [];
    let lastId: string | null = null;
    let writing: Promise<void> | null = null;
    let done = false;
    const deadline = Date.now() + 90_000;
    for (let connection = 0; connection < 2000 && !done; connection += 1) {
      assert.ok(Date.now() < deadline, `only ${names.length} of ${total} updates within 90 s`);
      const controller = bounded(`connection ${connection}: the next events`);
      const response = await openStream(camille, lastId, controller.signal);
      const cutAfter = 1 + Math.floor(next() * 40);
      let read = 0;
      try {
        for await (const item of readSse(response)) {
          if (item.kind === 'retry' && writing === null) {
            writing = (async () => {
              for (let i = 0; i < total; i += 1) {
                const reply = await karim.call('PATCH', `/v1/spaces/${spaceId}`, { json: { name: `n-${i}` } });
                assert.equal(reply.status, 200, reply.text);
              }
            })();
          }
          if (item.kind !== 'message') continue;
          const envelope = JSON.parse(item.data) as Envelope;
          assert.equal(item.id, envelope.position);
          assert.equal(item.event, envelope.type);
          positions.push(Number(envelope.position));
          lastId = envelope.position;
          if (envelope.type === 'space.updated' && envelope.spaceId === spaceId) names.push(String(envelope.data.name));
          if (names.length === total) {
            done = true;
            break;
          }
          read += 1;
          if (read >= cutAfter) {
            controller.abort();
            break;
          }
        }
      } catch (error) {
        if (!isAbort(error)) throw error;
      } finally {
        controller.abort();
      }
    }
    await writing;
    assert.equal(names.length, total, 'every update arrived');
    assert.deepEqual(names, Array.from({ length: total }, (_, i) => `n-${i}`), 'once each, in order');
    for (let i = 1; i < positions.length; i += 1) assert.ok(positions[i]! > positions[i - 1]!, 'positions only grow');
  });

  it('a removed member stops receiving the space, but gets their own member.removed', async () => {
    const watched = await createSpace(karim, 'Quitter', [[lea, 'member']]);
    const marker = await createSpace(karim, 'Témoin');
    const controller = bounded('member.added of the marker space');
    const response = await openStream(lea, null, controller.signal);
    const seen: Envelope[] = [];
    let step = 0;
    try {
      for await (const item of readSse(response)) {
        if (item.kind === 'retry') {
          assert.equal((await karim.call('PATCH', `/v1/spaces/${watched}`, { json: { name: 'Avant' } })).status, 200);
          assert.equal((await karim.call('DELETE', `/v1/spaces/${watched}/members/lea`)).status, 204);
          assert.equal((await karim.call('PATCH', `/v1/spaces/${watched}`, { json: { name: 'Après' } })).status, 200);
          assert.equal((await karim.call('PUT', `/v1/spaces/${marker}/members/lea`, { json: { role: 'guest' } })).status, 201);
          continue;
        }
        if (item.kind !== 'message') continue;
        const envelope = JSON.parse(item.data) as Envelope;
        seen.push(envelope);
        step += 1;
        if ((envelope.type === 'member.added' && envelope.spaceId === marker) || step > 1000) break;
      }
    } finally {
      controller.abort();
    }
    const about = seen.filter((e) => e.spaceId === watched).map((e) => `${e.type}:${String(e.data.name ?? e.data.userId)}`);
    assert.deepEqual(about, ['space.updated:Avant', 'member.removed:lea']);
    assert.ok(seen.some((e) => e.type === 'member.added' && e.spaceId === marker && e.data.userId === 'lea'));
  });

  it('resuming does not replay a space to someone who left it', async () => {
    const watched = await createSpace(karim, 'Passé', [[lea, 'member']]);
    const probe = bounded('the first event');
    const head = await openStream(lea, null, probe.signal);
    let start: string | null = null;
    try {
      for await (const item of readSse(head)) {
        if (item.kind === 'retry') {
          assert.equal((await karim.call('PATCH', `/v1/spaces/${watched}`, { json: { name: 'Repère' } })).status, 200);
          continue;
        }
        if (item.kind === 'message') {
          start = item.id ?? null;
          break;
        }
      }
    } finally {
      probe.abort();
    }
    assert.ok(start);
    assert.equal((await karim.call('PATCH', `/v1/spaces/${watched}`, { json: { name: 'Secret' } })).status, 200);
    assert.equal((await karim.call('DELETE', `/v1/spaces/${watched}/members/lea`)).status, 204);
    const marker = await createSpace(lea, 'Fin');
    const controller = bounded('member.added of the marker space');
    const types: string[] = [];
    try {
      for await (const { envelope } of readEvents(await openStream(lea, start, controller.signal))) {
        types.push(`${envelope.type}:${envelope.spaceId === watched ? 'watched' : envelope.spaceId === marker ? 'marker' : 'other'}`);
        if (envelope.spaceId === marker && envelope.type === 'member.added') break;
        if (types.length > 1000) break;
      }
    } finally {
      controller.abort();
    }
    assert.deepEqual(types.filter((t) => t.endsWith(':watched')), ['member.removed:watched']);
  });

  it('a position beyond the head, or not a position, gives a reset event first', async () => {
    for (const position of ['999999999999', 'not-a-position']) {
      const controller = bounded(`the reset event after ${position}`);
      try {
        const events = readEvents(await openStream(camille, position, controller.signal));
        const first = await events.next();
        assert.equal(first.done, false);
        const { envelope, id } = first.value as { envelope: Envelope; id: string };
        assert.equal(envelope.type, 'reset');
        assert.equal(envelope.data.reason, 'unknown-position');
        assert.equal(id, envelope.position);
        assert.match(envelope.position, /^[0-9]+$/);
      } finally {
        controller.abort();
      }
    }
  });

  it('?after= resumes like Last-Event-ID', async () => {
    const spaceId = await createSpace(karim, 'Après', [[camille, 'member']]);
    const controller = bounded('member.added of camille after ?after=0');
    let found = false;
    try {
      const response = await camille.fetch('GET', '/v1/events?after=0', { signal: controller.signal });
      for await (const { envelope } of readEvents(response)) {
        found = envelope.spaceId === spaceId && envelope.type === 'member.added' && envelope.data.userId === 'camille';
        if (found) break;
      }
    } finally {
      controller.abort();
    }
    assert.ok(found, 'the replay from ?after=0 holds camille’s member.added');
  });
});
