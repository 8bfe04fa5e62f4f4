import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Notifications: one row per person and thing that concerns them (a mention, a reply in a thread
 * they wrote in, a card assigned or due). Self-contained on purpose, so that erasing a person or a
 * space is one DELETE by `user_id` or `space_id`: `place` and `excerpt` are copies made when the
 * row was written, `target` is JSON naming the message or card. Deleting the person, the actor or
 * the space cascades. Rows of a space the person has left are kept but never shown.
 * Preferences: one row per person who changed the defaults (every kind notifies, nothing muted,
 * digest on). Schema builder for these, text/integer columns: SQLite and PostgreSQL. On PostgreSQL
 * only, the messages' search vector becomes a stored column (see below).
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    /** What the notification is about (a message or card id), to mark it read or not repeat it. */
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('emailed_at', 'text')
    .execute();
  // The feed of a person, newest first; their unread ones.
  await db.schema.createIndex('notifications_user_id').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('notifications_user_read').on('notifications').columns(['user_id', 'read_at']).execute();
  // Erasing a space's data; not repeating a reminder.
  await db.schema.createIndex('notifications_space').on('notifications').column('space_id').execute();
  await db.schema.createIndex('notifications_target').on('notifications').columns(['target_id', 'kind', 'user_id']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    /** JSON array of the kinds that notify. */
    .addColumn('kinds', 'text', (c) => c.notNull())
    /** JSON array of muted room and board ids. */
    .addColumn('muted', 'text', (c) => c.notNull())
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // PostgreSQL search (issue 13, bench/search.ts): the expression index of 0003 made every row the
  // planner checked outside the index recompute to_tsvector(unaccent(text)) — seconds for a rare
  // word searched across a space of 100,000 messages. A stored vector is computed once per write.
  if (dialectOf(db) === 'postgres') {
    await sql`ALTER TABLE messages ADD COLUMN search_vector tsvector
      GENERATED ALWAYS AS (to_tsvector('simple', bureau_unaccent(text))) STORED`.execute(db);
    await sql`CREATE INDEX messages_search_vector ON messages USING gin (search_vector)`.execute(db);
    await sql`DROP INDEX messages_search`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`CREATE INDEX messages_search ON messages USING gin (to_tsvector('simple', bureau_unaccent(text)))`.execute(db);
    await sql`DROP INDEX messages_search_vector`.execute(db);
    await sql`ALTER TABLE messages DROP COLUMN search_vector`.execute(db);
  }
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notifications').execute();
}
