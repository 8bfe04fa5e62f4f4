import { ProblemError } from '../http/problem.js';

/**
 * Messages one person may send per window, counted in this process (fixed windows). Over the
 * limit: 429 `rate-limited` with `Retry-After`.
 */
export class SendRateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: { max: number; windowMs: number }) {}

  /** Counts one message of `userId`, or throws the 429 problem. */
  take(userId: string, now: number = Date.now()): void {
    let window = this.#windows.get(userId);
    if (!window || now - window.start >= this.limit.windowMs) {
      this.#sweep(now);
      window = { start: now, count: 0 };
      this.#windows.set(userId, window);
    }
    if (window.count >= this.limit.max) {
      const retryAfter = Math.max(1, Math.ceil((window.start + this.limit.windowMs - now) / 1000));
      throw new ProblemError('rate-limited', `Too many messages: try again in ${retryAfter} s.`, { retryAfter });
    }
    window.count += 1;
  }

  #sweep(now: number): void {
    if (this.#windows.size < 10_000) return;
    for (const [userId, window] of this.#windows) if (now - window.start >= this.limit.windowMs) this.#windows.delete(userId);
  }
}
