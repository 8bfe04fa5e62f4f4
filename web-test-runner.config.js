// Browser tests: SDK and components, in headless Chromium, against a real reference server
// started here on a fresh SQLite folder, seeded with the demo people, on another origin (CORS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { startServer } from './packages/server/dist/index.js';
import { openSqlite } from './packages/server/dist/db/index.js';
import { messageIdAt } from './packages/server/dist/chat/ids.js';
import { indexMessage } from './packages/server/dist/chat/search-index.js';
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
});
// The API on "localhost" too, so that page and API are same-site (SameSite=Lax cookies flow).
const apiUrl = server.url.replace('127.0.0.1', 'localhost');

/**
 * A long history written straight into the test server's database (the chat's send limit would
 * take minutes through the API): `count` messages of Karim in `room`, one a minute until now, the
 * one at `at` holding `word` (the only one indexed for search). Answers the ids, oldest first.
 */
let seedDb;
async function seedMessages(params) {
  seedDb ??= await openSqlite(dataDir);
  const room = params.get('room') ?? '';
  const count = Number(params.get('count') ?? 0);
  const at = Number(params.get('at') ?? -1);
  const word = params.get('word') ?? '';
  const { space_id: spaceId } = await seedDb.selectFrom('rooms').select('space_id').where('id', '=', room).executeTakeFirstOrThrow();
  const start = Date.now() - count * 60_000;
  const rows = Array.from({ length: count }, (_, i) => ({
    id: messageIdAt(start + i * 60_000, 0), room_id: room, space_id: spaceId, author_id: 'karim',
    text: i === at ? `Message n° ${i} : le mot ${word} est ici.` : `Message n° ${i} de l’historique.`,
    thread_id: null, reply_count: 0, last_reply_at: null, attachments: '[]', created_at: new Date(start + i * 60_000).toISOString(),
    edited_at: null, deleted_at: null, version: 1,
  }));
  await seedDb.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('messages').values(rows.slice(i, i + 200)).execute();
    if (rows[at]) await indexMessage(trx, rows[at].id);
  });
  return rows.map((row) => row.id);
}


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
        if (context.path === '/__bureau__/seed-messages') {
          return seedMessages(context.URL.searchParams).then((ids) => ({ body: JSON.stringify(ids), type: 'json' }));
        }
      },
    },
    {
      name: 'bureau-server-lifecycle',
      async serverStop() {
        await server.close();
        await seedDb?.destroy();
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
