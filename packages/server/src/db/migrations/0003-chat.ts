import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Chat: rooms of a space, messages (ids sort by creation, so cursors are the id alone), threads,
 * reactions, mentions, read markers, and a full-text index kept in sync by the server's code (not
 * by triggers, so that the same logic can run on PostgreSQL with its own index).
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rooms_space_created').on('rooms').columns(['space_id', 'archived', 'created_at', 'id']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.references('messages.id'))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reply_at', 'text')
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Top-level messages of a room in creation order (ids are time-ordered), and the replies of a thread.
  await db.schema.createIndex('messages_room_thread_id').on('messages').columns(['room_id', 'thread_id', 'id']).execute();
  await db.schema.createIndex('messages_thread_id').on('messages').columns(['thread_id', 'id']).execute();
  await db.schema.createIndex('messages_room_created').on('messages').columns(['room_id', 'created_at']).execute();

  await db.schema
    .createTable('reactions')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reactions_pk', ['message_id', 'emoji', 'user_id'])
    .execute();

  await db.schema
    .createTable('mentions')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('mentions_pk', ['message_id', 'user_id'])
    .execute();
  await db.schema.createIndex('mentions_user').on('mentions').columns(['user_id', 'message_id']).execute();

  await db.schema
    .createTable('read_markers')
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('read_markers_pk', ['room_id', 'user_id'])
    .execute();

  if (dialectOf(db) === 'postgres') {
    await createPostgresSearch(db);
    return;
  }
  // rowid = messages.rowid; `room_id` is stored to filter matches without a join.
  await sql`CREATE VIRTUAL TABLE messages_fts USING fts5(text, room_id UNINDEXED, tokenize = "unicode61 remove_diacritics 2")`.execute(db);
}

/**
 * PostgreSQL: an expression index on the words of each message, accents removed (`unaccent`),
 * lower-cased, not stemmed (the `simple` configuration) — what FTS5's `unicode61 remove_diacritics 2`
 * does. `unaccent()` is not immutable (its dictionary could change), so an index needs the wrapper.
 * `unaccent` is a trusted extension: the database's owner may create it.
 */
async function createPostgresSearch(db: Db): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`.execute(db);
  await sql`CREATE OR REPLACE FUNCTION bureau_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);
  await sql`CREATE INDEX messages_search ON messages USING gin (to_tsvector('simple', bureau_unaccent(text)))`.execute(db);
}

export async function down(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`DROP INDEX messages_search`.execute(db);
    await sql`DROP FUNCTION bureau_unaccent(text)`.execute(db);
  } else {
    await sql`DROP TABLE messages_fts`.execute(db);
  }
  for (const table of ['read_markers', 'mentions', 'reactions', 'messages', 'rooms']) {
    await db.schema.dropTable(table).execute();
  }
}
