import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ProblemError } from '../http/problem.js';

/**
 * Messages one person may send per window (fixed windows), counted in the database (`send_rates`)
 * so that every server instance sharing it enforces one limit. Over the limit: 429 `rate-limited`
 * with `Retry-After`.
 */
export class SendRateLimiter {
  constructor(private readonly limit: { max: number; windowMs: number }) {}

  /**
   * Counts one message of `userId`, or throws the 429 problem. Run it in the transaction that
   * writes the message: the count then stands only if the message does.
   */
  async take(db: Kysely<Database>, userId: string, now: number = Date.now()): Promise<void> {
    const expired = now - this.limit.windowMs;
    // One statement, so that two instances counting the same person at once cannot both pass.
    const window = await db
      .insertInto('send_rates')
      .values({ user_id: userId, window_start: now, count: 1 })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet((eb) => {
          const over = eb('send_rates.window_start', '<=', expired);
          return {
            window_start: eb.case().when(over).then(eb.ref('excluded.window_start')).else(eb.ref('send_rates.window_start')).end(),
            count: eb.case().when(over).then(1).else(eb('send_rates.count', '+', 1)).end(),
          };
        }),
      )
      .returning(['window_start', 'count'])
      .executeTakeFirstOrThrow();
    if (window.count > this.limit.max) {
      const retryAfter = Math.max(1, Math.ceil((Number(window.window_start) + this.limit.windowMs - now) / 1000));
      throw new ProblemError('rate-limited', `Too many messages: try again in ${retryAfter} s.`, { retryAfter });
    }
  }
}
