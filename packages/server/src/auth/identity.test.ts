/** upsertUser and identityFromClaims on a real, freshly migrated database (SQLite, or PostgreSQL with BUREAU_TEST_DATABASE_URL). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../db/index.js';
import { openTestDb } from '../db/testing.js';
import { identityFromClaims, upsertUser } from './identity.js';

const issuer = 'https://idp.convergence.example';

describe('people found or created by (issuer, subject)', () => {
  let db: Db;
  let close: () => Promise<void>;

  before(async () => {
    ({ db, close } = await openTestDb('bureau-identity-'));
  });

  after(() => close());

  it('creates a person once, with a usr_ id, and follows their name and email', async () => {
    const created = await upsertUser(db, { issuer, subject: 'agent-1', name: 'Karim Benali', email: 'k@convergence.example' });
    assert.match(created.id, /^usr_[A-Za-z0-9_-]{16,}$/);
    assert.equal(created.name, 'Karim Benali');
    assert.equal(created.email, 'k@convergence.example');

    const again = await upsertUser(db, { issuer, subject: 'agent-1', name: 'Karim Benali-Roche', email: null });
    assert.equal(again.id, created.id);
    assert.equal(again.name, 'Karim Benali-Roche');
    assert.equal(again.email, null);
    const stored = await db.selectFrom('users').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(stored.name, 'Karim Benali-Roche');
  });

  it('takes the language from the locale claim (OIDC or bearer) when it is French or English, and keeps it when a later one gives none', async () => {
    const signIn = (claims: Record<string, unknown>) => upsertUser(db, identityFromClaims(issuer, 'agent-locale', { name: 'Léa Rousseau', ...claims }));
    assert.deepEqual([(await signIn({ locale: 'de-DE' })).locale, (await signIn({})).locale_source], [null, null], 'German: not a language of Bureau');
    const english = await signIn({ locale: 'en-GB' });
    assert.deepEqual([english.locale, english.locale_source], ['en', 'claim']);
    assert.equal((await signIn({})).locale, 'en', 'a provider that says nothing changes nothing');
    assert.equal((await signIn({ locale: 'fr_FR' })).locale, 'fr');
    const stored = await db.selectFrom('users').select(['locale', 'locale_source']).where('subject', '=', 'agent-locale').executeTakeFirstOrThrow();
    assert.deepEqual(stored, { locale: 'fr', locale_source: 'claim' });
  });

  it('keeps the same subject at two issuers apart', async () => {
    const here = await upsertUser(db, { issuer, subject: 'shared-sub', name: 'Here' });
    const there = await upsertUser(db, { issuer: 'https://other.example', subject: 'shared-sub', name: 'There' });
    assert.notEqual(here.id, there.id);
  });

  it('gives concurrent first sign-ins of one person the same row', async () => {
    const people = await Promise.all(
      Array.from({ length: 8 }, () => upsertUser(db, { issuer, subject: 'agent-race', name: 'Léa Rousseau' })),
    );
    assert.equal(new Set(people.map((p) => p.id)).size, 1);
  });

  it('keeps names within 200 characters and never empty', async () => {
    const long = await upsertUser(db, { issuer, subject: 'agent-long', name: 'é'.repeat(300) });
    assert.equal(Array.from(long.name).length, 200);
    const blank = await upsertUser(db, { issuer, subject: 'agent-blank', name: '   ' });
    assert.equal(blank.name, 'agent-blank');
  });

  it('reads the name from name, then given_name with usual_name or family_name, then username, email, sub', () => {
    const name = (claims: Record<string, unknown>) => identityFromClaims(issuer, 's-1', claims).name;
    assert.equal(name({ name: 'Inès Moreau', given_name: 'X' }), 'Inès Moreau');
    assert.equal(name({ given_name: 'Léa', usual_name: 'Rousseau', family_name: 'Autre' }), 'Léa Rousseau');
    assert.equal(name({ given_name: 'Théo', family_name: 'Garnier' }), 'Théo Garnier');
    assert.equal(name({ preferred_username: 'cmartin', email: 'c@x.example' }), 'cmartin');
    assert.equal(name({ email: 'c@x.example' }), 'c@x.example');
    assert.equal(name({ name: 42, email: ['not', 'a', 'string'] }), 's-1');
    assert.equal(identityFromClaims(issuer, 's-1', { email: ['x'] }).email, null);
  });
});
