import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, openAs, type Person, type Reply, type Target } from '../harness.js';

function assertProblem(reply: Reply, status: number, code: string): Record<string, unknown> {
  assert.equal(reply.status, status, reply.text);
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const problem = reply.body as Record<string, unknown>;
  assert.equal(problem.status, status);
  assert.equal(problem.code, code);
  assert.equal(typeof problem.type, 'string');
  assert.equal(typeof problem.title, 'string');
  assert.ok(reply.headers.get('x-request-id'), 'X-Request-Id on the problem');
  assert.doesNotMatch(reply.text, /\bat .+\.(ts|js):\d+/, 'no stack trace');
  return problem;
}

describe('problem details', () => {
  let target: Target;
  let karim: Person;
  before(async () => ({ target, people: [karim] } = await openAs(['karim'])));
  after(() => target.close());

  it('every response carries X-Request-Id', async () => {
    const health = await call(target.baseUrl, 'GET', '/v1/health');
    assert.equal(health.status, 200);
    assert.ok(health.headers.get('x-request-id'));
  });

  it("a caller's own X-Request-Id is kept; health and readiness need no sign-in", async () => {
    const mine = 'trace-0123456789';
    const health = await call(target.baseUrl, 'GET', '/v1/health', { headers: { 'x-request-id': mine } });
    assert.equal(health.headers.get('x-request-id'), mine);
    const forged = await call(target.baseUrl, 'GET', '/v1/health', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    assert.notEqual(forged.headers.get('x-request-id'), 'bad id\twith spaces');
    const ready = await call(target.baseUrl, 'GET', '/v1/ready');
    assert.equal(ready.status, 200);
    assert.equal((ready.body as { status: string }).status, 'ok');
  });

  it('malformed JSON is 400 malformed-json', async () => {
    assertProblem(await karim.call('POST', '/v1/spaces', { raw: '{"name":', contentType: 'application/json' }), 400, 'malformed-json');
  });

  it('a wrong type is 422 validation-failed with a JSON pointer', async () => {
    const problem = assertProblem(await karim.call('POST', '/v1/spaces', { json: { name: 42 } }), 422, 'validation-failed');
    const errors = problem.errors as { pointer: string; message: string }[];
    assert.ok(errors.some((e) => e.pointer === '/name'), JSON.stringify(errors));
  });

  it('a missing field is 422 with its pointer', async () => {
    const problem = assertProblem(await karim.call('POST', '/v1/spaces', { json: {} }), 422, 'validation-failed');
    assert.ok((problem.errors as { pointer: string }[]).some((e) => e.pointer === '/name'));
  });

  it('an unknown field is refused with 422', async () => {
    const problem = assertProblem(await karim.call('POST', '/v1/spaces', { json: { name: 'x', admin: true } }), 422, 'validation-failed');
    assert.ok((problem.errors as { pointer: string }[]).some((e) => e.pointer === '/admin'));
  });

  it('a wrong query parameter is 422', async () => {
    assertProblem(await karim.call('GET', '/v1/spaces?limit=0'), 422, 'validation-failed');
    assertProblem(await karim.call('GET', '/v1/spaces?limit=many'), 422, 'validation-failed');
    assertProblem(await karim.call('GET', '/v1/spaces?unknown=1'), 422, 'validation-failed');
  });

  it('a cursor the server did not make is 422 invalid-cursor', async () => {
    const problem = assertProblem(await karim.call('GET', '/v1/spaces?cursor=bm90LWEtY3Vyc29y'), 422, 'invalid-cursor');
    assert.deepEqual((problem.errors as { pointer: string }[]).map((e) => e.pointer), ['/cursor']);
  });

  it('an oversize body is 413 payload-too-large', async () => {
    const reply = await karim.call('POST', '/v1/spaces', { json: { name: 'x', description: 'y'.repeat(2 * 1024 * 1024) } });
    assertProblem(reply, 413, 'payload-too-large');
  });

  it('a body that is not JSON is 415', async () => {
    assertProblem(await karim.call('POST', '/v1/spaces', { raw: 'name=x', contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
    assertProblem(await karim.call('POST', '/v1/spaces', { raw: 'x', contentType: 'text/plain' }), 415, 'unsupported-media-type');
  });

  it('not signed in is 401 unauthenticated', async () => {
    assertProblem(await call(target.baseUrl, 'GET', '/v1/spaces'), 401, 'unauthenticated');
    assertProblem(await call(target.baseUrl, 'GET', '/v1/session'), 401, 'unauthenticated');
    assertProblem(await call(target.baseUrl, 'POST', '/v1/spaces', { json: { name: 'x' } }), 401, 'unauthenticated');
    assertProblem(await call(target.baseUrl, 'GET', '/v1/users'), 401, 'unauthenticated');
    assertProblem(await call(target.baseUrl, 'GET', '/v1/events'), 401, 'unauthenticated');
  });

  it('an invalid session cookie is 401', async () => {
    const reply = await call(target.baseUrl, 'GET', '/v1/spaces', { headers: { cookie: 'bureau_session=forged' } });
    assertProblem(reply, 401, 'unauthenticated');
  });

  it('a cookie session writing without X-CSRF-Token is 403 csrf-failed, and nothing changes', async () => {
    const before = await karim.call('GET', '/v1/spaces?limit=100');
    assertProblem(await karim.call('POST', '/v1/spaces', { json: { name: 'x' }, withoutCsrf: true }), 403, 'csrf-failed');
    const wrong = await karim.call('POST', '/v1/spaces', { json: { name: 'x' }, withoutCsrf: true, headers: { 'x-csrf-token': 'guess' } });
    assertProblem(wrong, 403, 'csrf-failed');
    assert.deepEqual((await karim.call('GET', '/v1/spaces?limit=100')).body, before.body);
  });

  it('a malformed URL is 400 bad-request', async () => {
    assertProblem(await karim.call('GET', '/v1/spaces/%zz'), 400, 'bad-request');
  });

  it('an unknown route is 404 not-found', async () => {
    assertProblem(await call(target.baseUrl, 'GET', '/v1/nothing-here'), 404, 'not-found');
  });

  it('dev sign-in refuses unknown people with 404', async () => {
    assertProblem(await call(target.baseUrl, 'POST', '/v1/auth/dev', { json: { userId: 'nobody' } }), 404, 'not-found');
  });
});
