import type { Message, Reaction, RoomSnapshot } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { presentAttachments, storedAttachments } from './attachments.js';
import { withChat, type MessageRow, type RoomRow } from './schema.js';

/**
 * The API form of message rows, in the same order: authors, reactions (grouped by emoji, in the
 * order they were first used), mentions and attached files are fetched in four queries whatever the count.
 */
export async function presentMessages(db: Kysely<Database>, rows: readonly MessageRow[]): Promise<Message[]> {
  if (rows.length === 0) return [];
  const chat = withChat(db);
  const ids = rows.map((row) => row.id);
  const authorIds = [...new Set(rows.map((row) => row.author_id))];
  const [authors, reactions, mentions, attachments] = await Promise.all([
    chat.selectFrom('users').select(['id', 'name']).where('id', 'in', authorIds).execute(),
    chat
      .selectFrom('reactions')
      .select(['message_id', 'emoji', 'user_id'])
      .where('message_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('user_id')
      .execute(),
    chat.selectFrom('mentions').select(['message_id', 'user_id']).where('message_id', 'in', ids).orderBy('user_id').execute(),
    presentAttachments(db, rows.map((row) => storedAttachments(row.attachments))),
  ]);
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
