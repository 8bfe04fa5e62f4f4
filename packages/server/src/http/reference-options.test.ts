import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, Person, startReference } from '../conformance/harness.js';

/** The names of the CORS headers of an answer. */
const corsHeaders = (headers: Headers): string[] => [...headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('reference server options', () => {
  it('rate-limits writes per person with 429 rate-limited and Retry-After; reads are not limited', async () => {
    const target = await startReference({ rateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const karim = await Person.signIn(target.baseUrl, 'karim');
      const camille = await Person.signIn(target.baseUrl, 'camille');
      for (let i = 0; i < 3; i += 1) assert.equal((await karim.call('POST', '/v1/spaces', { json: { name: `n${i}` } })).status, 201);
      const limited = await karim.call('POST', '/v1/spaces', { json: { name: 'de trop' } });
      assert.equal(limited.status, 429);
      assert.equal((limited.body as { code: string }).code, 'rate-limited');
      assert.match(limited.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/);
      assert.equal((limited.body as { retryAfter: number }).retryAfter, Number(limited.headers.get('retry-after')));
      assert.equal((await karim.call('GET', '/v1/spaces')).status, 200);
      assert.equal((await camille.call('POST', '/v1/spaces', { json: { name: 'à moi' } })).status, 201);
    } finally {
      await target.close();
    }
  });

  it('applies the body limit', async () => {
    const target = await startReference({ bodyLimit: 100 });
    try {
      const karim = await Person.signIn(target.baseUrl, 'karim');
      const reply = await karim.call('POST', '/v1/spaces', { json: { name: 'x', description: 'y'.repeat(200) } });
      assert.equal(reply.status, 413);
      assert.equal((reply.body as { code: string }).code, 'payload-too-large');
    } finally {
      await target.close();
    }
  });

  it('answers CORS for allowed origins only, with credentials and the Bureau headers', async () => {
    const target = await startReference({ allowedOrigins: ['https://intranet.mairie.fr'] });
    try {
      const preflight = await call(target.baseUrl, 'OPTIONS', '/v1/spaces', {
        headers: {
          origin: 'https://intranet.mairie.fr',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-csrf-token, idempotency-key',
        },
      });
      assert.ok(preflight.status === 204 || preflight.status === 200);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://intranet.mairie.fr');
      assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-CSRF-Token/i);
      const simple = await call(target.baseUrl, 'GET', '/v1/health', { headers: { origin: 'https://intranet.mairie.fr' } });
      assert.match(simple.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
      // Another origin gets no CORS header at all, on a simple request and on a preflight.
      const other = await call(target.baseUrl, 'GET', '/v1/health', { headers: { origin: 'https://evil.example' } });
      assert.deepEqual(corsHeaders(other.headers), []);
      const otherPreflight = await call(target.baseUrl, 'OPTIONS', '/v1/spaces', {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.deepEqual(corsHeaders(otherPreflight.headers), []);
    } finally {
      await target.close();
    }
  });

  it('has no dev sign-in outside demo mode', async () => {
    const target = await startReference({ demo: false });
    try {
      const reply = await call(target.baseUrl, 'POST', '/v1/auth/dev', { json: { userId: 'karim' } });
      assert.equal(reply.status, 404);
      const info = await call(target.baseUrl, 'GET', '/v1/auth');
      assert.deepEqual(info.body, { modes: [] });
      const page = await call(target.baseUrl, 'GET', '/?as=karim', { headers: { accept: 'text/html' } });
      assert.equal(page.status, 404);
    } finally {
      await target.close();
    }
  });
});
