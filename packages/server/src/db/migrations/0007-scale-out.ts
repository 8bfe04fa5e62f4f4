import { sql, type Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * State several server instances share through the database (ADR 0006):
 * - `event_head`, one row holding the newest event position. Each transaction that logs events
 *   increments it just before committing: the row lock orders event writers, so positions follow
 *   commit order without gaps, on PostgreSQL as on SQLite.
 * - `rate_windows`, fixed-window counters of the rate limits (chat sends, writes) keyed by what they
 *   count, so that a limit holds across instances (they were Maps in one process).
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('event_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addCheckConstraint('event_head_one_row', sql`id = 1`)
    .execute();
  await sql`INSERT INTO event_head (id, position) SELECT 1, COALESCE(MAX(position), 0) FROM events`.execute(db);

  await db.schema
    .createTable('rate_windows')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_windows_window_start').on('rate_windows').column('window_start').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('rate_windows').execute();
  await db.schema.dropTable('event_head').execute();
}
