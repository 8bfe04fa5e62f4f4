import { fileURLToPath } from 'node:url';

/**
 * The arguments that make `node` run this package's module `path` (relative to `src/`, such as
 * `cli.ts`) in a child process as the tests themselves run: its transpiled JavaScript when they run
 * from `.test-js/` (scripts/run-tests.js, `npm test`), its TypeScript through tsx when one file is
 * run by hand from `src/`. A child through tsx costs seconds of CPU more to start.
 */
export function moduleArgs(path: string): string[] {
  if (import.meta.url.endsWith('.ts')) return ['--conditions=bureau:source', '--import', 'tsx', fileURLToPath(new URL(path, import.meta.url))];
  return [fileURLToPath(new URL(path.replace(/\.ts$/, '.js'), import.meta.url))];
}

/** Whether the tests run from their TypeScript sources (through tsx) rather than `.test-js/`. */
export const fromSource = import.meta.url.endsWith('.ts');
