import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Files of the space linked to board cards, in the order given. Purging a file from the trash (or
 * deleting its card) removes the link. Schema builder only, text/integer columns: SQLite and PostgreSQL.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('card_files')
    .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('card_files_pk', ['card_id', 'file_id'])
    .execute();
  // Purging a file deletes its links: the cascade looks them up by file.
  await db.schema.createIndex('card_files_file').on('card_files').column('file_id').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('card_files').execute();
}
