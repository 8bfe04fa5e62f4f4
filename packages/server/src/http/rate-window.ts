import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** A fixed window of a rate limit, after counting one more hit. */
export interface Window {
  /** Milliseconds since the epoch. */
  start: number;
  /** Hits in the window, this one included. */
  count: number;
}

/**
 * Counts one hit for `key` in its fixed window of `windowMs` (a new window starts when the last one
 * has ended), in the database so that every instance sharing it counts together. One statement:
 * two instances counting the same key at once cannot both read the old count.
 */
export async function countHit(db: Kysely<Database>, key: string, windowMs: number, now: number = Date.now()): Promise<Window> {
  const expired = now - windowMs;
  const row = await db
    .insertInto('rate_windows')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const over = eb('rate_windows.window_start', '<=', expired);
        return {
          window_start: eb.case().when(over).then(eb.ref('excluded.window_start')).else(eb.ref('rate_windows.window_start')).end(),
          count: eb.case().when(over).then(1).else(eb('rate_windows.count', '+', 1)).end(),
        };
      }),
    )
    .returning(['window_start', 'count'])
    .executeTakeFirstOrThrow();
  return { start: Number(row.window_start), count: Number(row.count) };
}

/**
 * Fixed windows counted in this process's memory, for a limit that one process enforces alone (a
 * SQLite server: one process owns the file). At most 10,000 keys: past that, ended windows are
 * forgotten before a new key is counted.
 */
export class MemoryWindows {
  readonly #windows = new Map<string, Window>();

  constructor(private readonly windowMs: number) {}

  /** Counts one hit for `key`: its window after counting (a copy). */
  countHit(key: string, now: number): Window {
    const current = this.#windows.get(key);
    if (current !== undefined && current.start > now - this.windowMs) {
      current.count += 1;
      return { ...current };
    }
    if (this.#windows.size >= 10_000) this.#forgetEnded(now);
    const fresh = { start: now, count: 1 };
    this.#windows.set(key, fresh);
    return { ...fresh };
  }

  #forgetEnded(now: number): void {
    for (const [key, window] of this.#windows) if (window.start <= now - this.windowMs) this.#windows.delete(key);
  }
}

/** Rate windows are at most this long; older ones are swept. */
const longestWindowMs = 24 * 3600_000;

/** Forgets windows that started more than a day ago (the periodic sweep): they have all ended. */
export async function sweepRateWindows(db: Kysely<Database>, now: number = Date.now()): Promise<void> {
  await db.deleteFrom('rate_windows').where('window_start', '<=', now - longestWindowMs).execute();
}
