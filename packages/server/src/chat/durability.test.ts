import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSpace, Person } from '../conformance/harness.js';
import { moduleArgs } from '../test-process.js';


/** The CLI on SQLite in `dataDir`, resolved with its URL once it says it listens (60 s at most). */
function startCli(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...moduleArgs('cli.ts'), '--demo'], {
    env: { PATH: process.env.PATH ?? '', BUREAU_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The server did not start within 60 s: ${output}`)), 60_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/[^\s"—]+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}): ${output}`));
    });
  });
}

describe('durability on SQLite (group commit)', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  // The PostgreSQL run (BUREAU_TEST_DATABASE_URL) has its own: scale-out/two-instances.test.ts kills an instance mid-burst.
  const skip = process.env.BUREAU_TEST_DATABASE_URL ? 'SQLite only: on PostgreSQL, scale-out/two-instances.test.ts kills an instance mid-burst' : false;
  it('every message acknowledged before the process is killed (SIGKILL) is there after a restart, once', { skip }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bureau-durability-'));
    dirs.push(dataDir);
    const first = await startCli(dataDir);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    let roomId = '';
    const acknowledged: string[] = [];
    try {
      const [karim, camille, lea] = await Person.signInAll(first.url, ['karim', 'camille', 'lea']);
      const spaceId = await createSpace(karim, 'Durable', [[camille, 'member'], [lea, 'member']]);
      roomId = ((await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'durable' } })).body as { id: string }).id;
      // Three people, each with several messages in flight at once, so that commits are shared. Lane 2
      // mentions someone (the general path, ADR 0016) so that groups mix both kinds of work, and each
      // lane also posts to a room that does not exist: that work fails alone (404), the group commits.
      let killed = false;
      await Promise.all(
        [karim, camille, lea].flatMap((person) =>
          [0, 1, 2].map(async (lane) => {
            for (let i = 0; i < 6 && !killed; i += 1) {
              const text = `${person.id} ${lane}-${i}${lane === 2 ? ' @karim' : ''}`;
              const [reply, missing] = await Promise.all([
                person.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text } }).catch(() => null),
                person.call('POST', '/v1/rooms/room_missing/messages', { json: { text: lane === 2 ? '@lea perdu' : 'perdu' } }).catch(() => null),
              ]);
              if (missing && !killed) assert.equal(missing.status, 404, missing.text);
              if (reply?.status === 201 && !killed) {
                acknowledged.push(text);
                if (acknowledged.length === 20) {
                  killed = true;
                  first.child.kill('SIGKILL');
                }
              }
            }
          }),
        ),
      );
    } finally {
      first.child.kill('SIGKILL');
      await exited;
    }
    assert.ok(acknowledged.length >= 20, `acknowledged before the kill: ${acknowledged.length}`);
    const second = await startCli(dataDir);
    try {
      const karim = await Person.signIn(second.url, 'karim');
      const page = await karim.call('GET', `/v1/rooms/${roomId}/messages?limit=100`);
      assert.equal(page.status, 200, page.text);
      const texts = (page.body as { items: { text: string }[] }).items.map((m) => m.text);
      for (const text of acknowledged) assert.equal(texts.filter((t) => t === text).length, 1, `${text} is there once`);
    } finally {
      second.child.kill('SIGTERM');
    }
  });
});
