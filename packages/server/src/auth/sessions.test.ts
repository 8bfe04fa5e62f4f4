import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../db/index.js';
import { openTestDb } from '../db/testing.js';
import { seedDemo } from '../demo/seed.js';
import { createSession, deleteExpiredSessions, readSession } from './sessions.js';

describe('sessions', () => {
  let db: Db;
  let close: () => Promise<void>;
  before(async () => {
    ({ db, close } = await openTestDb('bureau-sessions-'));
    await seedDemo(db);
  });
  after(() => close());

  it('stores only the SHA-256 of the cookie secret', async () => {
    const created = await createSession(db, { userId: 'karim', mode: 'dev', idToken: null, ttlMs: 60_000 });
    assert.match(created.secret, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    const rows = await db.selectFrom('sessions').selectAll().execute();
    assert.ok(!rows.some((row) => row.id_hash === created.secret || JSON.stringify(row).includes(created.secret)));
    const expected = createHash('sha256').update(created.secret).digest('base64url');
    assert.ok(rows.some((row) => row.id_hash === expected));
    const open = await readSession(db, created.secret);
    assert.equal(open?.user.id, 'karim');
    assert.equal(open?.session.csrf_token, created.csrfToken);
    assert.equal(await readSession(db, `${created.secret}x`), null);
  });

  it('an expired session is no session, and the sweep deletes it', async () => {
    const created = await createSession(db, { userId: 'camille', mode: 'oidc', idToken: 'id-token', ttlMs: -1 });
    assert.equal(await readSession(db, created.secret), null);
    await deleteExpiredSessions(db, new Date());
    const left = await db.selectFrom('sessions').select('user_id').where('user_id', '=', 'camille').execute();
    assert.deepEqual(left, []);
  });
});
