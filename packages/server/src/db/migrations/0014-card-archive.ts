import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Archived cards (issue 11): `archived_at` is when a card was archived, null while it is on its
 * board. An archived card keeps its column and position, so restoring it puts it back where it was.
 * Schema builder only: SQLite and PostgreSQL alike.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('cards').addColumn('archived_at', 'text').execute();
  await db.schema.createIndex('cards_board_archived').on('cards').columns(['board_id', 'archived_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('cards_board_archived').execute();
  await db.schema.alterTable('cards').dropColumn('archived_at').execute();
}
