/**
 * Exponential backoff with full jitter: a random delay between 0 and `min(cap, base × 2^attempt)`,
 * so that clients that lost the server together do not come back together.
 * @internal
 */
export function fullJitter(attempt: number, baseMs: number, capMs: number): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
}
