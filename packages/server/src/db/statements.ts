import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept prepared; queries with `in (?, ?, …)` lists make a few more each. */
const capacity = 500;

/**
 * The better-sqlite3 database as Kysely's SQLite driver wants it, with prepared statements cached
 * by SQL text: the driver prepares every query it runs, and preparing was an eighth of a message
 * POST's CPU in the profiles (issue 16). Least recently used texts are forgotten past `capacity`.
 * A statement still iterating (`busy`) is never handed out twice: a fresh one is prepared instead.
 */
export function cachingStatements(sqlite: SQLiteDatabase): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        if (cached.busy) return sqlite.prepare(sql);
        // Refresh its place in the insertion order, which is the recency order.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}
