/**
 * Demo bearer tokens: what a page on another site uses to try `getToken` without an identity
 * provider. Real server, fresh database, CORS as a browser on an allowed origin sees it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, startReference, type Target } from '../conformance/harness.js';

const allowed = 'http://intranet.commune.example';

describe('POST /v1/auth/dev-token (demo mode)', () => {
  let target: Target;
  before(async () => {
    target = await startReference({ allowedOrigins: [allowed] });
  });
  after(async () => target?.close());

  async function tokenFor(userId: string): Promise<{ accessToken: string; expiresAt: string }> {
    const reply = await call(target.baseUrl, 'POST', '/v1/auth/dev-token', { json: { userId } });
    assert.equal(reply.status, 200, reply.text);
    return reply.body as { accessToken: string; expiresAt: string };
  }

  it('gives a short-lived token that signs in as that seeded person, with no cookie', async () => {
    const reply = await call(target.baseUrl, 'POST', '/v1/auth/dev-token', { json: { userId: 'camille' } });
    assert.equal(reply.headers.get('set-cookie'), null);
    const { accessToken, expiresAt } = reply.body as { accessToken: string; expiresAt: string };
    const lifetime = Date.parse(expiresAt) - Date.now();
    assert.ok(lifetime > 0 && lifetime <= 10 * 60_000, `expires in ${lifetime} ms`);
    const session = await call(target.baseUrl, 'GET', '/v1/session', { headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(session.status, 200);
    assert.deepEqual(session.body, { user: { id: 'camille', name: 'Camille Martin' }, mode: 'bearer' });
  });

  it('lets a bearer caller write without a CSRF header', async () => {
    const { accessToken } = await tokenFor('camille');
    const sent = await call(target.baseUrl, 'POST', '/v1/rooms/espace-rh-360-general/messages', {
      json: { text: 'Envoyé depuis un autre site' },
      headers: { authorization: `Bearer ${accessToken}`, 'idempotency-key': crypto.randomUUID() },
      withoutCsrf: true,
    });
    assert.equal(sent.status, 201, sent.text);
  });

  it('refuses unknown people, forged and tampered tokens', async () => {
    const unknown = await call(target.baseUrl, 'POST', '/v1/auth/dev-token', { json: { userId: 'nobody' } });
    assert.equal(unknown.status, 404);
    const { accessToken } = await tokenFor('lea');
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, sub: 'karim' })).toString('base64url'), signature].join('.');
    for (const token of [tampered, 'not.a.token', `${header}.${payload}.`]) {
      const reply = await call(target.baseUrl, 'GET', '/v1/session', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(reply.status, 401, token);
      assert.doesNotMatch(reply.text, /karim|lea|signature/i);
    }
  });

  it('answers a cross-site page of an allowed origin (CORS), and no other', async () => {
    const preflight = await fetch(`${target.baseUrl}/v1/auth/dev-token`, {
      method: 'OPTIONS',
      headers: { origin: allowed, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), allowed);
    const other = await fetch(`${target.baseUrl}/v1/auth/dev-token`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const stream = await fetch(`${target.baseUrl}/v1/events`, {
      headers: { origin: allowed, authorization: `Bearer ${(await tokenFor('camille')).accessToken}`, accept: 'text/event-stream' },
    });
    assert.equal(stream.status, 200);
    assert.equal(stream.headers.get('access-control-allow-origin'), allowed);
    await stream.body?.cancel();
  });

  it('does not exist outside demo mode', async () => {
    const production = await startReference({ demo: false });
    try {
      const reply = await call(production.baseUrl, 'POST', '/v1/auth/dev-token', { json: { userId: 'camille' } });
      assert.equal(reply.status, 404);
    } finally {
      await production.close();
    }
  });
});
