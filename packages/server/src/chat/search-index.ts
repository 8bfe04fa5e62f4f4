import { sql, type Kysely } from 'kysely';
import { dialectOf, type Database } from '../db/index.js';
import type { MessageRow } from './schema.js';
import { withChat } from './schema.js';

/*
 * The full-text index of messages: « conges » finds « congés », case-insensitive, every word
 * required, the last one as a prefix. The one place where the two databases differ:
 * - SQLite: an FTS5 table (`unicode61 remove_diacritics 2`), kept in sync here, in the same
 *   transaction as the message, rather than by triggers;
 * - PostgreSQL: a stored generated column `search_vector` = `to_tsvector('simple',
 *   bureau_unaccent(text))` with a GIN index (migrations 0003, 0011), which PostgreSQL keeps in sync
 *   by itself: indexing is then nothing to do.
 */

/**
 * Indexes (or re-indexes) a message's text. Its full-text row is named by `messages.search_rowid`
 * (an explicit integer: the implicit rowid of `messages` may change on VACUUM).
 */
export async function indexMessage(db: Kysely<Database>, messageId: string): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  const found = await sql<{ search_rowid: number | null; text: string; room_id: string }>`
    SELECT search_rowid, text, room_id FROM messages WHERE id = ${messageId}`.execute(db);
  const row = found.rows[0];
  if (!row) throw new Error(`Message ${messageId} cannot be indexed: it does not exist`);
  if (row.search_rowid !== null) {
    await sql`DELETE FROM messages_fts WHERE rowid = ${row.search_rowid}`.execute(db);
    await sql`INSERT INTO messages_fts (rowid, text, room_id) VALUES (${row.search_rowid}, ${row.text}, ${row.room_id})`.execute(db);
    return;
  }
  await sql`INSERT INTO messages_fts (text, room_id) VALUES (${row.text}, ${row.room_id})`.execute(db);
  await sql`UPDATE messages SET search_rowid = last_insert_rowid() WHERE id = ${messageId}`.execute(db);
}

/** Removes a message from the index (deletion); its full-text rowid may then be reused. */
export async function unindexMessage(db: Kysely<Database>, messageId: string): Promise<void> {
  // PostgreSQL: the search leaves deleted messages out by their `deleted_at`.
  if (dialectOf(db) === 'postgres') return;
  await sql`DELETE FROM messages_fts WHERE rowid = (SELECT search_rowid FROM messages WHERE id = ${messageId})`.execute(db);
  await sql`UPDATE messages SET search_rowid = NULL WHERE id = ${messageId}`.execute(db);
}

/** The words of what the person typed (letters and digits), or null when there is none. */
export function searchWords(input: string): string[] | null {
  return input.match(/[\p{L}\p{N}]+/gu);
}

/**
 * The FTS5 query: words quoted, so that FTS operators in the input are plain text; the last one a
 * prefix.
 */
const fts5Query = (words: string[]): string => words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');

/** The tsquery text: words quoted (they are letters and digits only), all required, the last a prefix. */
const tsQuery = (words: string[]): string => words.map((word, i) => `'${word}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');

/** Where to search: one room, or every room of a space. */
export type SearchScope = { roomId: string } | { spaceId: string };

/** Messages matching every word in `scope`, newest first, ids below `before` when given, not deleted. */
export async function searchMessages(
  db: Kysely<Database>,
  scope: SearchScope,
  words: string[],
  options: { before: string | null; limit: number },
): Promise<MessageRow[]> {
  let ids: string[];
  if (dialectOf(db) === 'postgres') {
    let query = withChat(db)
      .selectFrom('messages')
      .select('id')
      .where('deleted_at', 'is', null)
      .where(sql<boolean>`search_vector @@ to_tsquery('simple', bureau_unaccent(${tsQuery(words)}))`);
    query = 'roomId' in scope ? query.where('room_id', '=', scope.roomId) : query.where('space_id', '=', scope.spaceId);
    if (options.before !== null) query = query.where('id', '<', options.before);
    ids = (await query.orderBy('id', 'desc').limit(options.limit).execute()).map((r) => r.id);
  } else {
    const inScope = 'roomId' in scope ? sql`f.room_id = ${scope.roomId}` : sql`m.space_id = ${scope.spaceId}`;
    const found = await sql<{ id: string }>`
      SELECT m.id FROM messages_fts f JOIN messages m ON m.search_rowid = f.rowid
      WHERE messages_fts MATCH ${fts5Query(words)} AND ${inScope} AND m.deleted_at IS NULL
        AND (${options.before} IS NULL OR m.id < ${options.before})
      ORDER BY m.id DESC LIMIT ${options.limit}`.execute(db);
    ids = found.rows.map((r) => r.id);
  }
  if (ids.length === 0) return [];
  return withChat(db).selectFrom('messages').selectAll().where('id', 'in', ids).orderBy('id', 'desc').execute();
}
