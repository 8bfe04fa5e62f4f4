import type { BureauEvent, BureauEventType, EventOf } from '@bureau/api';
import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/index.js';
import type { EventRow } from '../db/schema.js';
import { PositionNotifier } from './notifier.js';

type LoggedType = Exclude<BureauEventType, 'reset' | 'typing' | 'presence'>;

/** One event to append: `spaceId` selects its readers, `userId` adds one more (e.g. the removed person). */
export type EventInput = {
  [K in LoggedType]: { type: K; spaceId: string | null; userId?: string | null; data: EventOf<K>['data'] };
}[LoggedType];

export type AppendEvent = (event: EventInput) => Promise<number>;

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

async function insertEvent(trx: Transaction<Database>, event: EventInput): Promise<number> {
  const row = await trx
    .insertInto('events')
    .values({
      space_id: event.spaceId,
      user_id: event.userId ?? null,
      type: event.type,
      payload: JSON.stringify(event.data),
      created_at: new Date().toISOString(),
    })
    .returning('position')
    .executeTakeFirstOrThrow();
  return row.position;
}

/**
 * The durable, ordered event log. Changes and their events commit in one transaction; waiting
 * streams are woken after the commit. SQLite runs one write transaction at a time, so positions
 * are in commit order.
 */
export class EventLog {
  readonly notifier: PositionNotifier;

  private constructor(
    private readonly db: Db,
    head: number,
  ) {
    this.notifier = new PositionNotifier(head);
  }

  static async open(db: Db): Promise<EventLog> {
    const log = new EventLog(db, 0);
    log.notifier.notify(await log.head());
    return log;
  }

  /** Runs `work` in a transaction; the events it appends become visible when it commits. */
  async transaction<T>(work: (trx: Transaction<Database>, append: AppendEvent) => Promise<T>): Promise<T> {
    let last = 0;
    const result = await this.db.transaction().execute((trx) =>
      work(trx, async (event) => {
        last = await insertEvent(trx, event);
        return last;
      }),
    );
    if (last > 0) this.notifier.notify(last);
    return result;
  }

  /** The position of the newest event, 0 when the log has never had one. */
  async head(): Promise<number> {
    const row = await this.db.selectFrom('events').select((eb) => eb.fn.max('position').as('head')).executeTakeFirst();
    return Number(row?.head ?? 0);
  }

  /** The position just before the oldest kept event: resuming before it has lost events. */
  async floor(): Promise<number> {
    const row = await this.db.selectFrom('events').select((eb) => eb.fn.min('position').as('oldest')).executeTakeFirst();
    return row?.oldest == null ? 0 : Number(row.oldest) - 1;
  }

  readonly #reading = new Map<string, Promise<EventRow[]>>();

  /** Streams woken by the same commit read the same rows: one query for all of them. */
  readAfter(position: number, limit: number): Promise<EventRow[]> {
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
