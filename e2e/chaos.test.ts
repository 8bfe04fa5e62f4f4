// Chaos: the real SDK in Chromium sends 300 messages while the browser's network is cut at random and
// the server (a child process on a fresh SQLite file) is killed with SIGKILL twice and restarted on the
// same port. Every message must be stored exactly once, in the order it was sent: the outbox replays
// each write with its client id as Idempotency-Key, and the server keeps what it acknowledged.
// Needs `npm run build` (the server's dist and the SDK bundle).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSpace, Person } from '@bureau/conformance/harness';
// @ts-expect-error: plain JavaScript shared with the benchmarks.
import { chromiumArgs, chromiumPath } from '../bench/chromium.js';

const cli = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));
const bundles = fileURLToPath(new URL('../packages/components/dist/bundles/', import.meta.url));
const TOTAL = 300;

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The reference server on `port` and SQLite in `dataDir`, resolved once it answers (30 s at most). */
async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, '--demo'], {
    env: { PATH: process.env.PATH ?? '', BUREAU_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', BUREAU_WRITE_RATE_LIMIT: '100000', BUREAU_CHAT_RATE_LIMIT: '100000' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    assert.ok(child.exitCode === null, `the server exited with ${child.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/v1/health`).then((r) => r.ok, () => false);
    if (up) return child;
    assert.ok(Date.now() < deadline, 'the server did not answer within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('chaos: 300 messages through a cut network and two SIGKILLs', { timeout: 180_000 }, () => {
  let dataDir: string;
  let port: number;
  let server: ChildProcess;
  let browser: Browser;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bureau-chaos-'));
    port = await freePort();
    server = await startServer(dataDir, port);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) await kill(server);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('every message is stored exactly once, in order', async () => {
    const origin = `http://127.0.0.1:${port}`;
    const karim = await Person.signIn(origin, 'karim');
    const camille = await Person.signIn(origin, 'camille');
    const spaceId = await createSpace(karim, 'Chaos', [[camille, 'member']]);
    const room = await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'chaos' } });
    assert.equal(room.status, 201, room.text);
    const roomId = (room.body as { id: string }).id;

    const context = await browser.newContext();
    // The SDK bundle, served from the server's origin (the page is the demo's, any page would do).
    await context.route('**/__chaos/**', (route) => route.fulfill({ path: join(bundles, new URL(route.request().url()).pathname.replace('/__chaos/', '')), contentType: 'text/javascript' }));
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/v1/health`);
    const texts = Array.from({ length: TOTAL }, (_, i) => `chaos ${String(i).padStart(3, '0')}`);
    // All 300 are queued at once; the outbox sends them one at a time, in order.
    await page.evaluate(
      async ({ roomId, texts }) => {
        const { createClient } = await import('/__chaos/sdk.js');
        const client = createClient({ baseUrl: location.origin });
        await client.auth.signInDev('camille');
        const sent = texts.map((text: string) => client.chat.send(roomId, text));
        // How many sends the server has answered so far: read at each kill.
        const counter = window as unknown as { acked: number };
        counter.acked = 0;
        for (const send of sent) void send.then(() => (counter.acked += 1), () => undefined);
        (window as unknown as { chaos: Promise<unknown> }).chaos = Promise.allSettled(sent).then((results) =>
          results.filter((result) => result.status === 'rejected').map((result) => String((result as PromiseRejectedResult).reason)),
        );
      },
      { roomId, texts },
    );

    // Chaos while the outbox works: random network cuts, and the server killed twice mid-burst.
    const stored = async (): Promise<number> => {
      const reply = await karim.call('GET', `/v1/rooms/${roomId}/messages?limit=1`).catch(() => null);
      return reply?.status === 200 ? ((reply.body as { items: { text: string }[] }).items[0]?.text.startsWith('chaos') ? Number((reply.body as { items: { text: string }[] }).items[0]?.text.slice(6)) + 1 : 0) : -1;
    };
    const until = async (count: number): Promise<void> => {
      const deadline = Date.now() + 60_000;
      while ((await stored()) < count) {
        assert.ok(Date.now() < deadline, `fewer than ${count} messages within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const ackedAtKills: number[] = [];
    for (const at of [60, 180]) {
      // A few cuts of the browser's network while the burst goes on; the kill comes as soon as
      // `at` messages are stored, cuts or not, so that it lands well before the burst ends.
      const cuts = (async () => {
        for (let cut = 0; cut < 3; cut += 1) {
          await context.setOffline(true);
          await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
          await context.setOffline(false);
          await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
        }
      })();
      await until(at);
      await kill(server);
      // The server is dead: no answer can arrive until it restarts, so this is the count at the kill.
      ackedAtKills.push(await page.evaluate(() => (window as unknown as { acked: number }).acked));
      server = await startServer(dataDir, port);
      await cuts;
    }
    // Each kill landed mid-burst: some sends answered, some still waiting in the outbox.
    for (const acked of ackedAtKills) assert.ok(acked > 0 && acked < TOTAL, `a kill after ${acked} of ${TOTAL} answers (${ackedAtKills.join(', ')})`);
    const failures = await page.evaluate(() => (window as unknown as { chaos: Promise<string[]> }).chaos);
    assert.deepEqual(failures, [], 'every send resolved');
    assert.deepEqual(errors, [], 'no page error');

    // Read the whole room back, oldest first.
    const all: { text: string }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=100' : `?limit=100&cursor=${encodeURIComponent(cursor)}`;
      const page = (await camille.call('GET', `/v1/rooms/${roomId}/messages${query}`)).body as { items: { text: string }[]; nextCursor: string | null };
      all.unshift(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    assert.deepEqual(all.map((message) => message.text), texts, 'each message once, in the order sent');
    await context.close();
  });
});
