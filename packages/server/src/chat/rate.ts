import type { Kysely } from 'kysely';
import { dialectOf, type Database } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { countHit, MemoryWindows, type Window } from '../http/rate-window.js';

/**
 * Messages one person may send per window (fixed windows). On PostgreSQL, where several instances
 * may share the database, they are counted there (`rate_windows`, key `chat-send:<user>`) so that
 * every instance enforces one limit; on SQLite, one process serves the database and counts in
 * memory (the database upsert was 7% of a message POST, issue 16). Over the limit: 429
 * `rate-limited` with `Retry-After`.
 */
export class SendRateLimiter {
  readonly #here: MemoryWindows;

  constructor(private readonly limit: { max: number; windowMs: number }) {
    this.#here = new MemoryWindows(limit.windowMs);
  }

  /**
   * Counts one message of `userId`, or throws the 429 problem. Run it in the transaction that
   * writes the message: on PostgreSQL the count then stands only if the message does.
   */
  async take(db: Kysely<Database>, userId: string, now: number = Date.now()): Promise<void> {
    if (dialectOf(db) === 'postgres') this.#refuseOver(await countHit(db, `chat-send:${userId}`, this.limit.windowMs, now), now);
    else this.takeHere(userId, now);
  }

  /** `take` on SQLite, counted in this process's memory: synchronous (`chat/send-sqlite.ts`). */
  takeHere(userId: string, now: number = Date.now()): void {
    this.#refuseOver(this.#here.countHit(userId, now), now);
  }

  #refuseOver(window: Window, now: number): void {
    if (window.count > this.limit.max) {
      const retryAfter = Math.max(1, Math.ceil((window.start + this.limit.windowMs - now) / 1000));
      throw new ProblemError('rate-limited', `Too many messages: try again in ${retryAfter} s.`, { retryAfter });
    }
  }
}
