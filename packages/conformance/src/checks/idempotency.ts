import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSpace, openAs, type Person, type Target } from '../harness.js';

describe('Idempotency-Key', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  before(async () => ({ target, people: [karim, camille] } = await openAs(['karim', 'camille'])));
  after(() => target.close());

  const spaceIds = async (person: Person): Promise<string[]> =>
    ((await person.call('GET', '/v1/spaces?limit=100')).body as { items: { id: string }[] }).items.map((s) => s.id);

  it('the same key and request create one resource and replay the same answer', async () => {
    const key = randomUUID();
    const before = await spaceIds(karim);
    const first = await karim.call('POST', '/v1/spaces', { json: { name: 'Une seule fois' }, headers: { 'idempotency-key': key } });
    const second = await karim.call('POST', '/v1/spaces', { json: { name: 'Une seule fois' }, headers: { 'idempotency-key': key } });
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('location'), first.headers.get('location'));
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    const after = await spaceIds(karim);
    assert.equal(after.length, before.length + 1);
  });

  it('the same key with another body, method or path is 422 idempotency-key-reused', async () => {
    const key = randomUUID();
    const first = await karim.call('POST', '/v1/spaces', { json: { name: 'A' }, headers: { 'idempotency-key': key } });
    assert.equal(first.status, 201);
    const other = await karim.call('POST', '/v1/spaces', { json: { name: 'B' }, headers: { 'idempotency-key': key } });
    assert.equal(other.status, 422);
    assert.equal((other.body as { code: string }).code, 'idempotency-key-reused');
    const id = (first.body as { id: string }).id;
    const path = await karim.call('PATCH', `/v1/spaces/${id}`, { json: { name: 'A' }, headers: { 'idempotency-key': key } });
    assert.equal((path.body as { code: string }).code, 'idempotency-key-reused');
  });

  it('keys belong to one person: another person with the same key runs their own request', async () => {
    const key = randomUUID();
    const mine = await karim.call('POST', '/v1/spaces', { json: { name: 'À moi' }, headers: { 'idempotency-key': key } });
    const theirs = await camille.call('POST', '/v1/spaces', { json: { name: 'À moi' }, headers: { 'idempotency-key': key } });
    assert.equal(theirs.status, 201);
    assert.equal(theirs.headers.get('idempotent-replayed'), null);
    assert.notEqual((theirs.body as { id: string }).id, (mine.body as { id: string }).id);
  });

  it('final refusals are replayed, and a DELETE replays its 204', async () => {
    const key = randomUUID();
    const missing = await karim.call('PATCH', '/v1/spaces/no-such-space', { json: { name: 'x' }, headers: { 'idempotency-key': key } });
    assert.equal(missing.status, 404);
    const replayed = await karim.call('PATCH', '/v1/spaces/no-such-space', { json: { name: 'x' }, headers: { 'idempotency-key': key } });
    assert.equal(replayed.status, 404);
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    const id = await createSpace(karim, 'Départs', [[camille, 'member']]);
    const leave = randomUUID();
    const left = await camille.call('DELETE', `/v1/spaces/${id}/members/camille`, { headers: { 'idempotency-key': leave } });
    assert.equal(left.status, 204);
    const again = await camille.call('DELETE', `/v1/spaces/${id}/members/camille`, { headers: { 'idempotency-key': leave } });
    assert.equal(again.status, 204);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });

  it('a 403 is not stored: once the person may, the retry with the same key runs', async () => {
    const id = await createSpace(karim, 'Promotions', [[camille, 'member']]);
    const key = randomUUID();
    const refused = await camille.call('PATCH', `/v1/spaces/${id}`, { json: { name: 'Renommé' }, headers: { 'idempotency-key': key } });
    assert.equal(refused.status, 403);
    const promoted = await karim.call('PUT', `/v1/spaces/${id}/members/camille`, { json: { role: 'owner' } });
    assert.ok(promoted.status < 300, promoted.text);
    const retried = await camille.call('PATCH', `/v1/spaces/${id}`, { json: { name: 'Renommé' }, headers: { 'idempotency-key': key } });
    assert.equal(retried.status, 200, retried.text);
    assert.equal(retried.headers.get('idempotent-replayed'), null);
    assert.equal((retried.body as { name: string }).name, 'Renommé');
  });

  it('a key that is not 1 to 255 visible ASCII characters is 422', async () => {
    const reply = await karim.call('POST', '/v1/spaces', { json: { name: 'x' }, headers: { 'idempotency-key': 'x'.repeat(256) } });
    assert.equal(reply.status, 422);
    assert.equal((reply.body as { code: string }).code, 'validation-failed');
  });
});
