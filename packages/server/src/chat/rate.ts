import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { countHit } from '../http/rate-window.js';

/**
 * Messages one person may send per window (fixed windows), counted in the database
 * (`rate_windows`, key `chat-send:<user>`) so that every server instance sharing it enforces one
 * limit. Over the limit: 429 `rate-limited` with `Retry-After`.
 */
export class SendRateLimiter {
  constructor(private readonly limit: { max: number; windowMs: number }) {}

  /**
   * Counts one message of `userId`, or throws the 429 problem. Run it in the transaction that
   * writes the message: the count then stands only if the message does.
   */
  async take(db: Kysely<Database>, userId: string, now: number = Date.now()): Promise<void> {
    const window = await countHit(db, `chat-send:${userId}`, this.limit.windowMs, now);
    if (window.count > this.limit.max) {
      const retryAfter = Math.max(1, Math.ceil((window.start + this.limit.windowMs - now) / 1000));
      throw new ProblemError('rate-limited', `Too many messages: try again in ${retryAfter} s.`, { retryAfter });
    }
  }
}
