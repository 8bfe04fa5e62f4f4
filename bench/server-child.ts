// The reference server as a child process of a bench: the bench runs its own file again with a
// `--serve…` argument, the child starts the server, prints `{"url": …}` on its first stdout line and
// closes the server on SIGTERM; the parent reads that line, measures the child's CPU and memory from
// /proc, and stops it (SIGKILL if it has not exited 15 s after SIGTERM).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { killOnExit } from './deadline.js';

/** Rate limits lifted: a bench measures throughput, not the limiter. */
export const unlimited = { max: 1_000_000_000, windowMs: 60_000 };

export interface ServerChild {
  url: string;
  child: ChildProcess;
  pid: number;
}

export interface StartOptions {
  /** Extra node flags for the child, e.g. BENCH_SERVER_FLAGS's `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  nodeFlags?: string[];
  /** Where the child's stderr goes (`inherit` unless said). */
  stderr?: 'inherit' | 'ignore';
}

/** BENCH_SERVER_FLAGS, split: node flags a bench adds to the Bureau server it starts. */
export const benchServerFlags = (): string[] => (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);

/**
 * Runs the bench file `scriptUrl` (its `import.meta.url`) again with `args`, and resolves once the
 * child has printed its URL. Rejects if the child exits first or has not answered within 180 s (on
 * the shared machine at load 30 a server took over 60 s to start: a migration, tsx).
 */
export function startServerChild(scriptUrl: string, args: string[], options: StartOptions = {}): Promise<ServerChild> {
  const child = killOnExit(spawn(process.execPath, [...process.execArgv, ...(options.nodeFlags ?? []), fileURLToPath(scriptUrl), ...args], {
    stdio: ['ignore', 'pipe', options.stderr ?? 'inherit'],
  }));
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('The server did not start within 180 s'));
    }, 180_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server process exited (${code})`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end > 0) {
        clearTimeout(timer);
        resolve({ url: (JSON.parse(buffer.slice(0, end)) as { url: string }).url, child, pid: child.pid ?? 0 });
      }
    });
  });
}

/** SIGTERM, then SIGKILL if the child is still there 15 s later; resolves once it has exited. */
export async function stopServerChild({ child }: ServerChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Child side: prints the server's URL for `startServerChild`, and on SIGTERM closes it, runs
 * `cleanup` (e.g. removing its data folder) and exits (1 if either failed).
 */
export function announce(server: { url: string; close(): Promise<unknown> }, cleanup: () => Promise<unknown> = async () => undefined): void {
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.once('SIGTERM', () => {
    server
      .close()
      .then(cleanup)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${String(error)}\n`);
          process.exit(1);
        },
      );
  });
}

const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds (user + system) process `pid` has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}

/** Resident memory of process `pid`, in MB. */
export const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Signs in as the demo person `userId` (`POST /v1/auth/dev`): the headers of their later writes (session cookie, CSRF token). */
export async function devSignIn(url: string, userId = 'karim'): Promise<Record<string, string>> {
  const response = await fetch(`${url}/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  if (response.status !== 200) throw new Error(`sign-in as ${userId} answered ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('bureau_session='))?.split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/** `response` when its status is `status`; otherwise an error naming `what`, the status and the body. */
export async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response;
}
