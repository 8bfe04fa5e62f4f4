// The published declarations of @bureau/sdk and @bureau/components (dist/*.d.ts, what npm ships)
// type-check in a consumer project that checks its libraries (skipLibCheck: false), under Node's
// and a bundler's module resolution, with the React 19 and Vue 3 typings; and the React, Vue and
// Angular example apps type-check as their projects would (the Vue template by vue-tsc). Needs
// `tsc -b` first (`npm run build`).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: plain JavaScript, the framework examples' build.
import { typecheck as typecheckFrameworkApps } from '../frameworks.js';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('a consumer project type-checks the published declarations', () => {
  it('checks its libraries: skipLibCheck is false', () => {
    const config = JSON.parse(readFileSync(here('tsconfig.json'), 'utf8')) as { compilerOptions: { skipLibCheck?: boolean } };
    assert.equal(config.compilerOptions.skipLibCheck, false);
  });

  // Both resolutions checked at once (each tsc run waits on I/O a good part of its minute), then the
  // example apps (a third process at once would starve the first two on two cores).
  const check = (config: string): Promise<string | null> =>
    new Promise((resolve) => {
      execFile(process.execPath, [tsc, '-p', here(config)], { encoding: 'utf8', timeout: 150_000 }, (error, stdout, stderr) => {
        resolve(error ? `tsc -p examples/consumer-types/${config}:\n${stdout}${stderr}${error.killed ? '(killed: too slow)' : ''}` : null);
      });
    });
  const runs = { node: check('tsconfig.json'), bundler: check('tsconfig.bundler.json') };
  const apps = Promise.allSettled(Object.values(runs)).then(() => typecheckFrameworkApps() as Promise<string | null>);
  for (const [resolution, run] of Object.entries(runs)) {
    it(`compiles without an error (${resolution} resolution)`, async () => {
      assert.equal(await run, null);
    });
  }
  it('the React, Vue and Angular example apps compile without an error, the Vue template included', async () => {
    assert.equal(await apps, null);
  });
});
