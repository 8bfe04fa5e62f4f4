// Runs the server's test files with node's test runner, as plain JavaScript: the package's sources
// and tests are transpiled once by esbuild into `.test-js/` (beside `src/`, so that every path a
// module makes relative to itself — docs, the demo's pages, `package.json` — resolves alike) and run
// without a loader. Through tsx, each of the ~60 test processes spent 3–4 s of CPU in the loader's
// hooks before its first test, and two passes (SQLite, PostgreSQL) of them were half of `npm test`'s
// longest lane on 2 cores. Types are checked by `tsc -b` (`npm run build`), which also builds the
// other packages' `dist/` that these files import (`@bureau/api`, `@bureau/conformance`).
// One file still runs through tsx by hand: `node --conditions=bureau:source --import tsx --test FILE`.
//
// `node packages/server/scripts/run-tests.js` runs every file on SQLite; test-postgres.js calls
// `runServerTests` with the files it leaves out and the database URL.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const src = `${root}src/`;

/**
 * Transpiles `src/` into `out` (a folder beside `src/`: `npm test` runs the SQLite and PostgreSQL
 * passes at once, each in its own), one module per file, with source maps for stack traces.
 */
async function transpile(out) {
  rmSync(out, { recursive: true, force: true });
  const entryPoints = readdirSync(src, { recursive: true })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => `${src}${name}`);
  await build({
    entryPoints,
    outdir: out,
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/**
 * Transpiles into `outDir`, then runs every `*.test.ts` of the package but `exclude` (paths relative
 * to `src/`, with `/`), two files at a time; resolves with the runner's exit code.
 * @param {{ exclude?: Set<string>, env?: Record<string, string>, outDir?: string }} [options]
 * @returns {Promise<number>}
 */
export async function runServerTests({ exclude = new Set(), env = {}, outDir = '.test-js' } = {}) {
  const out = `${root}${outDir}/`;
  await transpile(out);
  const tests = readdirSync(src, { recursive: true })
    .map((name) => name.split('\\').join('/'))
    .filter((name) => name.endsWith('.test.ts') && !exclude.has(name))
    .sort()
    .map((name) => `${out}${name.replace(/\.ts$/, '.js')}`);
  const args = [
    '--enable-source-maps',
    '--test',
    '--test-concurrency=2',
    '--test-timeout=120000',
    `--test-reporter=${process.env.TEST_REPORTER ?? 'spec'}`,
    ...tests,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(await runServerTests());
