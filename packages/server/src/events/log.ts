import type { BureauEvent, BureauEventType, EventOf } from '@bureau/api';
import { sql, type Transaction } from 'kysely';
import { dialectOf, type Database, type Db } from '../db/index.js';
import type { EventRow, NewEvent } from '../db/schema.js';
import { CommitGroup, type SyncWork } from './commit-group.js';
import { PositionNotifier } from './notifier.js';
import { PostgresListener } from './pg-listener.js';

/** The NOTIFY channel of committed event positions; the payload is the new head, in decimal. */
export const eventsChannel = 'bureau_events';

/** How many of the latest committed rows a SQLite process keeps in memory (see `EventLog.#recent`). */
const recentKept = 1024;

type LoggedType = Exclude<BureauEventType, 'reset' | 'typing' | 'presence'>;

/** One event to append: `spaceId` selects its readers, `userId` adds one more (e.g. the removed person). */
export type EventInput = {
  [K in LoggedType]: { type: K; spaceId: string | null; userId?: string | null; data: EventOf<K>['data'] };
}[LoggedType];

/** Logs an event with the transaction's changes; it gets its position when the transaction ends. */
export type AppendEvent = (event: EventInput) => Promise<void>;

/** The changes of one transaction, with the events they append. */
export type TransactionWork<T> = (trx: Transaction<Database>, append: AppendEvent) => Promise<T>;

/** The row of an appended event, before it has its position. */
export const toNewEvent = (event: EventInput): Omit<NewEvent, 'position'> => ({
  space_id: event.spaceId,
  user_id: event.userId ?? null,
  type: event.type,
  payload: JSON.stringify(event.data),
  created_at: new Date().toISOString(),
});

/** The event as sent on the wire. */
export function toEnvelope(row: EventRow): BureauEvent {
  return {
    position: String(row.position),
    type: row.type,
    spaceId: row.space_id,
    at: row.created_at,
    data: JSON.parse(row.payload),
  } as BureauEvent;
}

/**
 * Writes a transaction's events as its last statements: takes their positions from `event_head`
 * (whose row lock then orders this transaction after every earlier event writer and before every
 * later one, until it commits or rolls back) and, on PostgreSQL, queues one NOTIFY with the new
 * head, which PostgreSQL delivers only if and when the transaction commits. See ADR 0006.
 * Exported for the commit-order test; routes go through `EventLog.transaction`.
 */
export async function writeEvents(trx: Transaction<Database>, events: Omit<NewEvent, 'position'>[]): Promise<number> {
  const { position: head } = await trx
    .updateTable('event_head')
    .set((eb) => ({ position: eb('position', '+', events.length) }))
    .where('id', '=', 1)
    .returning('position')
    .executeTakeFirstOrThrow();
  const first = Number(head) - events.length + 1;
  await trx
    .insertInto('events')
    .values(events.map((event, i) => ({ ...event, position: first + i })))
    .execute();
  if (dialectOf(trx) === 'postgres') await sql`select pg_notify(${eventsChannel}, ${String(head)})`.execute(trx);
  return Number(head);
}

/** How an instance hears of events other instances commit (PostgreSQL only). */
export interface EventLogSharing {
  /** The PostgreSQL URL to LISTEN on, with a connection of its own. */
  url: string;
  /** Told when the listening connection fails; it reconnects by itself. */
  onError: (error: Error) => void;
}

/**
 * The durable, ordered event log. Changes and their events commit in one transaction; waiting
 * streams are woken after the commit — in this process directly, in other processes sharing the
 * PostgreSQL database through LISTEN/NOTIFY. Positions are in commit order on both databases.
 */
export class EventLog {
  readonly notifier: PositionNotifier;
  /** The connection that hears other instances (PostgreSQL), for other channels too; null on SQLite. */
  readonly shared: PostgresListener | null;

  private constructor(
    private readonly db: Db,
    shared: PostgresListener | null,
  ) {
    this.notifier = new PositionNotifier(0);
    this.shared = shared;
    this.#group = dialectOf(db) === 'sqlite' ? new CommitGroup(db, (rows) => this.#committed(rows)) : null;
  }

  /** Opens the log; with `sharing`, also listens for other instances' commits until `close()`. */
  static async open(db: Db, sharing?: EventLogSharing): Promise<EventLog> {
    if (!sharing) {
      const log = new EventLog(db, null);
      log.notifier.notify(await log.head());
      return log;
    }
    const log = new EventLog(db, await PostgresListener.start(sharing));
    try {
      await log.shared?.listen(
        eventsChannel,
        (payload) => {
          const position = Number(payload);
          if (Number.isSafeInteger(position)) log.notifier.notify(position);
        },
        // After (re)connecting, notifications sent meanwhile are lost: the head tells what they said.
        async () => log.notifier.notify(await log.head()),
      );
    } catch (error) {
      await log.close();
      throw error;
    }
    return log;
  }

  /** False while the PostgreSQL LISTEN connection is down (always true on SQLite: there are no others). */
  get hearsOthers(): boolean {
    return this.shared?.listening ?? true;
  }

  /** Stops listening for other instances. */
  async close(): Promise<void> {
    await this.shared?.stop();
  }

  /**
   * Runs `work` in a transaction; the events it appends become visible when it commits. On SQLite,
   * works arriving while one commit is under way share the next one (group commit, see
   * `CommitGroup`); each is answered only after that commit, and one that throws is rolled back alone.
   */
  transaction<T>(work: TransactionWork<T>): Promise<T> {
    if (this.#group !== null) return this.#group.run(work);
    return this.#single(work);
  }

  /**
   * On SQLite, runs the synchronous `work` in the next group commit (see `CommitGroup`) and
   * resolves once it has committed, like `transaction`; null on PostgreSQL, where the caller runs
   * its `transaction` instead. For hot write paths only (ADR 0016).
   */
  transactionSync<T>(work: SyncWork<T>): Promise<T> | null {
    return this.#group === null ? null : this.#group.runSync(work);
  }

  async #single<T>(work: TransactionWork<T>): Promise<T> {
    let last = 0;
    const result = await this.db.transaction().execute(async (trx) => {
      const pending: Omit<NewEvent, 'position'>[] = [];
      const value = await work(trx, async (event) => {
        pending.push(toNewEvent(event));
      });
      if (pending.length > 0) last = await writeEvents(trx, pending);
      return value;
    });
    if (last > 0) this.notifier.notify(last);
    return result;
  }

  readonly #group: CommitGroup | null;

  /** The position of the newest event, 0 when the log has never had one. */
  async head(): Promise<number> {
    const row = await this.db.selectFrom('event_head').select('position').where('id', '=', 1).executeTakeFirst();
    return Number(row?.position ?? 0);
  }

  /**
   * A head that a read taken after it may quote as its position (ADR 0022): never past what is
   * committed. On SQLite, the position of this process's latest commit, known without a statement
   * (the process is the file's one writer, and announces each commit right after it); it may lag a
   * commit by a moment, which only makes a client's stream repeat an event it already has. On
   * PostgreSQL, read from the database (other instances commit too).
   */
  async readHead(): Promise<number> {
    return this.#group !== null ? this.notifier.latest : this.head();
  }

  /** The position just before the oldest kept event: resuming before it has lost events. */
  async floor(): Promise<number> {
    const row = await this.db.selectFrom('events').select((eb) => eb.fn.min('position').as('oldest')).executeTakeFirst();
    return row?.oldest == null ? 0 : Number(row.oldest) - 1;
  }

  /**
   * On SQLite, the rows of this process's latest commits, contiguous and ending at the head: the one
   * process that writes the file has them in hand, and the broadcaster read each commit back through
   * Kysely (a query, and the connection held while group commits waited: issue 16).
   */
  #recent: EventRow[] = [];

  #committed(rows: EventRow[]): void {
    const first = rows[0];
    if (first === undefined) return;
    const last = this.#recent.at(-1);
    // A gap (never expected: this process is the file's one writer) starts the window afresh.
    if (last !== undefined && last.position + 1 !== first.position) this.#recent = [];
    this.#recent.push(...rows);
    if (this.#recent.length > recentKept * 2) this.#recent = this.#recent.slice(-recentKept);
    this.notifier.notify((rows.at(-1) as EventRow).position);
    // Before the commit's works are answered: the fan-out does not wait behind their replies.
    for (const listener of this.#onCommit) listener(rows);
  }

  readonly #onCommit = new Set<(rows: readonly EventRow[]) => void>();

  /**
   * On SQLite, calls `listener` synchronously with the rows of each commit of this process, right
   * after it and before the works that made them are answered (the broadcaster writes them then).
   * Returns the function that stops it. Never called on PostgreSQL.
   */
  onCommit(listener: (rows: readonly EventRow[]) => void): () => void {
    this.#onCommit.add(listener);
    return () => this.#onCommit.delete(listener);
  }

  /** The rows after `position` from `#recent`, or null when it does not hold them all. */
  #fromRecent(position: number, limit: number): EventRow[] | null {
    const first = this.#recent[0];
    if (first === undefined || position + 1 < first.position) return null;
    const last = (this.#recent.at(-1) as EventRow).position;
    // Caught up with the head this process committed last: nothing after it yet.
    if (position >= last) return position === last && this.notifier.latest === last ? [] : null;
    const from = position + 1 - first.position;
    return this.#recent.slice(from, from + limit);
  }

  readonly #reading = new Map<string, Promise<EventRow[]>>();

  /** Streams woken by the same commit read the same rows: one query for all of them. */
  readAfter(position: number, limit: number): Promise<EventRow[]> {
    const recent = this.#fromRecent(position, limit);
    if (recent !== null) return Promise.resolve(recent);
    const key = `${position}:${limit}`;
    const pending = this.#reading.get(key);
    if (pending) return pending;
    const reading = this.db.selectFrom('events').selectAll().where('position', '>', position).orderBy('position').limit(limit).execute();
    this.#reading.set(key, reading);
    const forget = (): void => {
      this.#reading.delete(key);
    };
    reading.then(forget, forget);
    return reading;
  }

  /** Deletes events older than `cutoff`, always keeping the newest so that the head stays known. */
  async prune(cutoff: Date): Promise<void> {
    const head = await this.head();
    await this.db.deleteFrom('events').where('created_at', '<=', cutoff.toISOString()).where('position', '<', head).execute();
  }
}
