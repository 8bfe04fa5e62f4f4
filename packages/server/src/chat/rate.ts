import type { Kysely } from 'kysely';
import { dialectOf, type Database } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { countHit, type Window } from '../http/rate-window.js';

/**
 * Messages one person may send per window (fixed windows). On PostgreSQL, where several instances
 * may share the database, they are counted there (`rate_windows`, key `chat-send:<user>`) so that
 * every instance enforces one limit; on SQLite, one process serves the database and counts in
 * memory (the database upsert was 7% of a message POST, issue 16). Over the limit: 429
 * `rate-limited` with `Retry-After`.
 */
export class SendRateLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(private readonly limit: { max: number; windowMs: number }) {}

  /**
   * Counts one message of `userId`, or throws the 429 problem. Run it in the transaction that
   * writes the message: on PostgreSQL the count then stands only if the message does.
   */
  async take(db: Kysely<Database>, userId: string, now: number = Date.now()): Promise<void> {
    const window = dialectOf(db) === 'postgres' ? await countHit(db, `chat-send:${userId}`, this.limit.windowMs, now) : this.#countHere(userId, now);
    if (window.count > this.limit.max) {
      const retryAfter = Math.max(1, Math.ceil((window.start + this.limit.windowMs - now) / 1000));
      throw new ProblemError('rate-limited', `Too many messages: try again in ${retryAfter} s.`, { retryAfter });
    }
  }

  #countHere(userId: string, now: number): Window {
    const current = this.#windows.get(userId);
    if (current !== undefined && current.start > now - this.limit.windowMs) {
      current.count += 1;
      return { ...current };
    }
    if (this.#windows.size >= 10_000) this.#forgetEnded(now);
    const fresh = { start: now, count: 1 };
    this.#windows.set(userId, fresh);
    return { ...fresh };
  }

  #forgetEnded(now: number): void {
    for (const [userId, window] of this.#windows) if (window.start <= now - this.limit.windowMs) this.#windows.delete(userId);
  }
}
