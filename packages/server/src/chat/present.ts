import type { Message, Reaction, RoomSnapshot } from '@bureau/api';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { presentAttachments, storedAttachments } from './attachments.js';
import { withChat, type MessageRow, type RoomRow } from './schema.js';

/** One row of `linksOf`: an author's name, a reaction or a mention, told apart by `kind`. */
interface LinkRow {
  kind: 'author' | 'reaction' | 'mention';
  /** The author's id, or the message's. */
  owner: string;
  /** The author's name, the emoji, or the mentioned person. */
  value: string;
  /** The person who reacted (reactions only). */
  user_id: string | null;
}

/**
 * Authors' names, reactions (in the order they were given) and mentions of `ids`, in one statement
 * (a page of messages was six statements: issue 16 wants at most three).
 */
async function linksOf(db: Kysely<Database>, ids: readonly string[], authorIds: readonly string[]): Promise<LinkRow[]> {
  const list = (values: readonly string[]) => sql.join(values.map((value) => sql`${value}`));
  const { rows } = await sql<LinkRow>`
    SELECT kind, owner, value, user_id FROM (
      SELECT 'author' AS kind, id AS owner, name AS value, NULL AS user_id, '' AS at, 0 AS part FROM users WHERE id IN (${list(authorIds)})
      UNION ALL
      SELECT 'reaction', message_id, emoji, user_id, created_at, 1 FROM reactions WHERE message_id IN (${list(ids)})
      UNION ALL
      SELECT 'mention', message_id, user_id, NULL, '', 2 FROM mentions WHERE message_id IN (${list(ids)})
    ) AS links
    ORDER BY part, at, user_id, value`.execute(db);
  return rows;
}

/**
 * The API form of message rows, in the same order: authors, reactions (grouped by emoji, in the
 * order they were first used) and mentions in one query, attached files in a second when there are any.
 */
export async function presentMessages(db: Kysely<Database>, rows: readonly MessageRow[]): Promise<Message[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const authorIds = [...new Set(rows.map((row) => row.author_id))];
  const [links, attachments] = await Promise.all([
    linksOf(db, ids, authorIds),
    presentAttachments(db, rows.map((row) => storedAttachments(row.attachments))),
  ]);
  const authors = links.filter((link) => link.kind === 'author').map((link) => ({ id: link.owner, name: link.value }));
  const reactions = links
    .filter((link) => link.kind === 'reaction')
    .map((link) => ({ message_id: link.owner, emoji: link.value, user_id: link.user_id as string }));
  const mentions = links.filter((link) => link.kind === 'mention').map((link) => ({ message_id: link.owner, user_id: link.value }));
  const names = new Map(authors.map((a) => [a.id, a.name]));
  const reactionsOf = new Map<string, Map<string, string[]>>();
  for (const r of reactions) {
    const byEmoji = reactionsOf.get(r.message_id) ?? new Map<string, string[]>();
    reactionsOf.set(r.message_id, byEmoji);
    byEmoji.set(r.emoji, [...(byEmoji.get(r.emoji) ?? []), r.user_id]);
  }
  const mentionsOf = new Map<string, string[]>();
  for (const m of mentions) mentionsOf.set(m.message_id, [...(mentionsOf.get(m.message_id) ?? []), m.user_id]);
  return rows.map((row, index) => {
    const grouped: Reaction[] = [...(reactionsOf.get(row.id) ?? new Map<string, string[]>())].map(([emoji, userIds]) => ({
      emoji,
      count: userIds.length,
      userIds,
    }));
    return {
      id: row.id,
      roomId: row.room_id,
      spaceId: row.space_id,
      author: { id: row.author_id, name: names.get(row.author_id) ?? row.author_id },
      text: row.text,
      threadId: row.thread_id,
      replyCount: row.reply_count,
      lastReplyAt: row.last_reply_at,
      reactions: grouped,
      mentions: mentionsOf.get(row.id) ?? [],
      attachments: attachments[index] ?? [],
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deletedAt: row.deleted_at,
      version: row.version,
      clientId: row.client_id,
    };
  });
}

/** One message, as `presentMessages` makes it. */
export async function presentMessage(db: Kysely<Database>, row: MessageRow): Promise<Message> {
  const [message] = await presentMessages(db, [row]);
  if (!message) throw new Error(`Message ${row.id} could not be presented`);
  return message;
}

/** The message row by id, read again (after a change in the same transaction). */
export async function reloadMessage(db: Kysely<Database>, id: string): Promise<Message> {
  const row = await withChat(db).selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return presentMessage(db, row);
}

/** The newest top-level message of each room that is not deleted (the room's preview), or null. */
export async function lastMessages(db: Kysely<Database>, roomIds: readonly string[]): Promise<Map<string, Message>> {
  const chat = withChat(db);
  const rows: MessageRow[] = [];
  for (const roomId of roomIds) {
    const row = await chat
      .selectFrom('messages')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('thread_id', 'is', null)
      .where('deleted_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row) rows.push(row);
  }
  const messages = await presentMessages(db, rows);
  return new Map(messages.map((m) => [m.roomId, m]));
}

/** The room as every member sees it: the data of `room.created` / `room.updated`. */
export const roomSnapshot = (room: RoomRow, lastMessage: Message | null): RoomSnapshot => ({
  id: room.id,
  spaceId: room.space_id,
  name: room.name,
  topic: room.topic,
  archived: room.archived === 1,
  lastMessage,
  createdAt: room.created_at,
  updatedAt: room.updated_at,
  version: room.version,
});
