import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/index.js';

/** Tables of migration 0003-chat. Same conventions as `db/schema.ts` (ISO strings, 0/1, JSON text). */
export type ChatTables = {
  rooms: RoomsTable;
  messages: MessagesTable;
  reactions: ReactionsTable;
  mentions: MentionsTable;
  read_markers: ReadMarkersTable;
};

export interface RoomsTable {
  id: string;
  space_id: string;
  name: string;
  topic: string;
  archived: number;
  /** The person who created the room (may rename and archive it); null once they are deleted. */
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MessagesTable {
  /** Time-ordered: sorting by id sorts by creation. */
  id: string;
  room_id: string;
  space_id: string;
  author_id: string;
  /** Exactly what the author typed; empty for a tombstone. */
  text: string;
  thread_id: string | null;
  reply_count: number;
  last_reply_at: string | null;
  /** JSON array of `{ fileId }` (name, size and type are read live from the files); `[]` once deleted. */
  attachments: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  version: number;
  /** The `Idempotency-Key` of the last write that created or changed the row (migration 0009). */
  client_id: string | null;
}

export interface ReactionsTable {
  message_id: string;
  user_id: string;
  emoji: string;
  created_at: string;
}

export interface MentionsTable {
  message_id: string;
  user_id: string;
}

export interface ReadMarkersTable {
  room_id: string;
  user_id: string;
  message_id: string;
  updated_at: string;
}

export type ChatDatabase = Database & ChatTables;
export type ChatDb = Kysely<ChatDatabase>;
export type RoomRow = Selectable<RoomsTable>;
export type MessageRow = Selectable<MessagesTable>;

/** The same connection (or transaction) with the chat tables typed. */
export const withChat = (db: Kysely<Database>): ChatDb => db.withTables<ChatTables>();
