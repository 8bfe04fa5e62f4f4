import { PostgresAdapter, type Kysely } from 'kysely';

/** The SQL engine behind a Kysely instance. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * Which engine `db` (or a transaction of it) talks to. Queries are written once for both; the few
 * places that cannot be (full-text search, migrations' DDL details) ask this, and nothing else.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
