import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSpace, Person, signInWithSpace } from '../conformance/harness.js';
import { openDatabase } from '../db/index.js';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { withFiles } from './schema.js';
import { startServer } from '../server.js';
import { body, plainUpload, rootOf, tinyPng, type FileJson } from './files-test-kit.test.js';

interface LinkJson {
  id: string;
  url: string;
  hasPassword: boolean;
  revokedAt: string | null;
  expiresAt: string;
  target: { kind: string; id: string; name: string };
}

const inDays = (days: number): string => new Date(Date.now() + days * 24 * 3600_000).toISOString();

describe('share links', () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let karim: Person;
  let camille: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let rootId: string;
  let file: FileJson;

  before(async () => {
    database = await freshTestDatabase('bureau-share-');
    server = await startServer({ ...database.options, demo: true, port: 0, rateLimit: { max: 100_000, windowMs: 60_000 } });
    ({ people: [karim, camille, ines, theo], spaceId } = await signInWithSpace(server.url, ['karim', 'camille', 'ines', 'theo'], 'Partages', {
      camille: 'member',
      ines: 'guest',
    }));
    rootId = await rootOf(karim, spaceId);
    file = body<FileJson>(await plainUpload(karim, rootId, 'organigramme.png', tinyPng));
  });
  after(async () => {
    await server.close();
    await database.drop();
  });

  const create = async (person: Person, json: unknown) => person.call('POST', `/v1/spaces/${spaceId}/share-links`, { json });

  it('a file link works without a session until revoked; the listing shows active links only', async () => {
    const reply = await create(camille, { target: { kind: 'file', id: file.id }, expiresAt: inDays(7) });
    assert.equal(reply.status, 201, reply.text);
    const link = body<LinkJson>(reply);
    assert.equal(link.target.name, 'organigramme.png');
    const path = new URL(link.url).pathname;
    const page = await fetch(`${server.url}${path}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /organigramme\.png/);
    // The expiry as the share dialog writes it (long date, short time), in French by default, in a
    // <time> that the page's one script (allowed by its hash, nothing else) writes in the visitor's
    // time zone (e2e/self-service.test.ts compares it with the dialog in Chromium); without it, Paris time, said so.
    const long = (language: string) => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(link.expiresAt));
    assert.ok(html.includes(`Lien valable jusqu’au <time datetime="${link.expiresAt}">${long('fr')} (heure de Paris)</time>.`), html);
    assert.match(html, /<html lang="fr">/);
    const policy = page.headers.get('content-security-policy') ?? '';
    const script = /<script>(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    assert.ok(policy.includes(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`), policy);
    assert.match(policy, /default-src 'none'/);
    const english = await (await fetch(`${server.url}${path}`, { headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' } })).text();
    assert.ok(english.includes(`Link valid until <time datetime="${link.expiresAt}">${long('en')} (Paris time)</time>`) && english.includes('<html lang="en">'), english);
    const json = await fetch(`${server.url}${path}`, { headers: { accept: 'application/json' } });
    assert.equal((await json.json() as { file: { id: string } }).file.id, file.id);
    const content = await fetch(`${server.url}${path}/content`);
    assert.equal(content.status, 200);
    assert.deepEqual(Buffer.from(await content.arrayBuffer()), tinyPng);
    assert.match(content.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.equal(content.headers.get('x-content-type-options'), 'nosniff');
    const listed = body<{ items: LinkJson[] }>(await ines.call('GET', `/v1/spaces/${spaceId}/share-links`));
    assert.ok(listed.items.some((l) => l.id === link.id));
    assert.equal((await ines.call('DELETE', `/v1/share-links/${link.id}`)).status, 403, 'guests cannot revoke');
    assert.equal((await theo.call('DELETE', `/v1/share-links/${link.id}`)).status, 404);
    assert.equal((await camille.call('DELETE', `/v1/share-links/${link.id}`)).status, 204);
    assert.equal((await fetch(`${server.url}${path}/content`)).status, 404);
    assert.equal((await fetch(`${server.url}${path}`)).status, 404);
    const active = body<{ items: LinkJson[] }>(await karim.call('GET', `/v1/spaces/${spaceId}/share-links`));
    assert.ok(!active.items.some((l) => l.id === link.id));
    const all = body<{ items: LinkJson[] }>(await karim.call('GET', `/v1/spaces/${spaceId}/share-links?state=all`));
    assert.ok(all.items.find((l) => l.id === link.id)?.revokedAt);
  });

  it('stops working once expired', async () => {
    const link = body<LinkJson>(await create(karim, { target: { kind: 'file', id: file.id }, expiresAt: inDays(1) }));
    const path = new URL(link.url).pathname;
    assert.equal((await fetch(`${server.url}${path}/content`)).status, 200);
    const db = await openDatabase({ dataDir: database.dataDir, url: database.url });
    try {
      await withFiles(db).updateTable('share_links').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', link.id).execute();
    } finally {
      await db.destroy();
    }
    assert.equal((await fetch(`${server.url}${path}/content`)).status, 404);
    assert.equal((await fetch(`${server.url}${path}`, { headers: { accept: 'application/json' } })).status, 404);
  });

  it('enforces the password: header or form (then a cookie for this link only)', async () => {
    const link = body<LinkJson>(await create(karim, { target: { kind: 'file', id: file.id }, expiresAt: inDays(3), password: 'Mairie 2026 é' }));
    assert.equal(link.hasPassword, true);
    const path = new URL(link.url).pathname;
    assert.equal((await fetch(`${server.url}${path}/content`)).status, 401);
    assert.equal((await fetch(`${server.url}${path}/content`, { headers: { 'x-share-password': encodeURIComponent('mauvais') } })).status, 401);
    assert.equal((await fetch(`${server.url}${path}/content`, { headers: { 'x-share-password': encodeURIComponent('Mairie 2026 é') } })).status, 200);
    const page = await fetch(`${server.url}${path}`);
    assert.equal(page.status, 401);
    assert.match(await page.text(), /type="password"/);
    const wrong = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=faux', redirect: 'manual' });
    assert.equal(wrong.status, 401);
    const right = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password: 'Mairie 2026 é' }).toString(), redirect: 'manual' });
    assert.equal(right.status, 303);
    const cookie = (right.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    assert.match(right.headers.getSetCookie()[0] ?? '', /HttpOnly/i);
    assert.equal((await fetch(`${server.url}${path}/content`, { headers: { cookie } })).status, 200);
    const other = body<LinkJson>(await create(karim, { target: { kind: 'file', id: file.id }, expiresAt: inDays(3), password: 'autre mot' }));
    assert.equal((await fetch(`${server.url}${new URL(other.url).pathname}/content`, { headers: { cookie } })).status, 401, 'a cookie opens one link only');
  });

  it('slows password guessing: after 10 wrong passwords the link answers 429 with Retry-After', async () => {
    const link = body<LinkJson>(await create(karim, { target: { kind: 'file', id: file.id }, expiresAt: inDays(3), password: 'le bon mot' }));
    const path = new URL(link.url).pathname;
    for (let i = 0; i < 10; i += 1) assert.equal((await fetch(`${server.url}${path}/content`, { headers: { 'x-share-password': `essai${i}` } })).status, 401);
    const blocked = await fetch(`${server.url}${path}/content`, { headers: { 'x-share-password': encodeURIComponent('le bon mot') } });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  });

  it('a folder link reaches what is under the folder and nothing else', async () => {
    const folder = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Formulaires' } }));
    const sub = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Archives', parentId: folder.id } }));
    const inside = body<FileJson>(await plainUpload(karim, sub.id, '<img src=x onerror=alert(1)>.txt', Buffer.from('demande')));
    const link = body<LinkJson>(await create(karim, { target: { kind: 'folder', id: folder.id }, expiresAt: inDays(3) }));
    const path = new URL(link.url).pathname;
    const view = await fetch(`${server.url}${path}?folder=${sub.id}`);
    const html = await view.text();
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;.txt') && !html.includes('<img'), 'names are escaped');
    assert.equal((await fetch(`${server.url}${path}/content?file=${inside.id}`)).status, 200);
    assert.equal((await fetch(`${server.url}${path}/content?file=${file.id}`)).status, 404, 'a file outside the folder');
    assert.equal((await fetch(`${server.url}${path}?folder=${rootId}`)).status, 404);
  });

  it('refuses bad links: past or far expiry 422, guests 403, items of another space 404', async () => {
    assert.equal((await create(karim, { target: { kind: 'file', id: file.id }, expiresAt: inDays(-1) })).status, 422);
    assert.equal((await create(karim, { target: { kind: 'file', id: file.id }, expiresAt: inDays(400) })).status, 422);
    assert.equal((await create(ines, { target: { kind: 'file', id: file.id }, expiresAt: inDays(1) })).status, 403);
    assert.equal((await theo.call('POST', `/v1/spaces/${spaceId}/share-links`, { json: { target: { kind: 'file', id: file.id }, expiresAt: inDays(1) } })).status, 404);
  });
});

describe('share links behind a proxy', () => {
  it('point at the configured public URL (with its path prefix), not at the host the request came to', async () => {
    const database = await freshTestDatabase('bureau-share-public-');
    const publicUrl = 'https://bureau.mairie-convergence.example/outils/';
    const server = await startServer({ ...database.options, demo: true, port: 0, publicUrl });
    try {
      const karim = await Person.signIn(server.url, 'karim');
      const spaceId = await createSpace(karim, 'Partages publics');
      const rootId = await rootOf(karim, spaceId);
      const file = body<FileJson>(await plainUpload(karim, rootId, 'organigramme.png', tinyPng));
      const reply = await karim.call('POST', `/v1/spaces/${spaceId}/share-links`, {
        json: { target: { kind: 'file', id: file.id }, expiresAt: inDays(7) },
      });
      assert.equal(reply.status, 201, reply.text);
      const link = body<LinkJson>(reply);
      assert.match(link.url, /^https:\/\/bureau\.mairie-convergence\.example\/outils\/s\/[^/]+$/);
      assert.equal((await fetch(`${server.url}${new URL(link.url).pathname.replace('/outils', '')}`)).status, 200);
    } finally {
      await server.close();
      await database.drop();
    }
  });
});
