import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { bundlePath } from '../http/bundle.js';
import { call, startReference } from '../conformance/harness.js';
import { demoPublicDir } from './pages.js';

describe('demo mode', () => {
  it('?as=<id> on a page signs in as that person and redirects without it', async () => {
    const target = await startReference();
    try {
      const reply = await call(target.baseUrl, 'GET', '/espace-rh-360.html?as=camille&tab=chat', { headers: { accept: 'text/html' } });
      assert.equal(reply.status, 303);
      assert.equal(reply.headers.get('location'), '/espace-rh-360.html?tab=chat');
      const cookie = reply.headers.getSetCookie().find((c) => c.startsWith('bureau_session='));
      assert.ok(cookie);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Secure/);
      const session = await call(target.baseUrl, 'GET', '/v1/session', { headers: { cookie: cookie.split(';')[0] ?? '' } });
      assert.equal((session.body as { user: { id: string } }).user.id, 'camille');
    } finally {
      await target.close();
    }
  });

  it('serves the demo pages and the seeded people', { skip: !existsSync(demoPublicDir) && 'demo pages not present' }, async () => {
    const target = await startReference();
    try {
      const home = await call(target.baseUrl, 'GET', '/');
      assert.equal(home.status, 200);
      assert.match(home.headers.get('content-type') ?? '', /text\/html/);
      const info = (await call(target.baseUrl, 'GET', '/v1/auth')).body as { devUsers: { id: string }[] };
      assert.deepEqual(info.devUsers.map((u) => u.id), ['karim', 'camille', 'lea', 'ines', 'theo', 'sophie', 'mehdi', 'nathalie', 'julien', 'aurelie', 'nadia']);
    } finally {
      await target.close();
    }
  });

  it('serves /bureau.js when built, a 503 problem otherwise', async () => {
    const target = await startReference();
    try {
      const reply = await call(target.baseUrl, 'GET', '/bureau.js');
      if (existsSync(bundlePath)) {
        assert.equal(reply.status, 200);
        assert.match(reply.headers.get('content-type') ?? '', /javascript/);
      } else {
        assert.equal(reply.status, 503);
        assert.equal((reply.body as { code: string }).code, 'unavailable');
      }
    } finally {
      await target.close();
    }
  });
});
