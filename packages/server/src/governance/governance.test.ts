import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import yauzl from 'yauzl';
import { createSpace, Person, type Reply } from '../conformance/harness.js';
import { openDatabase, type Db } from '../db/index.js';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { body, plainUpload, rootOf } from '../files/files-test-kit.test.js';
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
    });
  });
});
