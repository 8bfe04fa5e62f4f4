import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openTarget, Person, startReference, type Reply, type Target } from '../conformance/harness.js';

interface Msg {
  id: string;
  text: string;
  createdAt: string;
}
interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}
const body = <T>(reply: Reply): T => reply.body as T;

describe('chat pagination', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let roomId: string;
  const total = 1000;
  let sent: string[] = [];

  before(async () => {
    target = await openTarget({ chat: { sendRateLimit: { max: 100_000, windowMs: 60_000 } } });
    [karim, camille] = await Person.signInAll(target.baseUrl, ['karim', 'camille']);
    const spaceId = await createSpace(karim, 'Mille', [[camille, 'member']]);
    roomId = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'mille' } })).id;
    for (let i = 0; i < total; i += 1) {
      const reply = await (i % 2 === 0 ? karim : camille).call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: `message ${i}` } });
      assert.equal(reply.status, 201, reply.text);
      sent.push(body<Msg>(reply).id);
    }
    // Ids sort by creation: the server's order is the order of the ids.
    sent = [...sent].sort();
  });
  after(() => target.close());

  for (const limit of [100, 37]) {
    it(`walks ${total} messages backwards in pages of ${limit}: every message once, in order`, async () => {
      const pages: Msg[][] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 1000; guard += 1) {
        const query: string = cursor === null ? `?limit=${limit}` : `?limit=${limit}&cursor=${encodeURIComponent(cursor)}`;
        const reply = await camille.call('GET', `/v1/rooms/${roomId}/messages${query}`);
        assert.equal(reply.status, 200, reply.text);
        const page = body<PageOf<Msg>>(reply);
        assert.ok(page.items.length <= limit);
        pages.push(page.items);
        cursor = page.nextCursor;
        if (cursor === null) break;
      }
      const chronological = pages.reverse().flat();
      assert.equal(chronological.length, total);
      assert.deepEqual(
        chronological.map((m) => m.id),
        sent,
      );
      for (let i = 1; i < chronological.length; i += 1) {
        assert.ok(chronological[i]!.createdAt >= chronological[i - 1]!.createdAt, 'creation order');
      }
    });
  }

  it('refuses a cursor it did not make (422)', async () => {
    const reply = await camille.call('GET', `/v1/rooms/${roomId}/messages?cursor=nonsense`);
    assert.equal(reply.status, 422);
    assert.equal((reply.body as { code: string }).code, 'invalid-cursor');
  });
});

describe('chat send rate limit', () => {
  let target: Target;
  before(async () => {
    target = await startReference({ chat: { sendRateLimit: { max: 3, windowMs: 60_000 } } });
  });
  after(() => target.close());

  it('answers 429 rate-limited with Retry-After once a person sends too much; others are not affected', async () => {
    const [karim, camille] = await Person.signInAll(target.baseUrl, ['karim', 'camille']);
    const spaceId = await createSpace(karim, 'Limite', [[camille, 'member']]);
    const roomId = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'limite' } })).id;
    const send = (person: Person, text: string) => person.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text } });
    for (let i = 0; i < 3; i += 1) assert.equal((await send(karim, `message ${i}`)).status, 201);
    const refused = await send(karim, 'un de trop');
    assert.equal(refused.status, 429, refused.text);
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal((refused.body as { code: string }).code, 'rate-limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
    assert.equal((await send(camille, 'moi je peux')).status, 201);
    const listed = body<PageOf<Msg>>(await karim.call('GET', `/v1/rooms/${roomId}/messages`)).items;
    assert.ok(!listed.some((m) => m.text === 'un de trop'));
  });
});
