// Full-text search of chat messages at 100,000 messages, SQLite (FTS5) against PostgreSQL (GIN on
// to_tsvector of the unaccented text): the same searchMessages() the routes call, for a room and for
// a whole space, beside the raw limit measured in the same run on the same database — reading the
// newest page of a room (the cheapest indexed query the chat makes). The ratio is what counts on a
// shared, noisy machine.
// Run: `npm run bench:search` (options: --messages=100000 --queries=200). PostgreSQL at
// BUREAU_TEST_POSTGRES_URL (default postgres://bureau:bureau@127.0.0.1:5432/bureau); skipped with a
// message when it does not answer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgres, openSqlite, dialectOf, type Db } from '../packages/server/src/db/index.js';
import { searchMessages, searchWords } from '../packages/server/src/chat/search-index.js';
import { messageIdAt } from '../packages/server/src/chat/ids.js';

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};
const total = arg('messages', 100_000);
const queries = arg('queries', 200);
const rooms = 20;

const vocabulary = ('congés prime paie télétravail entretien formation calendrier convocation agent service mairie ' +
  'comité social territorial note guide demande attestation employeur titre restaurant carte réunion dossier ' +
  'planning accueil état civil voirie bâtiment budget délibération conseil municipal école cantine').split(' ');
/** A believable line of 8–20 words, from a seeded generator (same text on both engines). */
function line(seed: number): string {
  let x = seed * 2654435761 % 4294967296;
  const words: string[] = [];
  const count = 8 + (x % 13);
  for (let i = 0; i < count; i += 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    words.push(vocabulary[x % vocabulary.length] ?? 'mairie');
  }
  if (seed % 5000 === 0) words.push('xylophone'); // rare: 20 hits in 100,000
  return words.join(' ');
}

async function fill(db: Db): Promise<void> {
  const now = new Date().toISOString();
  await db.insertInto('users').values({ id: 'u', name: 'Bench', email: null, issuer: null, subject: null, created_at: now }).execute();
  await db.insertInto('spaces').values({ id: 's', name: 'Bench', description: '', version: 1, created_at: now, updated_at: now }).execute();
  const chat = db.withTables<{ rooms: Record<string, unknown>; messages: Record<string, unknown> }>();
  for (let r = 0; r < rooms; r += 1) {
    await chat.insertInto('rooms').values({ id: `r${r}`, space_id: 's', name: `r${r}`, topic: '', archived: 0, created_by: 'u', version: 1, created_at: now, updated_at: now }).execute();
  }
  const start = Date.now() - total * 1000;
  const sqlite = dialectOf(db) === 'sqlite';
  for (let i = 0; i < total; i += 500) {
    await db.transaction().execute(async (trx) => {
      const batch = [];
      for (let j = i; j < Math.min(total, i + 500); j += 1) {
        batch.push({
          id: messageIdAt(start + j * 1000, 0), room_id: `r${j % rooms}`, space_id: 's', author_id: 'u', text: line(j),
          thread_id: null, reply_count: 0, last_reply_at: null, attachments: '[]', created_at: now, edited_at: null, deleted_at: null, version: 1,
          ...(sqlite ? { search_rowid: j + 1 } : {}),
        });
      }
      await trx.withTables<{ messages: Record<string, unknown> }>().insertInto('messages').values(batch).execute();
      if (sqlite) {
        for (const m of batch) await sql`INSERT INTO messages_fts (rowid, text, room_id) VALUES (${m.search_rowid}, ${m.text}, ${m.room_id})`.execute(trx);
      }
    });
  }
  if (!sqlite) await sql`ANALYZE`.execute(db);
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function measure(db: Db, label: string): Promise<void> {
  const t0 = performance.now();
  await fill(db);
  const filled = performance.now() - t0;
  const terms = ['prime', 'congés', 'conges prime', 'télétr', 'xylophone', 'comite social territorial', 'zzz'];
  const timings: Record<string, number[]> = { room: [], space: [], page: [] };
  for (let q = 0; q < queries; q += 1) {
    const words = searchWords(terms[q % terms.length] ?? 'prime') ?? [];
    let t = performance.now();
    await searchMessages(db, { roomId: `r${q % rooms}` }, words, { before: null, limit: 21 });
    timings.room?.push(performance.now() - t);
    t = performance.now();
    await searchMessages(db, { spaceId: 's' }, words, { before: null, limit: 21 });
    timings.space?.push(performance.now() - t);
    t = performance.now();
    await db.withTables<{ messages: { id: string; room_id: string; thread_id: string | null } }>()
      .selectFrom('messages').select('id').where('room_id', '=', `r${q % rooms}`).where('thread_id', 'is', null).orderBy('id', 'desc').limit(21).execute();
    timings.page?.push(performance.now() - t);
  }
  const row = (name: string): string => {
    const sorted = [...(timings[name] ?? [])].sort((a, b) => a - b);
    return `${percentile(sorted, 0.5).toFixed(2)} / ${percentile(sorted, 0.95).toFixed(2)} ms`;
  };
  const median = (name: string): number => percentile([...(timings[name] ?? [])].sort((a, b) => a - b), 0.5);
  console.log(`\n${label}: ${total} messages in ${rooms} rooms, filled in ${(filled / 1000).toFixed(1)} s; ${queries} queries each (p50 / p95)`);
  console.log(`  search a room            ${row('room')}   ratio to the raw limit ${(median('room') / median('page')).toFixed(1)}×`);
  console.log(`  search the whole space   ${row('space')}   ratio to the raw limit ${(median('space') / median('page')).toFixed(1)}×`);
  console.log(`  raw limit: newest page   ${row('page')}`);
}

const dir = await mkdtemp(join(tmpdir(), 'bureau-bench-search-'));
try {
  const sqlite = await openSqlite(dir);
  try {
    await measure(sqlite, 'SQLite (FTS5)');
  } finally {
    await sqlite.destroy();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const adminUrl = process.env.BUREAU_TEST_POSTGRES_URL || 'postgres://bureau:bureau@127.0.0.1:5432/bureau';
const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
try {
  await admin.connect();
} catch (error) {
  console.log(`\nPostgreSQL does not answer at ${adminUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')} (${(error as Error).message}): its half is skipped.`);
  process.exit(0);
}
const name = `bench_search_${process.pid}`;
await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const postgres = await openPostgres(url.toString());
  try {
    await measure(postgres, 'PostgreSQL (GIN on the stored search vector)');
  } finally {
    await postgres.destroy();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
