// A whole-run bound for the benches that wait on the network (a lost event, a request never
// answered, a server that stops answering): past it the bench says so, kills the servers it
// started and exits with status 2, instead of waiting for ever. Issue 16.
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Kills `child` if this process exits (the deadline, an exception) while it still runs. */
export function killOnExit(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * Ends the run after `--timeout-minutes` (default `minutes`): prints what was still awaited and
 * exits 2. The timer does not keep the process alive.
 */
export function exitAfter(minutes: number, what: string): void {
  const found = process.argv.find((a) => a.startsWith('--timeout-minutes='));
  const bound = found ? Number(found.split('=')[1]) : minutes;
  setTimeout(() => {
    process.stderr.write(`\n${what} did not finish within ${bound} min (--timeout-minutes): stopped, its servers killed.\n`);
    process.exit(2);
  }, bound * 60_000).unref();
}
