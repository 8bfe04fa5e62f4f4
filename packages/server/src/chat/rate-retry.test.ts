import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, Person, startReference, type Reply, type Target } from '../conformance/harness.js';

interface Msg {
  id: string;
  text: string;
}
const body = <T>(reply: Reply): T => reply.body as T;

describe('a rate-limited send with an Idempotency-Key', () => {
  let target: Target;
  before(async () => {
    target = await startReference({ chat: { sendRateLimit: { max: 1, windowMs: 1000 } } });
  });
  after(() => target.close());

  it('is not stored: the retry with the same key after Retry-After delivers the message once', async () => {
    const [karim, camille] = await Promise.all(['karim', 'camille'].map((id) => Person.signIn(target.baseUrl, id))) as [Person, Person];
    const spaceId = await createSpace(karim, 'Patience', [[camille, 'member']]);
    const roomId = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'patience' } })).id;
    const sendAs = (who: Person, text: string, key: string) =>
      who.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text }, headers: { 'idempotency-key': key } });
    const send = (text: string, key: string) => sendAs(karim, text, key);
    // Camille's message (her own window) goes first: on a loaded machine the server's first keyed
    // send took over a second, and Karim's two sends must fall in one 1 s window.
    assert.equal((await sendAs(camille, 'bonjour', 'key-camille')).status, 201);
    assert.equal((await send('premier', 'key-first')).status, 201);
    const refused = await send('second', 'key-second');
    assert.equal(refused.status, 429, refused.text);
    const deadline = Date.now() + 10_000;
    let delivered: Reply = refused;
    while (delivered.status === 429 && Date.now() < deadline) {
      assert.equal(delivered.headers.get('idempotent-replayed'), null, 'a 429 is never replayed');
      await new Promise((resolve) => setTimeout(resolve, Number(delivered.headers.get('retry-after') ?? 1) * 250));
      delivered = await send('second', 'key-second');
    }
    assert.equal(delivered.status, 201, delivered.text);
    const replay = await send('second', 'key-second');
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(body<Msg>(replay).id, body<Msg>(delivered).id);
    const listed = body<{ items: Msg[] }>(await karim.call('GET', `/v1/rooms/${roomId}/messages`)).items;
    assert.deepEqual(listed.map((m) => m.text), ['bonjour', 'premier', 'second']);
  });
});
