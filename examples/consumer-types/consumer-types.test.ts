// The published declarations of @bureau/sdk and @bureau/components (dist/*.d.ts, what npm ships)
// type-check in a consumer project that checks its libraries (skipLibCheck: false), under Node's
// and a bundler's module resolution, with the React 19 and Vue 3 typings. Needs `tsc -b` first
// (`npm run build`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('a consumer project type-checks the published declarations', () => {
  it('checks its libraries: skipLibCheck is false', () => {
    const config = JSON.parse(readFileSync(here('tsconfig.json'), 'utf8')) as { compilerOptions: { skipLibCheck?: boolean } };
    assert.equal(config.compilerOptions.skipLibCheck, false);
  });

  for (const config of ['tsconfig.json', 'tsconfig.bundler.json']) {
    it(`compiles without an error (${config})`, () => {
      const run = spawnSync(process.execPath, [tsc, '-p', here(config)], { encoding: 'utf8', timeout: 120_000 });
      assert.equal(run.status, 0, `tsc -p examples/consumer-types/${config}:\n${run.stdout}${run.stderr}`);
    });
  }
});
