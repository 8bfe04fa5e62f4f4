import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import yauzl from 'yauzl';
import { createSpace, Person, type Reply } from '../conformance/harness.js';
import { openDatabase, type Db } from '../db/index.js';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { body, download, plainUpload, rootOf, send } from '../files/files-test-kit.test.js';
import { startServer } from '../server.js';
import { weekOf } from './activity.js';

interface Week {
  week: string;
  suppressed: boolean;
  activeMembers: number | null;
  messages: number | null;
  documentsDownloaded: number | null;
}
interface Insights {
  weeks: Week[];
  threshold: number;
}
interface Rules {
  version: number;
  text: string;
  mustAccept: boolean;
  acceptedVersion: number | null;
  acceptedAt: string | null;
}

const today = (): string => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number): string => new Date(Date.now() - days * 24 * 3600_000).toISOString().slice(0, 10);

/** The entries of a ZIP, by name. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('governance and RGPD', () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let db: Db;
  const people = new Map<string, Person>();
  const as = (id: string): Person => {
    const person = people.get(id);
    if (!person) throw new Error(`${id} is not signed in`);
    return person;
  };
  const ok = (reply: Reply, status = 200): Reply => {
    assert.equal(reply.status, status, reply.text);
    return reply;
  };

  before(async () => {
    database = await freshTestDatabase('bureau-governance-');
    server = await startServer({ ...database.options, demo: true, port: 0, rateLimit: { max: 100_000, windowMs: 60_000 } });
    db = await openDatabase({ dataDir: database.dataDir, url: database.url, poolSize: 2 });
    const ids = ['karim', 'camille', 'lea', 'ines', 'theo', 'sophie', 'mehdi', 'nathalie', 'julien', 'aurelie', 'nadia'];
    for (const id of ids) people.set(id, await Person.signIn(server.url, id));
  });
  after(async () => {
    await db.destroy();
    await server.close();
    await database.drop();
  });

  describe('usage indicators', () => {
    const period = (): string => `from=${daysAgo(70)}&to=${today()}`;

    it('Karim (owner) and Léa (référente) see the indicators of Espace RH 360; Camille does not, Théo is not told the space exists', async () => {
      const karim = body<Insights>(ok(await as('karim').call('GET', `/v1/spaces/espace-rh-360/insights?${period()}`)));
      assert.equal(karim.threshold, 5);
      assert.ok(karim.weeks.length >= 10);
      ok(await as('lea').call('GET', `/v1/spaces/espace-rh-360/insights?${period()}`));
      const camille = await as('camille').call('GET', `/v1/spaces/espace-rh-360/insights?${period()}`);
      assert.equal(camille.status, 403, camille.text);
      assert.equal((await as('theo').call('GET', `/v1/spaces/espace-rh-360/insights?${period()}`)).status, 404);
      const admin = await as('karim').call('GET', `/v1/admin/insights?${period()}`);
      assert.equal(admin.status, 403);
      ok(await as('nadia').call('GET', `/v1/admin/insights?${period()}`));
    });

    it('the seeded quiet week (four active people) shows no figure at all; busier weeks show theirs, and no person is named', async () => {
      const insights = body<Insights>(ok(await as('karim').call('GET', `/v1/spaces/espace-rh-360/insights?${period()}`)));
      const quiet = insights.weeks.find((w) => w.week === weekOf(new Date(Date.now() - 21 * 24 * 3600_000)));
      assert.ok(quiet, 'the quiet week is in the period');
      assert.equal(quiet.suppressed, true);
      for (const [key, value] of Object.entries(quiet)) if (key !== 'week' && key !== 'suppressed') assert.equal(value, null, key);
      const busy = insights.weeks.find((w) => w.week === weekOf(new Date(Date.now() - 14 * 24 * 3600_000)));
      assert.ok(busy && !busy.suppressed && (busy.activeMembers ?? 0) >= 5, JSON.stringify(busy));
      assert.ok((busy.documentsDownloaded ?? 0) > 0);
      const text = JSON.stringify(insights);
      for (const name of ['karim', 'camille', 'Karim', 'Camille', 'Léa']) assert.ok(!text.includes(name), name);
    });

    it('a week counts once five people are active in it, not before', async () => {
      const members = ['camille', 'lea', 'sophie', 'mehdi', 'nathalie'] as const;
      const spaceId = await createSpace(as('theo'), 'Atelier', members.map((id) => [as(id), 'member'] as [Person, 'member']));
      const room = body<{ id: string }>(ok(await as('theo').call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'atelier' } }), 201)).id;
      const thisWeek = async (): Promise<Week> => {
        const insights = body<Insights>(ok(await as('theo').call('GET', `/v1/spaces/${spaceId}/insights?from=${today()}&to=${today()}`)));
        assert.equal(insights.weeks.length, 1);
        return insights.weeks[0] as Week;
      };
      for (const id of ['theo', 'camille', 'lea', 'sophie']) ok(await as(id).call('POST', `/v1/rooms/${room}/messages`, { json: { text: `Bonjour de ${id}` } }), 201);
      assert.deepEqual({ ...(await thisWeek()), week: '' }, { ...(await thisWeek()), week: '', suppressed: true, activeMembers: null, messages: null });
      ok(await as('mehdi').call('POST', `/v1/rooms/${room}/messages`, { json: { text: 'Bonjour à tous' } }), 201);
      const week = await thisWeek();
      assert.equal(week.suppressed, false);
      assert.equal(week.activeMembers, 5);
      assert.equal(week.messages, 5);
    });

    it('every reading of the indicators is in the audit log, which the owner reads and a member may not', async () => {
      const audit = body<{ items: { action: string; actor: { id: string; name: string } | null }[] }>(ok(await as('karim').call('GET', '/v1/spaces/espace-rh-360/audit')));
      const reads = audit.items.filter((e) => e.action === 'insights.read');
      assert.ok(reads.some((e) => e.actor?.id === 'karim'));
      assert.ok(reads.some((e) => e.actor?.id === 'lea'));
      assert.equal((await as('camille').call('GET', '/v1/spaces/espace-rh-360/audit')).status, 403);
      assert.equal((await as('karim').call('GET', '/v1/admin/audit')).status, 403);
      const all = body<{ items: { action: string; spaceId: string | null }[] }>(ok(await as('nadia').call('GET', '/v1/admin/audit?limit=100')));
      assert.ok(all.items.some((e) => e.action === 'insights.read' && e.spaceId === null));
    });

    it('the whole audit log pages by its own signed cursors: each entry once, newest first; a forged or foreign cursor is 422', async () => {
      type Entries = { items: { id: string }[]; nextCursor: string | null };
      const whole = body<Entries>(ok(await as('nadia').call('GET', '/v1/admin/audit?limit=100')));
      assert.ok(whole.items.length >= 5 && whole.nextCursor === null, 'a log short enough to read whole');
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const page: Entries = body<Entries>(ok(await as('nadia').call('GET', `/v1/admin/audit?limit=2${query}`)));
        assert.ok(page.items.length <= 2);
        paged.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(paged, whole.items.map((e) => e.id));

      const first = body<Entries>(ok(await as('nadia').call('GET', '/v1/admin/audit?limit=2')));
      const spaceCursor = body<Entries>(ok(await as('karim').call('GET', '/v1/spaces/espace-rh-360/audit?limit=1'))).nextCursor;
      assert.ok(first.nextCursor !== null && spaceCursor !== null);
      const forged = Buffer.from(JSON.stringify([first.items[1]?.id ?? ''])).toString('base64url');
      for (const cursor of [forged, spaceCursor, `${first.nextCursor}x`]) {
        const reply = await as('nadia').call('GET', `/v1/admin/audit?limit=2&cursor=${encodeURIComponent(cursor)}`);
        assert.equal(reply.status, 422, reply.text);
        assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.equal(body<{ code: string }>(reply).code, 'invalid-cursor');
      }
      // And the log's own cursor is not one of a space's log either.
      const foreign = await as('karim').call('GET', `/v1/spaces/espace-rh-360/audit?cursor=${encodeURIComponent(first.nextCursor)}`);
      assert.equal(body<{ code: string }>(foreign).code, 'invalid-cursor');
    });
  });

  describe('référents and rules of use', () => {
    it('a member sees the « Bon usage » first, accepts it once, and is asked again after a change', async () => {
      const first = body<Rules>(ok(await as('camille').call('GET', '/v1/spaces/espace-rh-360/rules')));
      assert.equal(first.mustAccept, true);
      assert.match(first.text, /Pas de données de santé/);
      const pending = body<{ items: Rules[] }>(ok(await as('camille').call('GET', '/v1/me/rules-to-accept')));
      assert.deepEqual(pending.items.map((r) => r.version), [first.version]);
      const accepted = body<Rules>(ok(await as('camille').call('POST', '/v1/spaces/espace-rh-360/rules/acceptance', { json: { version: first.version } })));
      assert.equal(accepted.mustAccept, false);
      assert.equal(accepted.acceptedVersion, first.version);
      assert.ok(accepted.acceptedAt);
      assert.equal(body<{ items: Rules[] }>(ok(await as('camille').call('GET', '/v1/me/rules-to-accept'))).items.length, 0);

      assert.equal((await as('camille').call('PUT', '/v1/spaces/espace-rh-360/rules', { json: { text: 'Autre chose' } })).status, 403);
      const changed = body<Rules>(ok(await as('karim').call('PUT', '/v1/spaces/espace-rh-360/rules', { json: { text: `${first.text}\n- Pas de photo d’un agent sans son accord.` } })));
      assert.equal(changed.version, first.version + 1);
      assert.equal(changed.mustAccept, false, 'the author accepted what they wrote');
      const again = body<Rules>(ok(await as('camille').call('GET', '/v1/spaces/espace-rh-360/rules')));
      assert.equal(again.mustAccept, true);
      assert.equal(again.acceptedVersion, first.version);
      const stale = await as('camille').call('POST', '/v1/spaces/espace-rh-360/rules/acceptance', { json: { version: first.version } });
      assert.equal(stale.status, 409, stale.text);
      ok(await as('camille').call('POST', '/v1/spaces/espace-rh-360/rules/acceptance', { json: { version: changed.version } }));
      const audit = body<{ items: { action: string; targetId: string | null }[] }>(ok(await as('karim').call('GET', '/v1/spaces/espace-rh-360/audit')));
      assert.ok(audit.items.some((e) => e.action === 'rules.changed' && e.targetId === String(changed.version)));
    });

    it('owners designate référents, shown in the members list; members may not', async () => {
      const members = body<{ items: { userId: string; referent?: boolean }[] }>(ok(await as('camille').call('GET', '/v1/spaces/espace-rh-360/members')));
      assert.equal(members.items.find((m) => m.userId === 'lea')?.referent, true);
      assert.equal(members.items.find((m) => m.userId === 'camille')?.referent, false);
      assert.equal((await as('camille').call('PUT', '/v1/spaces/espace-rh-360/members/sophie/referent', { json: { referent: true } })).status, 403);
      const sophie = body<{ referent: boolean }>(ok(await as('karim').call('PUT', '/v1/spaces/espace-rh-360/members/sophie/referent', { json: { referent: true } })));
      assert.equal(sophie.referent, true);
      ok(await as('sophie').call('GET', `/v1/spaces/espace-rh-360/insights?from=${today()}&to=${today()}`));
      ok(await as('karim').call('PUT', '/v1/spaces/espace-rh-360/members/sophie/referent', { json: { referent: false } }));
      assert.equal((await as('sophie').call('GET', `/v1/spaces/espace-rh-360/insights?from=${today()}&to=${today()}`)).status, 403);
      // The log names who did it and whom it was about; référents who are not owners may not read it.
      type Entry = { action: string; actor: { name: string } | null; target: { id: string; name: string } | null; detail: { referent?: boolean } };
      const audit = body<{ items: Entry[] }>(ok(await as('karim').call('GET', '/v1/spaces/espace-rh-360/audit')));
      const designation = audit.items.find((e) => e.action === 'member.referent-changed' && e.detail.referent === true);
      assert.deepEqual([designation?.actor?.name, designation?.target], ['Karim Benali', { id: 'sophie', name: 'Sophie Lambert' }]);
      assert.equal(audit.items.find((e) => e.action === 'insights.read')?.target, null);
      assert.equal((await as('lea').call('GET', '/v1/spaces/espace-rh-360/audit')).status, 403, 'Léa is a référente, not an owner');
    });
  });

  describe('data rights', () => {
    let spaceId: string;
    let roomId: string;
    let folderId: string;
    let camilleFileId: string;
    let camilleMessageId: string;
    const camilleText = 'Question de Camille sur le compte épargne-temps';
    const karimText = 'Réponse de Karim : voir le guide des congés';

    before(async () => {
      spaceId = await createSpace(as('karim'), 'Dossiers', [[as('camille'), 'member'], [as('lea'), 'member']]);
      roomId = body<{ id: string }>(ok(await as('karim').call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'dossiers' } }), 201)).id;
      camilleMessageId = body<{ id: string }>(ok(await as('camille').call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: camilleText } }), 201)).id;
      ok(await as('karim').call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: karimText, threadId: camilleMessageId } }), 201);
      ok(await as('camille').call('PUT', `/v1/messages/${camilleMessageId}/reactions/${encodeURIComponent('👍')}`));
      folderId = await rootOf(as('karim'), spaceId);
      camilleFileId = body<{ id: string }>(ok(await plainUpload(as('camille'), folderId, 'demande-cet.txt', Buffer.from('Demande de CET de Camille'), 'text/plain'), 201)).id;
      ok(await plainUpload(as('karim'), folderId, 'note-karim.txt', Buffer.from('Note interne de Karim'), 'text/plain'), 201);
    });

    async function exportOf(person: Person): Promise<Map<string, Buffer>> {
      const started = await person.call('POST', '/v1/me/export');
      assert.equal(started.status, 202, started.text);
      const ready = body<{ status: string; progress: number; downloadUrl: string | null }>(ok(await person.call('GET', '/v1/me/export', { headers: { prefer: 'wait=20' } })));
      assert.equal(ready.status, 'ready');
      assert.equal(ready.progress, 100);
      const zip = await person.fetch('GET', ready.downloadUrl ?? '');
      assert.equal(zip.status, 200);
      assert.equal(zip.headers.get('content-type'), 'application/zip');
      return unzip(Buffer.from(await zip.arrayBuffer()));
    }

    it('Camille’s export holds her messages, documents and acceptances, and nothing of anybody else', async () => {
      const entries = await exportOf(as('camille'));
      const json = (name: string): unknown => JSON.parse(entries.get(name)?.toString('utf8') ?? 'null');
      assert.equal((json('profile.json') as { name: string }).name, 'Camille Martin');
      const messages = json('messages.json') as { text: string }[];
      assert.ok(messages.some((m) => m.text === camilleText));
      assert.ok(!messages.some((m) => m.text === karimText));
      const documents = json('documents.json') as { fileId: string; path: string }[];
      assert.deepEqual(documents.map((d) => d.fileId), [camilleFileId]);
      assert.equal(entries.get(documents[0]?.path ?? '')?.toString('utf8'), 'Demande de CET de Camille');
      assert.ok((json('rules-acceptances.json') as unknown[]).length >= 1);
      const everything = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
      for (const other of [karimText, 'Note interne de Karim', 'Karim Benali', 'Léa Rousseau']) assert.ok(!everything.includes(other), other);
      const audit = body<{ items: { action: string; targetId: string | null }[] }>(ok(await as('nadia').call('GET', '/v1/admin/audit?limit=100')));
      assert.ok(audit.items.some((e) => e.action === 'export.requested' && e.targetId === 'camille'));
      assert.equal((await as('lea').call('GET', '/v1/me/export')).status, 404, 'an export is the requester’s own');
    });

    it('after her erasure (pseudonymise), Camille’s messages remain under the pseudonym and her name appears nowhere', async () => {
      const deleting = await createSpace(as('karim'), 'Éphémère', [[as('camille'), 'member']]);
      ok(await as('karim').call('PUT', `/v1/spaces/${deleting}/policy`, { json: { erasure: 'delete', messageRetentionMonths: null, documentRetentionMonths: null, trashRetentionDays: null } }));
      const ephemeralRoom = body<{ id: string }>(ok(await as('karim').call('POST', `/v1/spaces/${deleting}/rooms`, { json: { name: 'ephemere' } }), 201)).id;
      ok(await as('camille').call('POST', `/v1/rooms/${ephemeralRoom}/messages`, { json: { text: 'Message éphémère de Camille' } }), 201);
      // Her documents in the "delete" space: one only she wrote, and her new version of Karim's.
      const ephemeralRoot = await rootOf(as('karim'), deleting);
      const draftId = body<{ id: string }>(ok(await plainUpload(as('camille'), ephemeralRoot, 'brouillon-camille.txt', Buffer.from('Brouillon de Camille'), 'text/plain'), 201)).id;
      const planningId = body<{ id: string }>(ok(await plainUpload(as('karim'), ephemeralRoot, 'planning.txt', Buffer.from('Planning de Karim'), 'text/plain'), 201)).id;
      ok(await send(as('camille'), 'PUT', `/v1/files/${planningId}/content`, Buffer.from('Planning revu par Camille'), { 'content-type': 'text/plain' }));
      const blobOf = async (author: string) =>
        (await db.selectFrom('file_versions' as never).select('blob_key' as never).where('author_id' as never, '=', author as never).where('space_id' as never, '=', deleting as never).execute()).map((v) => join(database.dataDir, 'blobs', (v as { blob_key: string }).blob_key.slice(0, 2), (v as { blob_key: string }).blob_key));
      const [camilleBlobs, karimBlobs] = [await blobOf('camille'), await blobOf('karim')];
      assert.equal(camilleBlobs.length, 2);
      for (const path of [...camilleBlobs, ...karimBlobs]) assert.ok(existsSync(path), path);
      // Others wrote about her: a mention and her full name, which reach Karim's notifications.
      const aboutHer = body<{ id: string }>(ok(await as('lea').call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: '@camille et @karim : le dossier de Camille Martin est complet' } }), 201)).id;
      const camille = as('camille');

      assert.equal((await as('karim').call('POST', '/v1/admin/users/camille/erasure')).status, 403);
      const erasure = body<{ pseudonym: string; spaces: { spaceId: string; policy: string }[] }>(ok(await as('nadia').call('POST', '/v1/admin/users/camille/erasure')));
      assert.equal(erasure.pseudonym, 'Ancien·ne agent·e');
      assert.deepEqual(erasure.spaces.find((s) => s.spaceId === deleting)?.policy, 'delete');
      assert.deepEqual(erasure.spaces.find((s) => s.spaceId === spaceId)?.policy, 'pseudonymise');

      assert.equal((await camille.call('GET', '/v1/session')).status, 401, 'her sessions are revoked');
      assert.equal((await camille.call('GET', '/v1/me/export')).status, 401);
      await assert.rejects(Person.signIn(server.url, 'camille'));

      const messages = body<{ items: { id: string; text: string; author: { id: string; name: string } }[] }>(ok(await as('karim').call('GET', `/v1/rooms/${roomId}/messages`)));
      const kept = messages.items.find((m) => m.id === camilleMessageId);
      assert.equal(kept?.text, camilleText);
      assert.equal(kept?.author.name, 'Ancien·ne agent·e');
      const ephemeral = body<{ items: { text: string; deletedAt: string | null }[] }>(ok(await as('karim').call('GET', `/v1/rooms/${ephemeralRoom}/messages`)));
      assert.ok(ephemeral.items.every((m) => !m.text.includes('éphémère')), 'deleted under the "delete" policy');

      const seen: string[] = [];
      seen.push((await as('karim').call('GET', `/v1/rooms/${roomId}/messages`)).text);
      seen.push((await as('karim').call('GET', `/v1/rooms/${roomId}/search?q=${encodeURIComponent('épargne')}`)).text);
      seen.push((await as('karim').call('GET', `/v1/messages/${camilleMessageId}/replies`)).text);
      seen.push((await as('karim').call('GET', `/v1/spaces/${spaceId}/members`)).text);
      seen.push((await as('karim').call('GET', '/v1/spaces/espace-rh-360/members')).text);
      seen.push((await as('karim').call('GET', `/v1/files/${camilleFileId}`)).text);
      seen.push((await as('karim').call('GET', `/v1/folders/${folderId}`)).text);
      seen.push((await as('karim').call('GET', '/v1/users?q=Camille')).text);
      seen.push((await as('karim').call('GET', '/v1/auth')).text);
      seen.push((await as('nadia').call('GET', '/v1/admin/audit?limit=100')).text);
      seen.push((await as('karim').call('GET', '/v1/notifications')).text);
      seen.push((await as('karim').call('GET', `/v1/spaces/${deleting}/folders`)).text);
      const searchHit = JSON.parse(seen[1] ?? '{}') as { items?: { id: string }[] };
      assert.ok(searchHit.items?.some((m) => m.id === camilleMessageId), 'her kept message is still found by search');
      for (const text of seen) assert.ok(!text.includes('Camille Martin'), text.slice(0, 300));
      const about = messages.items.find((m) => m.id === aboutHer) as { text: string; mentions?: string[] } | undefined;
      assert.equal(about?.text, '@Ancien·ne agent·e et @karim : le dossier de Ancien·ne agent·e est complet', 'her mention and name in Léa’s message');
      assert.deepEqual(about?.mentions, ['karim']);
      const byName = body<{ items: unknown[] }>(ok(await as('karim').call('GET', `/v1/rooms/${roomId}/search?q=Martin`)));
      assert.equal(byName.items.length, 0, 'search does not find her by her name');

      assert.equal((await as('karim').call('GET', `/v1/files/${draftId}`)).status, 404, 'her own document is deleted');
      const planning = body<{ currentVersion: number; author: { id: string } }>(ok(await as('karim').call('GET', `/v1/files/${planningId}`)));
      assert.equal(planning.currentVersion, 1, 'Karim’s document is back to his version');
      assert.equal(planning.author.id, 'karim');
      assert.deepEqual(body<{ items: { number: number }[] }>(ok(await as('karim').call('GET', `/v1/files/${planningId}/versions`))).items.map((v) => v.number), [1]);
      assert.equal((await download(as('karim'), `/v1/files/${planningId}/content`)).bytes.toString('utf8'), 'Planning de Karim');
      for (const path of camilleBlobs) assert.ok(!existsSync(path), `her bytes are gone from the blob store: ${path}`);
      for (const path of karimBlobs) assert.ok(existsSync(path), path);

      const exported = [...(await exportOf(as('karim'))).values()].map((b) => b.toString('utf8')).join('\n');
      assert.ok(!exported.includes('Camille Martin'));
      const events = await db.selectFrom('events').select('payload').execute();
      assert.ok(events.length > 0);
      assert.ok(!events.some((e) => e.payload.includes('Camille Martin')), 'the event log replayed to reconnecting clients');
      assert.ok(!events.some((e) => e.payload.includes('Message éphémère')));
      const user = await db.selectFrom('users').selectAll().where('id', '=', 'camille').executeTakeFirstOrThrow();
      assert.equal(user.name, 'Ancien·ne agent·e');
      assert.equal(user.email, null);
    });
  });

  describe('retention', () => {
    it('a purge removes exactly the items older than the policy, after a dry run that lists them, and is in the audit log', async () => {
      const spaceId = await createSpace(as('theo'), 'Archives', [[as('mehdi'), 'member']]);
      const room = body<{ id: string }>(ok(await as('theo').call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'archives' } }), 201)).id;
      const send = async (text: string): Promise<string> => body<{ id: string }>(ok(await as('mehdi').call('POST', `/v1/rooms/${room}/messages`, { json: { text } }), 201)).id;
      const oldMessage = await send('Message de 2023');
      const recentMessage = await send('Message récent');
      const folder = await rootOf(as('theo'), spaceId);
      const oldFile = body<{ id: string }>(ok(await plainUpload(as('theo'), folder, 'vieux.txt', Buffer.from('vieux')), 201)).id;
      const recentFile = body<{ id: string }>(ok(await plainUpload(as('theo'), folder, 'recent.txt', Buffer.from('récent')), 201)).id;
      const longAgo = new Date(Date.now() - 800 * 24 * 3600_000).toISOString();
      await db.updateTable('messages' as never).set({ created_at: longAgo } as never).where('id' as never, '=', oldMessage as never).execute();
      await db.updateTable('files' as never).set({ updated_at: longAgo } as never).where('id' as never, '=', oldFile as never).execute();

      assert.equal((await as('mehdi').call('PUT', `/v1/spaces/${spaceId}/policy`, { json: { erasure: 'pseudonymise', messageRetentionMonths: 12, documentRetentionMonths: 24, trashRetentionDays: 30 } })).status, 403);
      ok(await as('theo').call('PUT', `/v1/spaces/${spaceId}/policy`, { json: { erasure: 'pseudonymise', messageRetentionMonths: 12, documentRetentionMonths: 24, trashRetentionDays: 30 } }));
      assert.equal((await as('mehdi').call('POST', `/v1/spaces/${spaceId}/retention/purge`, { json: { dryRun: true } })).status, 403);
      const dry = body<{ messages: { id: string }[]; files: { id: string }[] }>(ok(await as('theo').call('POST', `/v1/spaces/${spaceId}/retention/purge`, { json: { dryRun: true } })));
      assert.deepEqual(dry.messages.map((m) => m.id), [oldMessage]);
      assert.deepEqual(dry.files.map((f) => f.id), [oldFile]);
      const still = body<{ items: { id: string }[] }>(ok(await as('theo').call('GET', `/v1/rooms/${room}/messages`)));
      assert.equal(still.items.length, 2, 'a dry run removes nothing');

      const done = body<{ messages: { id: string }[]; files: { id: string }[] }>(ok(await as('theo').call('POST', `/v1/spaces/${spaceId}/retention/purge`, { json: { dryRun: false } })));
      assert.deepEqual(done.messages.map((m) => m.id), [oldMessage]);
      const left = body<{ items: { id: string }[] }>(ok(await as('theo').call('GET', `/v1/rooms/${room}/messages`)));
      assert.deepEqual(left.items.map((m) => m.id), [recentMessage]);
      assert.equal((await as('theo').call('GET', `/v1/files/${oldFile}`)).status, 404);
      ok(await as('theo').call('GET', `/v1/files/${recentFile}`));
      const audit = body<{ items: { action: string; actor: { id: string } | null; detail: { messages?: number; files?: number } }[] }>(ok(await as('theo').call('GET', `/v1/spaces/${spaceId}/audit`)));
      const purge = audit.items.find((e) => e.action === 'retention.purged');
      assert.equal(purge?.actor?.id, 'theo');
      assert.equal(purge?.detail.messages, 1);
      assert.equal(purge?.detail.files, 1);
      assert.ok(audit.items.some((e) => e.action === 'policy.changed'));
      assert.ok(audit.items.some((e) => e.action === 'member.added'));
    });
  });
});
