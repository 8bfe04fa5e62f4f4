import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/index.js';
import type { NewEvent } from '../db/schema.js';
import { toNewEvent, writeEvents, type TransactionWork } from './log.js';

interface Job {
  work: TransactionWork<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Works sharing one commit at most; more wait for the next. */
const largestGroup = 256;

/**
 * Group commit on SQLite (one connection, one writer): works that arrive while a commit is under
 * way are run one after the other in the next transaction, each inside a savepoint (one that throws
 * is rolled back to it and rejected alone, the others go on), their events written together at the
 * end (one `event_head` update, one insert), and every work is answered once that transaction has
 * committed: durability is what one transaction per work gave. The cost shared is the commit's
 * write of the WAL and the event head's row (ADR 0012).
 */
export class CommitGroup {
  #queue: Job[] = [];
  #scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly committed: (head: number) => void,
  ) {}

  run<T>(work: TransactionWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
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
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let head = 0;
    try {
      await this.db.transaction().execute(async (trx) => {
        const events: Omit<NewEvent, 'position'>[] = [];
        for (const job of jobs) outcomes.push(await runInSavepoint(trx, job, events));
        if (events.length > 0) head = await writeEvents(trx, events);
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    if (head > 0) this.committed(head);
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.value);
    });
  }
}

/** Runs one work in a savepoint; its events join `events` only if it succeeds. */
async function runInSavepoint(trx: Transaction<Database>, job: Job, events: Omit<NewEvent, 'position'>[]): Promise<{ ok: boolean; value: unknown }> {
  const mine: Omit<NewEvent, 'position'>[] = [];
  await sql`savepoint work`.execute(trx);
  try {
    const value = await job.work(trx, async (event) => {
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
