/**
 * Event positions on PostgreSQL, with two "instances" (two pools, two event logs) on one database:
 * positions follow commit order without gaps, whatever the interleaving, and each instance hears the
 * other's commits through LISTEN/NOTIFY, also after its LISTEN connection was cut.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openPostgres, type Db } from '../db/index.js';
import { createPostgresDatabase, postgresMissing, postgresTestUrl } from '../db/testing.js';
import { EventLog, writeEvents } from './log.js';

const event = (label: string) => ({
  space_id: null,
  user_id: null,
  type: 'space.updated',
  payload: JSON.stringify({ label }),
  created_at: new Date().toISOString(),
});

/** Resolves when `check` holds, re-checking once the event loop has turned; fails after `ms`. */
async function until(what: string, check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const skip = postgresMissing();

describe('event positions on PostgreSQL, two instances', { skip }, () => {
  let dropDatabase: () => Promise<void>;
  let url: string;
  let dbA: Db;
  let dbB: Db;
  let logA: EventLog;
  let logB: EventLog;
  const listenErrors: Error[] = [];

  before(async () => {
    const created = await createPostgresDatabase(postgresTestUrl() as string);
    ({ url } = created);
    dropDatabase = created.drop;
    dbA = await openPostgres(url, { poolSize: 20 });
    dbB = await openPostgres(url, { poolSize: 20 });
    logA = await EventLog.open(dbA, { url, onError: (error) => listenErrors.push(error) });
    logB = await EventLog.open(dbB, { url, onError: (error) => listenErrors.push(error) });
  });

  after(async () => {
    await logA?.close();
    await logB?.close();
    await dbA?.destroy();
    await dbB?.destroy();
    await dropDatabase?.();
  });

  it('a writer that took position n holds back the next one until it commits: n+1 is never seen first', async () => {
    const start = await logA.head();
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
    let aTook!: (position: number) => void;
    const aPosition = new Promise<number>((resolve) => (aTook = resolve));
    const a = dbA.transaction().execute(async (trx) => {
      aTook(await writeEvents(trx, [event('a')]));
      await aMayCommit;
    });
    assert.equal(await aPosition, start + 1);

    let bDone = false;
    const b = dbB.transaction().execute((trx) => writeEvents(trx, [event('b')])).finally(() => (bDone = true));
    await until('B waits on the lock of event_head', async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query like 'update "event_head"%'`.execute(dbA);
      return rows[0]?.n === 1;
    });
    assert.equal(bDone, false, 'B cannot take a position while A is open');
    assert.deepEqual(await logB.readAfter(start, 10), [], 'nothing is visible before A commits');

    releaseA();
    await a;
    assert.equal(await b, start + 2, 'B takes the position after A, once A committed');
    const rows = await logB.readAfter(start, 10);
    assert.deepEqual(
      rows.map((row) => [row.position, JSON.parse(row.payload).label]),
      [
        [start + 1, 'a'],
        [start + 2, 'b'],
      ],
    );
  });

  it('under concurrent commits and rollbacks from both instances, every read is a gapless prefix', async () => {
    const start = await logA.head();
    const writers = 80;
    let committed = 0;
    let writing = true;
    const writes = Array.from({ length: writers }, async (_, i) => {
      const db = i % 2 === 0 ? dbA : dbB;
      try {
        await db.transaction().execute(async (trx) => {
          await writeEvents(trx, i % 5 === 0 ? [event(`w${i}.1`), event(`w${i}.2`)] : [event(`w${i}`)]);
          // Hold the position a little while others queue behind it, then commit or roll back.
          await sql`select pg_sleep(${(i % 7) / 1000})`.execute(trx);
          if (i % 9 === 4) throw new Error('rolled back on purpose');
        });
        committed += i % 5 === 0 ? 2 : 1;
      } catch (error) {
        if (!(error instanceof Error && error.message === 'rolled back on purpose')) throw error;
      }
    });
    const allWritten = Promise.all(writes).finally(() => (writing = false));

    let cursor = start;
    let reads = 0;
    while (writing || cursor < (await logA.head())) {
      const rows = await logB.readAfter(cursor, 1000);
      reads += 1;
      rows.forEach((row, i) => assert.equal(row.position, cursor + 1 + i, `read ${reads} skipped a position after ${cursor}`));
      cursor += rows.length;
    }
    await allWritten;
    assert.equal(cursor, start + committed, 'every committed event was read, and only those');
    assert.equal(await logA.head(), start + committed, 'rolled-back transactions left no hole in the head');
  });

  it('each instance hears the other’s commits (LISTEN/NOTIFY carries the new head)', async () => {
    const before = logB.notifier.latest;
    const heard = logB.notifier.waitBeyond(before, AbortSignal.timeout(5000));
    await logA.transaction(async (_trx, append) => {
      await append({ type: 'member.removed', spaceId: 'spc_x', data: { userId: 'usr_x' } });
    });
    await heard;
    assert.equal(logB.notifier.latest, await logA.head());
  });

  it('after its LISTEN connection is cut, an instance listens again and catches up with the head', async () => {
    const terminated = await sql<{ pid: number }>`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and query = 'LISTEN bureau_events' and pid <> pg_backend_pid()`.execute(dbA);
    assert.equal(terminated.rows.length, 2, 'both instances listen on a connection of their own');
    await until('instance B notices', async () => !logB.hearsOthers);
    // Committed while B is not listening: the notification is lost to B, the head is not.
    await logA.transaction(async (_trx, append) => {
      await append({ type: 'member.removed', spaceId: 'spc_y', data: { userId: 'usr_y' } });
    });
    const head = await logA.head();
    await until('instance B listens again', async () => logB.hearsOthers && logA.hearsOthers);
    await logB.notifier.waitBeyond(head - 1, AbortSignal.timeout(5000));
    assert.equal(logB.notifier.latest, head);
    assert.ok(listenErrors.length >= 2, 'the lost connections were reported');
  });
});
