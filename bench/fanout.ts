// Fan-out with 1,000 connected SSE listeners, behind Debian's nginx on loopback: 1, 2 and 4 server
// instances on PostgreSQL against one instance on SQLite, printed side by side.
//  1. latency: messages posted at a steady pace (--rate per second for --latency-seconds); for each
//     message and each listener, the time from the POST to the listener reading its message.created;
//     p50 / p95 / max over every (message, listener) pair, and the CPU each part of the system
//     spends per message (instances, nginx, PostgreSQL backends, the listeners) — on a shared
//     machine the times follow the load of the moment, the CPU cost much less;
//  2. throughput: --senders closed-loop senders post as fast as they can for --seconds; messages per
//     second counts a message once every listener has it (from the first POST to the last delivery),
//     with the p95 fan-out latency at that load.
// Every listener must receive every message, once, or the configuration is reported as incomplete.
// The servers run with their limits lifted (a benchmark, not a rate-limit test), one process each;
// the listeners and senders share this process. The whole run stops within --timeout-minutes (40),
// its servers killed (the harness kills its children when this process exits).
// Run: `npm run build && npm run bench:fanout`
// (options: --listeners=1000 --rate=5 --latency-seconds=8 --seconds=10 --senders=16 --only=pg2 --timeout-minutes=40).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startCluster, scaleOutMissing, type Cluster } from '../scale-out/harness.js';
import { exitAfter } from './deadline.js';

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};
const only = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];

/** Child mode: one server, limits lifted, configured by the same environment as the CLI. */
async function serve(): Promise<void> {
  const { startServer } = await import('@bureau/server');
  const unlimited = { max: 1_000_000_000, windowMs: 60_000 };
  const url = process.env.BUREAU_DATABASE_URL;
  const server = await startServer({
    dataDir: process.env.BUREAU_DATA_DIR ?? '.',
    ...(url ? { database: { url, poolSize: Number(process.env.BUREAU_DATABASE_POOL_SIZE ?? '10') } } : {}),
    demo: true,
    host: '127.0.0.1',
    port: Number(process.env.PORT),
    rateLimit: unlimited,
    chat: { sendRateLimit: unlimited },
  });
  process.stdout.write(`bench server listening on ${server.url}\n`);
  process.once('SIGTERM', () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

interface Session {
  id: string;
  cookie: string;
  csrf: string;
}

async function signIn(url: string, userId: string): Promise<Session> {
  const response = await fetch(`${url}/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  if (response.status !== 200) throw new Error(`sign-in as ${userId}: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('bureau_session='))?.split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { id: userId, cookie, csrf: csrfToken };
}

async function call(url: string, who: Session, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: JSON.stringify(body),
  });
}

const people = ['karim', 'camille', 'lea', 'ines', 'theo'];

/** Every (message, listener) delivery: when it was read, against when its POST started. */
class Deliveries {
  sentAt = new Float64Array(1 << 16);
  /** Per message: how many listeners have it, and when the last one got it. */
  count = new Uint16Array(1 << 16);
  lastAt = new Float64Array(1 << 16);
  latencies: number[] = [];
  duplicates = 0;
  record(seq: number, listener: Set<number>, now: number): void {
    if (listener.has(seq)) {
      this.duplicates += 1;
      return;
    }
    listener.add(seq);
    this.count[seq] = (this.count[seq] ?? 0) + 1;
    this.lastAt[seq] = now;
    this.latencies.push(now - (this.sentAt[seq] ?? now));
  }
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/**
 * CPU used by the instances, by nginx (master and workers) and by the PostgreSQL backends serving
 * the instances' database: what the machine spends per message whatever else runs on it.
 */
class CpuMeter {
  #pg: pg.Client | null = null;
  constructor(private readonly cluster: Cluster) {}
  async open(): Promise<void> {
    const url = this.cluster.databaseUrl;
    if (!url) return;
    this.#pg = new pg.Client({ connectionString: url });
    await this.#pg.connect();
  }
  async #backends(): Promise<number[]> {
    if (!this.#pg) return [];
    const rows = await this.#pg.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return rows.rows.map((row) => row.pid);
  }
  async sample(): Promise<{ instances: number; nginx: number; postgres: Map<number, number> }> {
    const nginxPids = [this.cluster.proxy.pid, ...childrenOf(this.cluster.proxy.pid)];
    const postgres = new Map<number, number>();
    for (const pid of await this.#backends()) postgres.set(pid, cpuOf(pid));
    return {
      instances: this.cluster.instances.reduce((sum, instance) => sum + cpuOf(instance.pid), 0),
      nginx: nginxPids.reduce((sum, pid) => sum + cpuOf(pid), 0),
      postgres,
    };
  }
  /** CPU seconds between two samples (a backend that appeared in between counts from zero). */
  static between(a: Awaited<ReturnType<CpuMeter['sample']>>, b: Awaited<ReturnType<CpuMeter['sample']>>) {
    let postgres = 0;
    for (const [pid, cpu] of b.postgres) postgres += cpu - (a.postgres.get(pid) ?? 0);
    return { instances: b.instances - a.instances, nginx: b.nginx - a.nginx, postgres };
  }
  async close(): Promise<void> {
    await this.#pg?.end();
  }
}

interface Figures {
  listeners: string;
  latency: { p50: number; p95: number; max: number; complete: boolean };
  throughput: { perSecond: number; p95: number; sent: number; complete: boolean };
  /**
   * CPU milliseconds per message fanned out to every listener, at the steady pace and at full load
   * (where several events share a write, so less per message).
   */
  cpuPerMessage: Record<'paced' | 'loaded', { instances: number; nginx: number; postgres: number; client: number }>;
}

async function measure(cluster: Cluster, listenerCount: number): Promise<Figures> {
  const url = cluster.proxy.url;
  const sessions = await Promise.all(people.map((id) => signIn(url, id)));
  const owner = sessions[0] as Session;
  const space = (await (await call(url, owner, 'POST', '/v1/spaces', { name: 'Fan-out' })).json()) as { id: string };
  for (const member of sessions.slice(1)) {
    const added = await call(url, owner, 'PUT', `/v1/spaces/${space.id}/members/${member.id}`, { role: 'member' });
    if (added.status !== 201) throw new Error(`member ${member.id}: ${added.status}`);
  }
  const room = (await (await call(url, owner, 'POST', `/v1/spaces/${space.id}/rooms`, { name: 'diffusion' })).json()) as { id: string };

  const deliveries = new Deliveries();
  const controller = new AbortController();
  const perInstance = new Map<string, number>();
  const marker = /"text":"fo:(\d+)"/g;

  async function listen(who: Session): Promise<void> {
    const response = await fetch(`${url}/v1/events`, { headers: { cookie: who.cookie }, signal: controller.signal });
    if (response.status !== 200 || !response.body) throw new Error(`GET /v1/events: ${response.status}`);
    const instance = cluster.instanceAt(response.headers.get('x-bureau-instance')).name;
    perInstance.set(instance, (perInstance.get(instance) ?? 0) + 1);
    const seen = new Set<number>();
    const reader = response.body.getReader();
    let carry = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          const now = performance.now();
          const text = carry + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
          const end = text.lastIndexOf('\n\n');
          carry = end === -1 ? text : text.slice(end + 2);
          if (end === -1) continue;
          const complete = text.slice(0, end);
          marker.lastIndex = 0;
          for (let m = marker.exec(complete); m; m = marker.exec(complete)) deliveries.record(Number(m[1]), seen, now);
        }
      } catch {
        // aborted at the end
      }
    })();
  }

  // Connect the listeners, 50 at a time, as the five people in turn.
  for (let i = 0; i < listenerCount; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, listenerCount - i) }, (_, j) => listen(sessions[(i + j) % sessions.length] as Session)));
  }
  const spread = [...perInstance.entries()].sort().map(([name, n]) => `${name}:${n}`).join(' ');

  let seq = 0;
  const send = async (who: Session): Promise<void> => {
    const n = (seq += 1);
    deliveries.sentAt[n] = performance.now();
    const response = await call(url, who, 'POST', `/v1/rooms/${room.id}/messages`, { text: `fo:${n}` });
    if (response.status !== 201) throw new Error(`POST message: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  /** Waits (bounded) until every listener has messages from..to; true when they all do. */
  const drained = async (from: number, to: number, ms: number): Promise<boolean> => {
    const deadline = performance.now() + ms;
    for (;;) {
      let all = true;
      for (let n = from; n <= to && all; n += 1) all = deliveries.count[n] === listenerCount;
      if (all) return true;
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const meter = new CpuMeter(cluster);
  await meter.open();
  /** CPU milliseconds per message since `before` (`messages` were fanned out meanwhile). */
  const cpuSince = async (before: { server: Awaited<ReturnType<CpuMeter['sample']>>; client: NodeJS.CpuUsage }, messages: number) => {
    const cpu = CpuMeter.between(before.server, await meter.sample());
    const client = process.cpuUsage(before.client);
    return {
      instances: (cpu.instances * 1000) / messages,
      nginx: (cpu.nginx * 1000) / messages,
      postgres: (cpu.postgres * 1000) / messages,
      client: (client.user + client.system) / 1000 / messages,
    };
  };

  // 1. Latency at a steady pace.
  const rate = arg('rate', 5);
  const latencyMs = arg('latency-seconds', 8) * 1000;
  const first = seq + 1;
  const pacedBefore = { server: await meter.sample(), client: process.cpuUsage() };
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; performance.now() - t0 < latencyMs; i += 1) {
    pending.push(send(sessions[i % sessions.length] as Session));
    const next = t0 + ((i + 1) * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(pending);
  const latencyComplete = await drained(first, seq, 15_000);
  const pacedCpu = await cpuSince(pacedBefore, seq - first + 1);
  const paced = deliveries.latencies.slice().sort((x, y) => x - y);

  // 2. Throughput: closed-loop senders for the window, then until every listener has everything.
  deliveries.latencies = [];
  const from = seq + 1;
  const loadedBefore = { server: await meter.sample(), client: process.cpuUsage() };
  const start = performance.now();
  const windowMs = arg('seconds', 10) * 1000;
  await Promise.all(
    Array.from({ length: arg('senders', 16) }, async (_, i) => {
      while (performance.now() - start < windowMs && seq < 65_000) await send(sessions[i % sessions.length] as Session);
    }),
  );
  const to = seq;
  const throughputComplete = await drained(from, to, 30_000);
  const loadedCpu = await cpuSince(loadedBefore, to - from + 1);
  await meter.close();
  let lastDelivery = start;
  for (let n = from; n <= to; n += 1) lastDelivery = Math.max(lastDelivery, deliveries.lastAt[n] ?? 0);
  const loaded = deliveries.latencies.slice().sort((x, y) => x - y);
  controller.abort();
  if (deliveries.duplicates > 0) throw new Error(`${deliveries.duplicates} deliveries came twice`);
  return {
    listeners: spread,
    latency: { p50: percentile(paced, 50), p95: percentile(paced, 95), max: paced.at(-1) ?? NaN, complete: latencyComplete },
    throughput: { perSecond: ((to - from + 1) * 1000) / (lastDelivery - start), p95: percentile(loaded, 95), sent: to - from + 1, complete: throughputComplete },
    cpuPerMessage: { paced: pacedCpu, loaded: loadedCpu },
  };
}

async function main(): Promise<void> {
  const missing = await scaleOutMissing({ s3: false });
  if (missing) {
    console.error(`bench:fanout cannot run: ${missing}`);
    process.exit(1);
  }
  const fds = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  let listeners = arg('listeners', 1000);
  if (Number.isFinite(fds) && fds < listeners + 200) {
    listeners = Math.max(10, fds - 200);
    console.warn(`ulimit -n is ${fds}: ${listeners} listeners only (raise it with ulimit -n 4096 for 1,000)`);
  }
  const configurations = [
    { key: 'sqlite', label: 'SQLite, 1 instance', database: 'sqlite' as const, instances: 1 },
    { key: 'pg1', label: 'PostgreSQL, 1 instance', database: 'postgres' as const, instances: 1 },
    { key: 'pg2', label: 'PostgreSQL, 2 instances', database: 'postgres' as const, instances: 2 },
    { key: 'pg4', label: 'PostgreSQL, 4 instances', database: 'postgres' as const, instances: 4 },
  ].filter((c) => !only || only.split(',').includes(c.key));
  // BENCH_SERVER_FLAGS adds node flags to the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const serverFlags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const command = [...process.execArgv, ...serverFlags, fileURLToPath(import.meta.url), '--serve'];
  const rows: [string, Figures][] = [];
  const failures: string[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  for (const configuration of configurations) {
    process.stderr.write(`${configuration.label}: starting…\n`);
    try {
      const cluster = await startCluster({ instances: configuration.instances, database: configuration.database, command });
      try {
        const figures = await measure(cluster, listeners);
        rows.push([configuration.label, figures]);
        process.stderr.write(`${configuration.label}: ${JSON.stringify(figures)}\n`);
      } finally {
        await cluster.close();
      }
    } catch (error) {
      failures.push(`${configuration.label}: ${(error as Error).message.split('\n')[0]}`);
      process.stderr.write(`${configuration.label} failed: ${(error as Error).stack}\n`);
    }
  }
  const rate = arg('rate', 5);
  const ms = (n: number) => `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ms`;
  const table = [
    ['', ...rows.map(([label]) => label)],
    ['listeners per instance', ...rows.map(([, f]) => f.listeners)],
    [`p50 fan-out latency at ${rate} msg/s`, ...rows.map(([, f]) => ms(f.latency.p50))],
    [`p95 fan-out latency at ${rate} msg/s`, ...rows.map(([, f]) => ms(f.latency.p95))],
    ['max fan-out latency', ...rows.map(([, f]) => ms(f.latency.max))],
    ['messages/s, all listeners served', ...rows.map(([, f]) => f.throughput.perSecond.toFixed(0))],
    ['p95 fan-out latency at that load', ...rows.map(([, f]) => ms(f.throughput.p95))],
    ['messages sent in the window', ...rows.map(([, f]) => String(f.throughput.sent))],
    [`CPU per message at ${rate} msg/s: instances`, ...rows.map(([, f]) => ms(f.cpuPerMessage.paced.instances))],
    ['                          nginx', ...rows.map(([, f]) => ms(f.cpuPerMessage.paced.nginx))],
    ['                          PostgreSQL', ...rows.map(([, f]) => (f.cpuPerMessage.paced.postgres > 0 ? ms(f.cpuPerMessage.paced.postgres) : '—'))],
    ['                          listeners (this process)', ...rows.map(([, f]) => ms(f.cpuPerMessage.paced.client))],
    ['every listener got every message once', ...rows.map(([, f]) => (f.latency.complete && f.throughput.complete ? 'yes' : 'NO'))],
  ];
  const widths = table[0]?.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length))) ?? [];
  console.log(
    `\nFan-out with ${listeners} SSE listeners through nginx (loopback, ${cpus().length} cores, node ${process.version}; ` +
      `load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after — other work on the machine shows in the figures)\n`,
  );
  for (const row of table) console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`);
  for (const failure of failures) console.log(`\nNot measured: ${failure}`);
  if (failures.length > 0 || rows.some(([, f]) => !f.latency.complete || !f.throughput.complete)) process.exitCode = 1;
}

if (process.argv.includes('--serve')) await serve();
else {
  exitAfter(40, 'bench:fanout');
  await main();
}
