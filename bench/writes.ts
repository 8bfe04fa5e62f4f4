// Acknowledged writes and the latest page, on one SQLite server process, each beside the raw limit
// of this machine measured in the same run, alternating (the machine is shared: the ratio counts):
//  1. message POSTs answered 201 per second at --concurrency (64) for --seconds, with p50/p99,
//     against raw single-row SQLite transactions per second (better-sqlite3, same WAL/synchronous
//     settings as the server, a fresh file, one row per transaction);
//  2. the latest page of a room of --room-size (100,000) messages: p50/p99 of GET, against the raw
//     SQLite query of that page on the same file.
// With --postgres=URL (a role allowed to create databases) the server runs on a fresh PostgreSQL
// database made for the run (dropped after), and the raw limits are PostgreSQL's: single-row insert
// transactions per second from a pool of the server's size at the same concurrency, and the page's
// query. Server CPU is then the Node process's alone (PostgreSQL's own is not counted).
// Every phase stops by itself (bounded in time). BENCH_SERVER_FLAGS adds node flags to the server
// (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). Run: `npm run bench:writes`
// (options: --seconds=5 --concurrency=64 --rounds=2 --room-size=100000 --pages=400 --postgres=URL --general --node-http).
// The POSTs go through a light client (http-load.ts) so that the bench's own CPU stays small.
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { closedLoop, httpRequest } from './http-load.js';
import { announce, benchServerFlags, cpuSeconds, startServerChild, stopServerChild, unlimited } from './server-child.js';

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};
const postgresArg = process.argv.find((a) => a.startsWith('--postgres='))?.slice('--postgres='.length);
/** --general: each text names a non-member (`@personne`), which sends it by the general path (ADR 0016), for comparison. */
const general = process.argv.includes('--general');
/** --node-http: send the POSTs through node:http's client (as before issue 16's light client), for comparison. */
const nodeHttpClient = process.argv.includes('--node-http');
/** The server's PostgreSQL pool size (and the raw limit's). */
const poolSize = 10;

/** Child mode: the reference server on `dataDir` (or the PostgreSQL database `url`), limits lifted; prints its URL. */
async function serve(dataDir: string, url: string | undefined): Promise<void> {
  const { startServer } = await import('@bureau/server');
  const database = url ? { database: { url, poolSize } } : {};
  announce(await startServer({ dataDir, ...database, demo: true, port: 0, rateLimit: unlimited, chat: { sendRateLimit: unlimited } }));
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP call on a kept-alive connection: status and body. */
function call(url: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

interface Session {
  headers: Record<string, string>;
}

async function signIn(url: string, userId: string): Promise<Session> {
  const answer = await call(url, 'POST', '/v1/auth/dev', {}, { userId });
  if (answer.status !== 200) throw new Error(`sign-in as ${userId}: ${answer.status}`);
  const setCookie = answer.headers['set-cookie'] ?? [];
  const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie]).find((c) => c.startsWith('bureau_session='))?.split(';')[0] ?? '';
  const { csrfToken } = JSON.parse(answer.body) as { csrfToken: string };
  return { headers: { cookie, 'x-csrf-token': csrfToken } };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Raw limit: single-row transactions per second on a fresh SQLite file, for `ms`. */
function rawTransactions(dir: string, ms: number): number {
  const db = new SQLite(join(dir, `raw-${Date.now()}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL, at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (text, at) VALUES (?, ?)');
  const one = db.transaction((n: number) => insert.run(`raw ${n}`, new Date().toISOString()));
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) one((n += 1));
  const perSecond = (n * 1000) / (performance.now() - start);
  db.close();
  return perSecond;
}

/** Raw limit on PostgreSQL: single-row insert transactions per second at `concurrency`, for `ms`. */
async function rawPostgresTransactions(pool: pg.Pool, concurrency: number, ms: number): Promise<number> {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, text text NOT NULL, at text NOT NULL)');
  const start = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - start < ms) {
        await pool.query('INSERT INTO bench_raw (text, at) VALUES ($1, $2)', [`raw ${(n += 1)}`, new Date().toISOString()]);
      }
    }),
  );
  return (n * 1000) / (performance.now() - start);
}

/** Closed-loop senders for `ms` (the light client of http-load.ts): acknowledged POSTs per second and latencies. */
async function posts(url: string, sessions: Session[], roomId: string, concurrency: number, ms: number) {
  if (nodeHttpClient) return postsNodeHttp(url, sessions, roomId, concurrency, ms);
  const result = await closedLoop(url, concurrency, ms, 201, (n, i) =>
    httpRequest('POST', `/v1/rooms/${roomId}/messages`, (sessions[i % sessions.length] as Session).headers, { text: `écrit ${n}${general ? ' @personne' : ''}` }),
  );
  if (result.failed > 0) throw new Error(`${result.failed} POSTs were not answered 201 (first: ${result.firstFailure})`);
  return result;
}

/** `posts` through node:http's client (--node-http), which costs the bench process about what the server spends. */
async function postsNodeHttp(url: string, sessions: Session[], roomId: string, concurrency: number, ms: number) {
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const who = sessions[i % sessions.length] as Session;
      while (performance.now() - start < ms) {
        const t = performance.now();
        const answer = await call(url, 'POST', `/v1/rooms/${roomId}/messages`, who.headers, { text: `écrit ${(n += 1)}${general ? ' @personne' : ''}` });
        if (answer.status === 201) latencies.push(performance.now() - t);
        else failed += 1;
      }
    }),
  );
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  if (failed > 0) throw new Error(`${failed} POSTs were not answered 201`);
  return { perSecond: (latencies.length * 1000) / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Fills a room with `count` messages straight into the file (the server keeps no message cache). */
function fillRoom(file: string, room: { id: string; spaceId: string }, authorId: string, count: number): void {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 10000');
  const columns = (db.prepare('PRAGMA table_info(messages)').all() as { name: string }[]).map((c) => c.name);
  const base = Date.now() - count * 1000;
  const values: Record<string, unknown> = { room_id: room.id, space_id: room.spaceId, author_id: authorId, thread_id: null, reply_count: 0, last_reply_at: null, attachments: '[]', edited_at: null, deleted_at: null, version: 1, search_rowid: null };
  const names = ['id', 'text', 'created_at', ...Object.keys(values).filter((k) => columns.includes(k))];
  const insert = db.prepare(`INSERT INTO messages (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      // Ids sort by time like the server's (a time prefix), older than anything the server writes.
      insert.run({ ...values, id: `0${(base + i).toString(36).padStart(10, '0')}${String(i).padStart(8, '0')}`, text: `message ancien ${i}`, created_at: new Date(base + i * 1000).toISOString() });
    }
  });
  for (let i = 0; i < count; i += 10_000) batch(i, Math.min(count, i + 10_000));
  db.close();
}

/** `fillRoom` on PostgreSQL, in one statement. */
async function fillRoomPostgres(pool: pg.Pool, room: { id: string; spaceId: string }, authorId: string, count: number): Promise<void> {
  const base = Date.now() - count * 1000;
  await pool.query(
    `INSERT INTO messages (id, text, created_at, room_id, space_id, author_id, thread_id, reply_count, last_reply_at, attachments, edited_at, deleted_at, version)
     SELECT '0' || lpad(to_hex($4::bigint + i), 10, '0') || lpad(i::text, 8, '0'), 'message ancien ' || i,
            to_char(to_timestamp(($4::bigint + i * 1000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            $1, $2, $3, NULL, 0, NULL, '[]', NULL, NULL, 1
     FROM generate_series(0, $5::int - 1) AS i`,
    [room.id, room.spaceId, authorId, base, count],
  );
  await pool.query('ANALYZE messages');
}

async function latestPages(url: string, who: Session, roomId: string, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const t = performance.now();
    const answer = await call(url, 'GET', `/v1/rooms/${roomId}/messages`, who.headers);
    if (answer.status !== 200) throw new Error(`GET page: ${answer.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

function rawPages(file: string, roomId: string, count: number) {
  const db = new SQLite(file, { readonly: true });
  const query = db.prepare('SELECT * FROM messages WHERE room_id = ? AND thread_id IS NULL ORDER BY id DESC LIMIT 51');
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const t = performance.now();
    query.all(roomId);
    times.push(performance.now() - t);
  }
  db.close();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function rawPostgresPages(pool: pg.Pool, roomId: string, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const t = performance.now();
    await pool.query({ name: 'page', text: 'SELECT * FROM messages WHERE room_id = $1 AND thread_id IS NULL ORDER BY id DESC LIMIT 51', values: [roomId] });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bureau-bench-writes-'));
  const dataDir = join(dir, 'server');
  // A fresh PostgreSQL database for the run (the test support makes and drops it).
  const fresh = postgresArg ? await (await import('../packages/server/src/db/testing.js')).createPostgresDatabase(postgresArg) : null;
  const raw = fresh ? new pg.Pool({ connectionString: fresh.url, max: poolSize }) : null;
  const server = await startServerChild(import.meta.url, ['--serve', dataDir, ...(fresh ? [fresh.url] : [])], { nodeFlags: benchServerFlags() });
  const { url } = server;
  const load = loadavg()[0] ?? 0;
  try {
    const sessions = await Promise.all(['karim', 'camille', 'lea', 'ines', 'theo'].map((id) => signIn(url, id)));
    const owner = sessions[0] as Session;
    const space = JSON.parse((await call(url, 'POST', '/v1/spaces', owner.headers, { name: 'Écritures' })).body) as { id: string };
    for (const id of ['camille', 'lea', 'ines', 'theo']) {
      const added = await call(url, 'PUT', `/v1/spaces/${space.id}/members/${id}`, owner.headers, { role: 'member' });
      if (added.status !== 201) throw new Error(`member ${id}: ${added.status}`);
    }
    const room = JSON.parse((await call(url, 'POST', `/v1/spaces/${space.id}/rooms`, owner.headers, { name: 'écritures' })).body) as { id: string };
    const big = JSON.parse((await call(url, 'POST', `/v1/spaces/${space.id}/rooms`, owner.headers, { name: 'archives' })).body) as { id: string };

    const ms = arg('seconds', 5) * 1000;
    const concurrency = arg('concurrency', 64);
    const rows: string[][] = [];
    for (let round = 1; round <= arg('rounds', 2); round += 1) {
      const rawCpu = process.cpuUsage();
      const rawPerSecond = raw ? await rawPostgresTransactions(raw, concurrency, ms) : rawTransactions(dir, ms);
      const rawUsed = process.cpuUsage(rawCpu);
      const rawCpuPerTxUs = (rawUsed.user + rawUsed.system) / ((rawPerSecond * ms) / 1000);
      const serverBefore = cpuSeconds(server.pid);
      const clientBefore = process.cpuUsage();
      const bureau = await posts(url, sessions, room.id, concurrency, ms);
      const clientUsed = process.cpuUsage(clientBefore);
      const cpuPerPostUs = ((cpuSeconds(server.pid) - serverBefore) * 1e6) / ((bureau.perSecond * ms) / 1000);
      const clientPerPostUs = (clientUsed.user + clientUsed.system) / ((bureau.perSecond * ms) / 1000);
      rows.push([
        `writes, round ${round}`,
        `${rawPerSecond.toFixed(0)} raw single-row tx/s (${rawCpuPerTxUs.toFixed(0)} µs ${raw ? 'client ' : ''}CPU each)`,
        `${bureau.perSecond.toFixed(0)} POSTs/s (p50 ${bureau.p50.toFixed(1)} ms, p99 ${bureau.p99.toFixed(1)} ms), server CPU ${cpuPerPostUs.toFixed(0)} µs per POST (the sending client's ${clientPerPostUs.toFixed(0)} µs)`,
        `${(bureau.perSecond / rawPerSecond).toFixed(3)} (CPU ${(cpuPerPostUs / rawCpuPerTxUs).toFixed(1)}×)`,
      ]);
      process.stderr.write(`${rows.at(-1)?.join(' | ')}\n`);
    }

    const size = arg('room-size', 100_000);
    const file = join(dataDir, 'bureau.sqlite');
    if (raw) await fillRoomPostgres(raw, { id: big.id, spaceId: space.id }, 'karim', size);
    else fillRoom(file, { id: big.id, spaceId: space.id }, 'karim', size);
    const pages = arg('pages', 400);
    await latestPages(url, owner, big.id, 20); // warm-up
    for (let round = 1; round <= 2; round += 1) {
      const rawPage = raw ? await rawPostgresPages(raw, big.id, pages) : rawPages(file, big.id, pages);
      const bureau = await latestPages(url, owner, big.id, pages);
      rows.push([
        `latest page of ${size} messages, round ${round}`,
        `raw query p50 ${rawPage.p50.toFixed(2)} ms, p99 ${rawPage.p99.toFixed(2)} ms`,
        `GET p50 ${bureau.p50.toFixed(2)} ms, p99 ${bureau.p99.toFixed(2)} ms`,
        (bureau.p99 / rawPage.p99).toFixed(1) + '× (p99)',
      ]);
      process.stderr.write(`${rows.at(-1)?.join(' | ')}\n`);
    }
    console.log(`\n${raw ? 'PostgreSQL' : 'SQLite'}, one process (${cpus().length} cores, node ${process.version}; load average ${load.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after)\n`);
    console.log('| figure | raw limit, same run | Bureau | ratio |\n|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await stopServerChild(server);
    agent.destroy();
    await raw?.end();
    await fresh?.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt !== -1) await serve(process.argv[serveAt + 1] ?? '.', process.argv[serveAt + 2]);
else await main();
