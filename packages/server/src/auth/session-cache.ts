import type { Db } from '../db/index.js';
import { dialectOf } from '../db/index.js';
import type { SessionRow, UserRow } from '../db/schema.js';

/** How long a session read from the database is trusted without reading it again. */
const freshForMs = 30_000;
const capacity = 10_000;

interface Entry {
  session: SessionRow;
  user: UserRow;
  readAt: number;
  /** `session.expires_at` in milliseconds (compared on every request). */
  expiresAt: number;
}

/** Per SQLite database: one process owns the file, so it sees every change made through the server. */
const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * The open sessions of a SQLite database read recently, by hash: the lookup of the session and its
 * user was 6–9% of every request in the profiles (issue 16). Signing out and a changed name forget
 * entries at once; an entry is read again after 30 s, so a session revoked in the database by other
 * means (an operator's DELETE) ends within that. On PostgreSQL, where several instances share the
 * sessions, nothing is cached (null).
 */
export function sessionCacheOf(db: Db): Map<string, Entry> | null {
  if (dialectOf(db) === 'postgres') return null;
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** The cached session of `idHash`, if read less than 30 s ago and not expired. */
export function cachedSession(db: Db, idHash: string, now: number): { session: SessionRow; user: UserRow } | null {
  const entry = sessionCacheOf(db)?.get(idHash);
  if (entry === undefined) return null;
  if (now - entry.readAt > freshForMs || entry.expiresAt <= now) {
    sessionCacheOf(db)?.delete(idHash);
    return null;
  }
  return entry;
}

export function cacheSession(db: Db, idHash: string, open: { session: SessionRow; user: UserRow }, now: number): void {
  const cache = sessionCacheOf(db);
  if (cache === null) return;
  if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
  cache.set(idHash, { ...open, readAt: now, expiresAt: Date.parse(open.session.expires_at) });
}

export function forgetSession(db: Db, idHash: string): void {
  sessionCacheOf(db)?.delete(idHash);
}

/** Forgets every cached session of `userId` (their name or email changed). */
export function forgetSessionsOf(db: Db, userId: string): void {
  const cache = sessionCacheOf(db);
  if (cache === null) return;
  for (const [idHash, entry] of cache) if (entry.user.id === userId) cache.delete(idHash);
}
