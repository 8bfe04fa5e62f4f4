import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import { sqliteHandleOf, type Database, type Db } from '../db/index.js';
import type { EventRow, NewEvent } from '../db/schema.js';
import { toNewEvent, writeEvents, type EventInput, type TransactionWork } from './log.js';

/**
 * A work that runs synchronously on the SQLite connection, without an await: the hot write paths
 * (a message POST), whose dozen awaited Kysely statements cost ten times what SQLite does (ADR 0016).
 * It comes in two steps: called, it checks (reads, and throws to refuse) and writes nothing; what it
 * returns then writes and answers. A refusal thus needs no savepoint to be undone (ADR 0028).
 */
export type SyncWork<T> = (sqlite: SQLiteDatabase) => SyncWrite<T>;
export type SyncWrite<T> = (append: (event: EventInput) => void) => T;

type Job = {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
} & ({ work: TransactionWork<unknown>; sync?: undefined } | { sync: SyncWork<unknown>; work?: undefined });

type Outcome = { ok: boolean; value: unknown };
type PendingEvent = Omit<NewEvent, 'position'>;

/** Works sharing one commit at most; more wait for the next. */
const largestGroup = 256;

/**
 * Group commit on SQLite (one connection, one writer): works that arrive while a commit is under
 * way are run one after the other in the next transaction, each inside a savepoint (one that throws
 * is rolled back to it and rejected alone, the others go on), their events written together at the
 * end (one `event_head` update), and every work is answered once that transaction has committed:
 * durability is what one transaction per work gave. The cost shared is the commit's write of the
 * WAL and the event head's row (ADR 0012). When every work of a group is synchronous, the whole
 * group is one synchronous better-sqlite3 transaction, run while holding Kysely's connection so
 * that no Kysely transaction is open on it meanwhile (ADR 0016), and without a savepoint per work:
 * a synchronous work refuses in its check step, before it writes (ADR 0028).
 */
export class CommitGroup {
  #queue: Job[] = [];
  #scheduled = false;
  readonly #sqlite: SQLiteDatabase;
  #statements: { head: Statement; event: Statement } | null = null;
  /** Runs a function in a transaction, or in a savepoint inside one (made once: better-sqlite3 builds it). */
  readonly #atomically: <T>(run: () => T) => T;

  constructor(
    private readonly db: Db,
    /** Told after each commit that logged events, with their rows (the broadcaster need not read them back). */
    private readonly committed: (rows: EventRow[]) => void,
  ) {
    const sqlite = sqliteHandleOf(db);
    if (sqlite === null) throw new Error('Group commit is for SQLite databases opened by openSqlite');
    this.#sqlite = sqlite;
    const atomically = sqlite.transaction((run: () => unknown) => run());
    this.#atomically = <T>(run: () => T): T => atomically(run) as T;
  }

  run<T>(work: TransactionWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  runSync<T>(sync: SyncWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ sync, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#queue.length === 0) return;
    this.#scheduled = true;
    // After the I/O of this turn of the event loop, so that requests read meanwhile join.
    setImmediate(() => {
      void this.#flush().finally(() => {
        this.#scheduled = false;
        this.#schedule();
      });
    });
  }

  async #flush(): Promise<void> {
    const jobs = this.#queue.splice(0, largestGroup);
    let outcomes: Outcome[] = [];
    let head = 0;
    let events: PendingEvent[] = [];
    try {
      if (jobs.every((job) => job.sync !== undefined)) {
        // Kysely's connection, held for this synchronous transaction: no Kysely transaction is open on it.
        await this.db.connection().execute(async () => {
          try {
            ({ outcomes, events, head } = this.#atomically(() => this.#runSyncGroup(jobs)));
          } catch {
            // A write step threw (never expected: its checks passed), and the whole group was rolled
            // back: it runs again with a savepoint per work, so that only the one that throws fails.
            ({ outcomes, events, head } = this.#atomically(() => this.#runSyncGroupInSavepoints(jobs)));
          }
        });
      } else {
        await this.db.transaction().execute(async (trx) => {
          for (const job of jobs) outcomes.push(job.sync !== undefined ? this.#runSyncInSavepoint(job, events) : await runInSavepoint(trx, job.work, events));
          if (events.length > 0) head = await writeEvents(trx, events);
        });
      }
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    if (head > 0) this.committed(events.map((e, i) => ({ position: head - events.length + 1 + i, space_id: e.space_id ?? null, user_id: e.user_id ?? null, type: e.type, payload: e.payload, created_at: e.created_at })));
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.value);
    });
  }

  /**
   * A group of synchronous works, in the transaction, without a savepoint each: a work that refuses
   * does so in its check step, before writing anything. (A savepoint per message was most of the
   * group's SQLite time: FTS5 writes its pending rows out as a new segment at every savepoint.)
   */
  #runSyncGroup(jobs: Job[]): { outcomes: Outcome[]; events: PendingEvent[]; head: number } {
    const outcomes: Outcome[] = [];
    const events: PendingEvent[] = [];
    const append = (event: EventInput): void => {
      events.push(toNewEvent(event));
    };
    for (const job of jobs) {
      let write: SyncWrite<unknown>;
      try {
        write = (job.sync as SyncWork<unknown>)(this.#sqlite);
      } catch (error) {
        outcomes.push({ ok: false, value: error });
        continue;
      }
      outcomes.push({ ok: true, value: write(append) });
    }
    return { outcomes, events, head: events.length > 0 ? this.#writeEventsSync(events) : 0 };
  }

  /** `#runSyncGroup` with a savepoint per work: after a write step threw. */
  #runSyncGroupInSavepoints(jobs: Job[]): { outcomes: Outcome[]; events: PendingEvent[]; head: number } {
    const events: PendingEvent[] = [];
    const outcomes = jobs.map((job) => this.#runSyncInSavepoint(job, events));
    return { outcomes, events, head: events.length > 0 ? this.#writeEventsSync(events) : 0 };
  }

  /** A synchronous work, both steps, in a savepoint (better-sqlite3 nests its transactions as savepoints). */
  #runSyncInSavepoint(job: Job, events: PendingEvent[]): Outcome {
    const sync = job.sync as SyncWork<unknown>;
    const mine: PendingEvent[] = [];
    try {
      const value = this.#atomically(() => sync(this.#sqlite)((event) => mine.push(toNewEvent(event))));
      events.push(...mine);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, value: error };
    }
  }

  /** `writeEvents` for the synchronous transaction: the same rows, through prepared statements. */
  #writeEventsSync(events: PendingEvent[]): number {
    this.#statements ??= {
      head: this.#sqlite.prepare('UPDATE event_head SET position = position + ? WHERE id = 1 RETURNING position'),
      event: this.#sqlite.prepare('INSERT INTO events (position, space_id, user_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    const { position } = this.#statements.head.get(events.length) as { position: number };
    const head = Number(position);
    let at = head - events.length;
    for (const e of events) this.#statements.event.run((at += 1), e.space_id, e.user_id, e.type, e.payload, e.created_at);
    return head;
  }
}

/** Runs one work in a savepoint; its events join `events` only if it succeeds. */
async function runInSavepoint(trx: Transaction<Database>, work: TransactionWork<unknown>, events: PendingEvent[]): Promise<Outcome> {
  const mine: PendingEvent[] = [];
  await sql`savepoint work`.execute(trx);
  try {
    const value = await work(trx, async (event) => {
      mine.push(toNewEvent(event));
    });
    await sql`release work`.execute(trx);
    events.push(...mine);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to work`.execute(trx);
    await sql`release work`.execute(trx);
    return { ok: false, value: error };
  }
}
