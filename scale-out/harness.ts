// Several real Bureau server processes on one PostgreSQL database and one S3 bucket, behind a real
// nginx (Debian's), everything on 127.0.0.1 and thrown away at the end: the scale-out tests and the
// fan-out benchmark run on it. Each instance is `node packages/server/dist/cli.js --demo` (so run
// `npm run build` or `npx tsc -b packages/server` first), configured by environment as in production.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPostgresDatabase } from '../packages/server/src/db/testing.js';
import { s3Missing, startS3, type S3Fixture } from '../packages/server/src/files/s3-test-kit.test.js';
import { mainConfig, siteConfig } from './nginx.js';

export const cliPath = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));
export const postgresUrl = process.env.BUREAU_TEST_POSTGRES_URL || 'postgres://bureau:bureau@127.0.0.1:5432/bureau';
const nginxPath = process.env.BUREAU_TEST_NGINX || '/usr/sbin/nginx';
/** The longest an instance or nginx may take to start on a loaded machine. */
const startupMs = 60_000;

const hidePassword = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * Why the scale-out setup cannot run here, or false when it can: nginx, a reachable PostgreSQL,
 * an S3-compatible server (when `s3`), and the built server. In CI (`CI=true`) a missing piece is
 * an error, never a skip.
 */
export async function scaleOutMissing(o: { s3: boolean }): Promise<string | false> {
  const missing: string[] = [];
  if (!existsSync(nginxPath)) missing.push(`nginx is not installed (${nginxPath}; apt-get install nginx, or set BUREAU_TEST_NGINX)`);
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    missing.push(`PostgreSQL is not reachable at ${hidePassword(postgresUrl)} (${(error as Error).message}; set BUREAU_TEST_POSTGRES_URL)`);
  } finally {
    await client.end().catch(() => {});
  }
  if (o.s3 && s3Missing !== null) missing.push(s3Missing);
  if (!existsSync(cliPath)) missing.push(`the server is not built (${cliPath}; run npx tsc -b packages/server)`);
  if (missing.length === 0) return false;
  const why = `scale-out setup incomplete: ${missing.join('; ')}`;
  if (process.env.CI === 'true') throw new Error(`${why}. CI must run the scale-out tests: see .ci/run.`);
  return why;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Children still running; killed if this process exits without closing them. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Spawns a child and keeps the tail of its output for error messages. */
function spawnTracked(command: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-16_384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => tail };
}

/** Resolves once `test()` holds for the output, rejects if the child exits first or after `ms`. */
function waitForOutput(child: ChildProcess, output: () => string, test: (text: string) => boolean, what: string, ms = startupMs): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', exited);
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      if (test(output())) done();
    };
    const exited = (code: number | null, signal: string | null) => done(new Error(`${what} exited (${code ?? signal}) before it was ready:\n${output()}`));
    const timer = setTimeout(() => done(new Error(`${what} was not ready within ${ms / 1000} s:\n${output()}`)), ms);
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', exited);
    check();
  });
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface Instance {
  name: string;
  pid: number;
  /** `127.0.0.1:<port>`, as nginx names it in `X-Bureau-Instance`. */
  address: string;
  url: string;
  alive(): boolean;
  /** The tail of its log. */
  output(): string;
  /** Sends `signal` and waits for the process to end (SIGKILL: no shutdown at all). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts one server process. `command` replaces `cli.js --demo` (the benchmark starts the server
 * with its limits lifted); whatever it is, it must log `listening on http://127.0.0.1:<port>`.
 */
async function startInstance(name: string, env: Record<string, string>, command?: string[]): Promise<Instance> {
  const port = await freePort();
  const args = command ?? [cliPath, '--demo'];
  const { child, output } = spawnTracked(process.execPath, args, { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  await waitForOutput(child, output, (text) => text.includes(`listening on ${url}`), `instance ${name}`);
  const ready = await fetch(`${url}/v1/ready`);
  if (ready.status !== 200) throw new Error(`instance ${name}: /v1/ready answered ${ready.status}: ${await ready.text()}`);
  return {
    name,
    pid: child.pid ?? 0,
    address: `127.0.0.1:${port}`,
    url,
    alive: () => child.exitCode === null && child.signalCode === null,
    output,
    kill: (signal) => stopChild(child, signal),
  };
}

export interface Proxy {
  url: string;
  /** The nginx master's (its workers are its children). */
  pid: number;
  dir: string;
  /** The site configuration it runs (the part docs/deploy.md shows). */
  site: string;
  stop(): Promise<void>;
}

/** Starts Debian's nginx in front of `upstreams`, with a generated configuration under `dir`. */
export async function startNginx(dir: string, upstreams: readonly string[], o: { workerConnections?: number } = {}): Promise<Proxy> {
  await mkdir(join(dir, 'tmp'), { recursive: true });
  // Workers run as an unprivileged user when nginx starts as root: let them reach their temp files.
  await chmod(dir, 0o755);
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(join(dir, 'tmp', sub), { recursive: true });
    await chmod(join(dir, 'tmp', sub), 0o777);
  }
  await chmod(join(dir, 'tmp'), 0o755);
  const port = await freePort();
  const site = siteConfig({ upstreams, listen: `127.0.0.1:${port}`, serverName: '_' });
  const conf = join(dir, 'nginx.conf');
  await writeFile(conf, mainConfig(dir, site, o));
  const checked = spawnSync(nginxPath, ['-t', '-q', '-p', dir, '-c', conf], { encoding: 'utf8' });
  if (checked.status !== 0) throw new Error(`nginx -t refused the configuration:\n${checked.stderr}`);
  const { child, output } = spawnTracked(nginxPath, ['-p', dir, '-c', conf, '-g', 'daemon off;'], process.env);
  const url = `http://127.0.0.1:${port}`;
  // nginx says nothing when it listens: wait until it answers /v1/ready through an instance.
  const deadline = Date.now() + startupMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output()}`);
    const answer = await fetch(`${url}/v1/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (answer === 200) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer /v1/ready within ${startupMs / 1000} s (last: ${answer}):\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, pid: child.pid ?? 0, dir, site, stop: () => stopChild(child, 'SIGTERM') };
}

export interface ClusterOptions {
  instances: number;
  /** PostgreSQL (a fresh database) or, for one instance only, SQLite in the instance's folder. */
  database: 'postgres' | 'sqlite';
  /** Blobs and tus uploads in a fresh bucket on an S3-compatible server (moto, see s3-test-kit). */
  s3?: boolean;
  /** Replaces `cli.js --demo` (see `startInstance`). */
  command?: string[];
  env?: Record<string, string>;
  workerConnections?: number;
}

export interface Cluster {
  instances: Instance[];
  /** The instances' PostgreSQL database, if any. */
  databaseUrl: string | undefined;
  proxy: Proxy;
  /** The instance nginx names in `X-Bureau-Instance` (the last one it tried, when it tried two). */
  instanceAt(header: string | null): Instance;
  close(): Promise<void>;
}

/** N instances on one fresh database (and bucket) behind nginx; `close()` removes everything. */
export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  if (o.database === 'sqlite' && o.instances !== 1) throw new Error('SQLite serves one instance only.');
  const root = await mkdtemp(join(tmpdir(), 'bureau-scale-'));
  // nginx workers (an unprivileged user when nginx starts as root) reach their temp files through it.
  await chmod(root, 0o755);
  const cleanups: (() => Promise<void>)[] = [() => rm(root, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    // nginx runs on this machine: its X-Forwarded-* headers are believed, as docs/deploy.md says to.
    const env: Record<string, string> = { BUREAU_TRUST_PROXY: 'loopback', ...o.env };
    if (o.database === 'postgres') {
      const database = await createPostgresDatabase(postgresUrl);
      cleanups.push(database.drop);
      env.BUREAU_DATABASE_URL = database.url;
      env.BUREAU_DATABASE_POOL_SIZE = env.BUREAU_DATABASE_POOL_SIZE ?? '5';
    }
    if (o.s3) {
      const s3: S3Fixture = await startS3();
      cleanups.push(() => s3.close());
      Object.assign(env, {
        BUREAU_S3_ENDPOINT: s3.options.endpoint,
        BUREAU_S3_BUCKET: s3.options.bucket,
        BUREAU_S3_REGION: s3.options.region,
        BUREAU_S3_ACCESS_KEY_ID: s3.options.accessKeyId,
        BUREAU_S3_SECRET_ACCESS_KEY: s3.options.secretAccessKey,
        BUREAU_S3_FORCE_PATH_STYLE: 'true',
      });
    }
    const instances: Instance[] = [];
    cleanups.push(async () => {
      await Promise.all(instances.map((instance) => instance.kill('SIGTERM')));
    });
    // One after the other: the first one migrates and seeds the demo data, the others find it done.
    for (let i = 0; i < o.instances; i += 1) {
      const name = String.fromCharCode(97 + i);
      const dataDir = join(root, name);
      await mkdir(dataDir);
      instances.push(await startInstance(name, { ...env, BUREAU_DATA_DIR: dataDir }, o.command));
    }
    const proxy = await startNginx(join(root, 'nginx'), instances.map((instance) => instance.address), { workerConnections: o.workerConnections });
    cleanups.push(proxy.stop);
    return {
      instances,
      databaseUrl: env.BUREAU_DATABASE_URL,
      proxy,
      instanceAt(header) {
        const address = (header ?? '').split(/,\s*/).pop();
        const found = instances.find((instance) => instance.address === address);
        if (!found) throw new Error(`nginx named no known instance: ${address}`);
        return found;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
