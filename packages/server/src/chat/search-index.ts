import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { MessageRow } from './schema.js';
import { withChat } from './schema.js';

/*
 * The full-text index of messages (SQLite FTS5, `unicode61 remove_diacritics 2`: « conges » finds
 * « congés », case-insensitive). Kept in sync here, in the same transaction as the message, rather
 * than by triggers, so that a PostgreSQL port swaps this file for a tsvector column.
 */

/** Indexes (or re-indexes) a message's text. */
export async function indexMessage(db: Kysely<Database>, messageId: string): Promise<void> {
  await unindexMessage(db, messageId);
  await sql`INSERT INTO messages_fts (rowid, text, room_id) SELECT rowid, text, room_id FROM messages WHERE id = ${messageId}`.execute(db);
}

/** Removes a message from the index (deletion). */
export async function unindexMessage(db: Kysely<Database>, messageId: string): Promise<void> {
  await sql`DELETE FROM messages_fts WHERE rowid = (SELECT rowid FROM messages WHERE id = ${messageId})`.execute(db);
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
    SELECT m.id FROM messages_fts f JOIN messages m ON m.rowid = f.rowid
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
