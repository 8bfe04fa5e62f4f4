import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * The full-text row of a message is named by an explicit integer, not by the implicit rowid of
 * `messages` (which VACUUM may renumber for a table without INTEGER PRIMARY KEY). Rows indexed
 * before keep the rowid they were indexed under.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('messages').addColumn('search_rowid', 'integer').execute();
  // PostgreSQL indexes the text itself (0003): nothing to carry over, and `search_rowid` stays null.
  if (dialectOf(db) === 'sqlite') {
    await sql`UPDATE messages SET search_rowid = rowid WHERE rowid IN (SELECT rowid FROM messages_fts)`.execute(db);
  }
  await db.schema.createIndex('messages_search_rowid').unique().on('messages').column('search_rowid').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('messages_search_rowid').execute();
  await db.schema.alterTable('messages').dropColumn('search_rowid').execute();
}
