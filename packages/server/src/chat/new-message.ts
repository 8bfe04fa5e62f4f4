import type { Attachment, Message } from '@bureau/api';
import type { RoomRow, MessageRow } from './schema.js';
import type { StoredAttachment } from './attachments.js';
import { newMessageId } from './ids.js';

/** What a person sends: the text (already checked), in reply to a thread or not, with files or not. */
export interface NewMessageInput {
  author: { id: string; name: string };
  text: string;
  threadId: string | null;
  attachments: readonly StoredAttachment[];
  clientId: string | null;
}

/** The row of a new message in `room`; `searchRowid` names its full-text row (SQLite). */
export function newMessageRow(room: RoomRow, input: NewMessageInput, searchRowid: number | null): MessageRow {
  return {
    id: newMessageId(),
    room_id: room.id,
    space_id: room.space_id,
    author_id: input.author.id,
    text: input.text,
    thread_id: input.threadId,
    reply_count: 0,
    last_reply_at: null,
    attachments: JSON.stringify(input.attachments),
    created_at: new Date().toISOString(),
    edited_at: null,
    deleted_at: null,
    version: 1,
    client_id: input.clientId,
    search_rowid: searchRowid,
  };
}

/** The new message as answered and as sent in `message.created`. */
export function createdMessage(row: MessageRow, author: { id: string; name: string }, mentions: string[], attachments: Attachment[]): Message {
  return {
    id: row.id,
    roomId: row.room_id,
    spaceId: row.space_id,
    author,
    text: row.text,
    threadId: row.thread_id,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    mentions,
    attachments,
    createdAt: row.created_at,
    editedAt: null,
    deletedAt: null,
    version: 1,
    clientId: row.client_id,
  };
}
