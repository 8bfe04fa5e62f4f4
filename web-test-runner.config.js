// Browser tests: SDK and components, in headless Chromium, against a real reference server
// started here on a fresh SQLite folder, seeded with the demo people, on another origin (CORS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { startServer } from './packages/server/dist/index.js';
import { chromiumArgs, chromiumPath } from './bench/chromium.js';

const PAGE_PORT = Number(process.env.BUREAU_WTR_PORT ?? 8765);
const pageOrigin = `http://localhost:${PAGE_PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'bureau-wtr-'));
const server = await startServer({
  dataDir,
  port: 0,
  host: '127.0.0.1',
  demo: true,
  allowedOrigins: [pageOrigin],
  logger: false,
  // Every test file signs people in and writes from 127.0.0.1 within a few minutes: the per-address
  // and per-person write limit (300 a minute by default) would refuse them, not what the tests test.
  // The chat's own send limit stays as it is (the outbox's 429 test relies on it).
  rateLimit: { max: 100_000, windowMs: 60_000 },
});
// The API on "localhost" too, so that page and API are same-site (SameSite=Lax cookies flow).
const apiUrl = server.url.replace('127.0.0.1', 'localhost');


export default {
  port: PAGE_PORT,
  hostname: 'localhost',
  files: ['packages/sdk/src/**/*.test.ts', 'packages/components/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['bureau:source', 'browser', 'development'] },
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'packages/components/tsconfig.json' }),
    {
      name: 'bureau-test-config',
      serve(context) {
        if (context.path === '/__bureau__/config.js') {
          return `export const apiUrl = ${JSON.stringify(apiUrl)};`;
        }
      },
    },
    {
      name: 'bureau-server-lifecycle',
      async serverStop() {
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
};
