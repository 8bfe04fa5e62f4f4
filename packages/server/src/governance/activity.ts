import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { withGovernance } from './schema.js';

const dayMs = 24 * 3600_000;

/** The Monday (UTC, `YYYY-MM-DD`) of the ISO week that contains `at`. */
export function weekOf(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * dayMs).toISOString().slice(0, 10);
}

/** The Mondays from the week of `from` to the week of `to`, in order. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let t = Date.parse(`${weekOf(from)}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 7 * dayMs) {
    weeks.push(new Date(t).toISOString().slice(0, 10));
  }
  return weeks;
}

/**
 * Notes that a person read something in a space this week (a read marker moved, a download). Only
 * the week is kept, not what or when: enough to count active members, nothing to trace a person by.
 */
export async function recordActivity(db: Kysely<Database>, spaceId: string, userId: string, at = new Date()): Promise<void> {
  await withGovernance(db)
    .insertInto('space_activity')
    .values({ space_id: spaceId, week: weekOf(at), user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Counts a download in the space's week, and the person as active. */
export async function recordDownload(db: Kysely<Database>, spaceId: string, userId: string, at = new Date()): Promise<void> {
  await recordActivity(db, spaceId, userId, at);
  await withGovernance(db)
    .insertInto('space_downloads')
    .values({ space_id: spaceId, week: weekOf(at), count: 1 })
    .onConflict((oc) => oc.columns(['space_id', 'week']).doUpdateSet((eb) => ({ count: eb('space_downloads.count', '+', 1) })))
    .execute();
}
