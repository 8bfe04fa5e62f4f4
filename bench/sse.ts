// SSE fan-out of one SQLite server process (no proxy), each figure beside the raw limit of this
// machine measured in the same run, alternating (the machine is shared: the ratio counts). The raw
// limit is a bare node:http server that writes one pre-serialized frame of the same size to every
// open response for each POST it gets.
//  1. at --listeners (200,1000), after --warmup (20) messages not counted: send → receive p95 at
//     --rate (5) messages per second for --paced-seconds (12), then deliveries per second with --senders
//     closed-loop senders for --seconds,
//     and server CPU per delivery (from /proc) at that load;
//  2. --idle (10000) idle connections: server RSS, memory (kB) and CPU (µs per second) per connection,
//     and the heartbeat lateness (how much later than the interval each `: ping` arrives, p99 and
//     max) with a 1 s heartbeat, for --idle-seconds. The connections are this process's (the servers
//     are child processes): `ulimit -n` must exceed their number.
// With --postgres=URL each Bureau server runs on a fresh PostgreSQL database (made and dropped here).
// Every phase stops by itself, and the whole run within --timeout-minutes (30). Run: `npm run bench:sse`
// (options: --listeners=200,1000 --idle=10000 --postgres=URL --warmup=20 --timeout-minutes=30).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, createServer, request, type ServerResponse } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitAfter } from './deadline.js';
import { announce, benchServerFlags, cpuSeconds, rssMb, startServerChild, stopServerChild, unlimited, type ServerChild } from './server-child.js';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const num = (name: string, fallback: number): number => Number(arg(name, String(fallback)));

/** With --postgres=URL (a role allowed to create databases), each Bureau server runs on a fresh PostgreSQL database. */
const postgresArg = process.argv.find((a) => a.startsWith('--postgres='))?.slice('--postgres='.length);

/** Child: the reference server (on SQLite in `dataDir`, or on the PostgreSQL database `url`), limits lifted, 1 s heartbeat. */
async function serveBureau(dataDir: string, url: string | undefined): Promise<void> {
  const { startServer } = await import('@bureau/server');
  const database = url ? { database: { url, poolSize: 10 } } : {};
  announce(await startServer({ dataDir, ...database, demo: true, port: 0, heartbeatMs: 1000, rateLimit: unlimited, chat: { sendRateLimit: unlimited } }));
}

/** Child: the raw limit — node:http, one frame serialized once per POST and written to every response. */
function serveRaw(): void {
  const open = new Set<ServerResponse>();
  let position = 0;
  const ping = Buffer.from(': ping\n\n');
  setInterval(() => {
    for (const res of open) res.write(ping);
  }, 1000);
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
      res.write('retry: 2000\n\n');
      open.add(res);
      res.once('close', () => open.delete(res));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { text } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string };
      position += 1;
      const data = { position: String(position), type: 'message.created', spaceId: 'spc_xxxxxxxxxxxxxxxx', at: new Date().toISOString(), data: { id: 'msg_xxxxxxxxxxxxxxxxxxxxxxx', roomId: 'room_xxxxxxxxxxxxxxxx', spaceId: 'spc_xxxxxxxxxxxxxxxx', author: { id: 'karim', name: 'Karim Benali' }, text, threadId: null, replyCount: 0, lastReplyAt: null, reactions: [], mentions: [], attachments: [], createdAt: new Date().toISOString(), editedAt: null, deletedAt: null, version: 1 } };
      const frame = Buffer.from(`id: ${position}\nevent: message.created\ndata: ${JSON.stringify(data)}\n\n`);
      for (const listener of open) listener.write(frame);
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`);
  });
  process.once('SIGTERM', () => process.exit(0));
}

/** This file again as a child (`--serve-bureau …` or `--serve-raw`); BENCH_SERVER_FLAGS goes to the Bureau server only. */
const startChild = (args: string[]): Promise<ServerChild> => startServerChild(import.meta.url, args, { nodeFlags: args[0] === '--serve-bureau' ? benchServerFlags() : [] });

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: string; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: path.includes('/members/') ? 'PUT' : 'POST', agent, headers: { ...headers, 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), setCookie: res.headers['set-cookie'] ?? [] }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`POST ${path} timed out`)));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Where messages go and who listens: five people in one space (Bureau) or anyone (raw). */
interface Target {
  name: string;
  pid: number;
  url: string;
  listenHeaders: Record<string, string>[];
  send(i: number, text: string): Promise<void>;
}

async function bureauTarget(child: ServerChild): Promise<Target> {
  const people = ['karim', 'camille', 'lea', 'ines', 'theo'];
  const sessions = await Promise.all(
    people.map(async (userId) => {
      const answer = await post(child.url, '/v1/auth/dev', {}, { userId });
      const cookie = answer.setCookie.find((c) => c.startsWith('bureau_session='))?.split(';')[0] ?? '';
      return { cookie, 'x-csrf-token': (JSON.parse(answer.body) as { csrfToken: string }).csrfToken };
    }),
  );
  const owner = sessions[0] as Record<string, string>;
  const space = JSON.parse((await post(child.url, '/v1/spaces', owner, { name: 'Diffusion' })).body) as { id: string };
  for (const id of people.slice(1)) await post(child.url, `/v1/spaces/${space.id}/members/${id}`, owner, { role: 'member' });
  const room = JSON.parse((await post(child.url, `/v1/spaces/${space.id}/rooms`, owner, { name: 'diffusion' })).body) as { id: string };
  return {
    name: 'Bureau',
    pid: child.pid,
    url: child.url,
    listenHeaders: sessions.map((s) => ({ cookie: s.cookie })),
    async send(i, text) {
      const answer = await post(child.url, `/v1/rooms/${room.id}/messages`, sessions[i % sessions.length] as Record<string, string>, { text });
      if (answer.status !== 201) throw new Error(`POST message: ${answer.status} ${answer.body}`);
    },
  };
}

function rawTarget(child: ServerChild): Target {
  return {
    name: 'raw',
    pid: child.pid,
    url: child.url,
    listenHeaders: [{}],
    async send(_i, text) {
      await post(child.url, '/send', {}, { text });
    },
  };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Open SSE listeners recording, per message number, when each got it, and when pings arrive. */
class Listeners {
  readonly sockets: { destroy(): void }[] = [];
  sentAt = new Map<number, number>();
  got = new Map<number, number>();
  lastAt = new Map<number, number>();
  latencies: number[] = [];
  duplicates = 0;
  pingGaps: number[] = [];

  async open(target: Target, count: number, path: string): Promise<void> {
    const marker = /"text":"sse:(\d+)"/g;
    const t0 = performance.now();
    for (let i = 0; i < count; i += 100) {
      if (i > 0 && i % 2000 === 0) process.stderr.write(`${target.name}: ${i} connections open after ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
      await Promise.all(
        Array.from({ length: Math.min(100, count - i) }, (_, j) => {
          const headers = target.listenHeaders[(i + j) % target.listenHeaders.length] as Record<string, string>;
          return new Promise<void>((resolve, reject) => {
            const req = request(`${target.url}${path}`, { headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
              if (res.statusCode !== 200) return reject(new Error(`GET ${path}: ${res.statusCode}`));
              const seen = new Set<number>();
              let carry = '';
              let lastPing = 0;
              res.on('data', (chunk: Buffer) => {
                const now = performance.now();
                const text = carry + chunk.toString('latin1');
                const end = text.lastIndexOf('\n\n');
                carry = end === -1 ? text : text.slice(end + 2);
                if (end === -1) return;
                const complete = text.slice(0, end);
                if (complete.includes(': ping')) {
                  if (lastPing > 0) this.pingGaps.push(now - lastPing);
                  lastPing = now;
                }
                marker.lastIndex = 0;
                for (let m = marker.exec(complete); m; m = marker.exec(complete)) this.#record(Number(m[1]), seen, now);
              });
              res.on('error', () => {});
              resolve();
            });
            req.on('error', reject);
            // Connecting is bounded: a connection that gets no answer in 120 s (a loaded machine) fails the run.
            const timer = setTimeout(() => req.destroy(new Error(`GET ${path}: no answer within 120 s`)), 120_000);
            req.on('response', () => clearTimeout(timer));
            req.on('socket', (socket) => this.sockets.push(socket));
            req.end();
          });
        }),
      );
    }
  }

  #record(n: number, seen: Set<number>, now: number): void {
    if (seen.has(n)) {
      this.duplicates += 1;
      return;
    }
    seen.add(n);
    this.got.set(n, (this.got.get(n) ?? 0) + 1);
    this.lastAt.set(n, now);
    this.latencies.push(now - (this.sentAt.get(n) ?? now));
  }

  /** Waits (bounded) until each of `from..to` reached `count` listeners. */
  async all(from: number, to: number, count: number, ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    for (;;) {
      let done = true;
      for (let n = from; n <= to && done; n += 1) done = this.got.get(n) === count;
      if (done) return true;
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

interface FanOut {
  p95: number;
  perSecond: number;
  cpuPerDeliveryUs: number;
  complete: boolean;
}

async function fanOut(target: Target, count: number): Promise<FanOut> {
  const listeners = new Listeners();
  await listeners.open(target, count, target.name === 'raw' ? '/events' : '/v1/events');
  let seq = 0;
  const send = async (i: number): Promise<void> => {
    const n = (seq += 1);
    listeners.sentAt.set(n, performance.now());
    await target.send(i, `sse:${n}`);
  };
  // 0. Warm-up, not counted (both servers alike): the first messages after a start run cold code
  // (compilation, first prepared statements), and with 30 paced messages two cold ones made the p95.
  const warmup = num('warmup', 20);
  for (let i = 0; i < warmup; i += 1) await send(i);
  if (warmup > 0 && !(await listeners.all(1, seq, count, 30_000))) throw new Error(`${target.name}: the warm-up messages did not reach every listener`);
  listeners.latencies = [];
  const pacedFrom = seq + 1;
  // 1. Paced.
  const rate = num('rate', 5);
  const pacedMs = num('paced-seconds', 12) * 1000;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; performance.now() - t0 < pacedMs; i += 1) {
    pending.push(send(i));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + ((i + 1) * 1000) / rate - performance.now())));
  }
  await Promise.all(pending);
  const pacedComplete = await listeners.all(pacedFrom, seq, count, 15_000);
  const paced = listeners.latencies.slice().sort((a, b) => a - b);
  // 2. Loaded.
  const from = seq + 1;
  const cpuBefore = cpuSeconds(target.pid);
  const start = performance.now();
  const windowMs = num('seconds', 6) * 1000;
  await Promise.all(
    Array.from({ length: num('senders', 16) }, async (_, i) => {
      while (performance.now() - start < windowMs) await send(i);
    }),
  );
  const to = seq;
  const loadedComplete = await listeners.all(from, to, count, 30_000);
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  let last = start;
  for (let n = from; n <= to; n += 1) last = Math.max(last, listeners.lastAt.get(n) ?? 0);
  listeners.close();
  if (listeners.duplicates > 0) throw new Error(`${target.name}: ${listeners.duplicates} deliveries came twice`);
  const deliveries = (to - from + 1) * count;
  return { p95: percentile(paced, 95), perSecond: (deliveries * 1000) / (last - start), cpuPerDeliveryUs: (cpu * 1e6) / deliveries, complete: pacedComplete && loadedComplete };
}

interface Idle {
  rss: number;
  /** Server memory per open connection (RSS after opening them minus before), in kB. */
  kbEach: number;
  /** Server CPU per connection per second while they idle (heartbeats only), in µs. */
  cpuEachUsPerSecond: number;
  p99: number;
  max: number;
  pings: number;
}

/** Open files this process may have (each connection is one here and one in the server). */
const openFilesLimit = (): number => Number(/Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? Infinity);

async function idle(target: Target, count: number): Promise<Idle> {
  if (openFilesLimit() < count + 500) throw new Error(`${count} idle connections need ulimit -n above ${count + 500} (now ${openFilesLimit()})`);
  const rssBefore = rssMb(target.pid);
  const listeners = new Listeners();
  await listeners.open(target, count, target.name === 'raw' ? '/events' : '/v1/events');
  // Let the opening settle (the first heartbeats, garbage collection) before measuring.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const ms = num('idle-seconds', 8) * 1000;
  const cpuBefore = cpuSeconds(target.pid);
  await new Promise((resolve) => setTimeout(resolve, ms));
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  const rss = rssMb(target.pid);
  const lateness = listeners.pingGaps.map((gap) => gap - 1000).sort((a, b) => a - b);
  listeners.close();
  return {
    rss,
    kbEach: ((rss - rssBefore) * 1024) / count,
    cpuEachUsPerSecond: (cpu * 1e6) / count / (ms / 1000),
    p99: percentile(lateness, 99),
    max: lateness.at(-1) ?? NaN,
    pings: lateness.length,
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bureau-bench-sse-'));
  const load = loadavg()[0] ?? 0;
  const rows: string[][] = [];
  const withBoth = async (label: string, measure: (target: Target) => Promise<string>, ratio: (raw: string, bureau: string) => string): Promise<void> => {
    const rawChild = await startChild(['--serve-raw']);
    let raw: string;
    try {
      raw = await measure(rawTarget(rawChild));
    } finally {
      await stopServerChild(rawChild);
    }
    // A fresh PostgreSQL database per server (the test support makes and drops it).
    const fresh = postgresArg ? await (await import('../packages/server/src/db/testing.js')).createPostgresDatabase(postgresArg) : null;
    let bureau: string;
    try {
      const bureauChild = await startChild(['--serve-bureau', join(dir, `${rows.length}`), ...(fresh ? [fresh.url] : [])]);
      try {
        bureau = await measure(await bureauTarget(bureauChild));
      } finally {
        await stopServerChild(bureauChild);
      }
    } finally {
      await fresh?.drop();
    }
    rows.push([label, raw, bureau, ratio(raw, bureau)]);
    process.stderr.write(`${rows.at(-1)?.join(' | ')}\n`);
  };
  try {
    for (const count of arg('listeners', '200,1000').split(',').filter(Boolean).map(Number)) {
      const figures = new Map<string, FanOut>();
      await withBoth(
        `${count} listeners`,
        async (target) => {
          const f = await fanOut(target, count);
          figures.set(target.name, f);
          return `${f.perSecond.toFixed(0)} deliveries/s, ${f.cpuPerDeliveryUs.toFixed(1)} µs CPU each, p95 ${f.p95.toFixed(1)} ms at ${num('rate', 5)} msg/s${f.complete ? '' : ' (INCOMPLETE)'}`;
        },
        () => {
          const raw = figures.get('raw') as FanOut;
          const bureau = figures.get('Bureau') as FanOut;
          return `${(bureau.perSecond / raw.perSecond).toFixed(2)} deliveries, ${(bureau.cpuPerDeliveryUs / raw.cpuPerDeliveryUs).toFixed(2)}× CPU, ${(bureau.p95 / raw.p95).toFixed(2)}× p95`;
        },
      );
    }
    const idleCount = num('idle', 10_000);
    const idleFigures = new Map<string, Idle>();
    if (idleCount > 0) {
      await withBoth(
        `${idleCount} idle connections`,
        async (target) => {
          const f = await idle(target, idleCount);
          idleFigures.set(target.name, f);
          return `RSS ${f.rss.toFixed(0)} MB (${f.kbEach.toFixed(1)} kB each), CPU ${f.cpuEachUsPerSecond.toFixed(1)} µs per connection per second, heartbeat late p99 ${f.p99.toFixed(0)} ms, max ${f.max.toFixed(0)} ms (${f.pings} pings)`;
        },
        () => {
          const raw = idleFigures.get('raw') as Idle;
          const bureau = idleFigures.get('Bureau') as Idle;
          return `${(bureau.kbEach / raw.kbEach).toFixed(1)}× memory, ${(bureau.cpuEachUsPerSecond / raw.cpuEachUsPerSecond).toFixed(1)}× CPU each`;
        },
      );
    }
    console.log(`\nSSE, one process, ${postgresArg ? 'PostgreSQL' : 'SQLite'} (${cpus().length} cores, node ${process.version}; load average ${load.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after)\n`);
    console.log('| figure | raw node:http, same run | Bureau | ratio |\n|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    if (rows.some((row) => row.some((cell) => cell.includes('INCOMPLETE')))) process.exitCode = 1;
  } finally {
    agent.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--serve-bureau');
if (at !== -1) await serveBureau(process.argv[at + 1] ?? '.', process.argv[at + 2]);
else if (process.argv.includes('--serve-raw')) serveRaw();
else {
  exitAfter(30, 'bench:sse');
  await main();
}
