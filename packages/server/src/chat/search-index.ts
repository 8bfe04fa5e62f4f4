import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { MessageRow } from './schema.js';
import { withChat } from './schema.js';

/*
 * The full-text index of messages (SQLite FTS5, `unicode61 remove_diacritics 2`: « conges » finds
 * « congés », case-insensitive). Kept in sync here, in the same transaction as the message, rather
 * than by triggers, so that a PostgreSQL port swaps this file for a tsvector column.
 */

/**
 * Indexes (or re-indexes) a message's text. Its full-text row is named by `messages.search_rowid`
 * (an explicit integer: the implicit rowid of `messages` may change on VACUUM).
 */
export async function indexMessage(db: Kysely<Database>, messageId: string): Promise<void> {
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
  await sql`DELETE FROM messages_fts WHERE rowid = (SELECT search_rowid FROM messages WHERE id = ${messageId})`.execute(db);
  await sql`UPDATE messages SET search_rowid = NULL WHERE id = ${messageId}`.execute(db);
}

/**
 * An FTS5 query where every word of what the person typed must appear (the last one as a prefix):
 * words are quoted, so that FTS operators in the input are plain text. Null when there is no word.
 */
export function matchQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** Messages of a room matching `query`, newest first, ids below `before` when given, not deleted. */
export async function searchRoom(
  db: Kysely<Database>,
  roomId: string,
  query: string,
  options: { before: string | null; limit: number },
): Promise<MessageRow[]> {
  const ids = await sql<{ id: string }>`
    SELECT m.id FROM messages_fts f JOIN messages m ON m.search_rowid = f.rowid
    WHERE messages_fts MATCH ${query} AND f.room_id = ${roomId} AND m.deleted_at IS NULL
      AND (${options.before} IS NULL OR m.id < ${options.before})
    ORDER BY m.id DESC LIMIT ${options.limit}`.execute(db);
  if (ids.rows.length === 0) return [];
  const rows = await withChat(db)
    .selectFrom('messages')
    .selectAll()
    .where(
      'id',
      'in',
      ids.rows.map((r) => r.id),
    )
    .orderBy('id', 'desc')
    .execute();
  return rows;
}
