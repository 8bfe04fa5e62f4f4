import type { Room } from '@bureau/api';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { lastMessages, roomSnapshot } from './present.js';
import { withChat, type RoomRow } from './schema.js';

export interface Unread {
  unreadCount: number;
  unreadMentions: number;
  lastReadMessageId: string | null;
}

/**
 * The reader's unread counts per room: top-level messages of others, not deleted, after their read
 * marker; and of those, the ones that mention them.
 */
export async function unreadOf(db: Kysely<Database>, roomIds: readonly string[], userId: string): Promise<Map<string, Unread>> {
  const result = new Map<string, Unread>(roomIds.map((id) => [id, { unreadCount: 0, unreadMentions: 0, lastReadMessageId: null }]));
  if (roomIds.length === 0) return result;
  const chat = withChat(db);
  const markers = await chat
    .selectFrom('read_markers')
    .select(['room_id', 'message_id'])
    .where('user_id', '=', userId)
    .where('room_id', 'in', roomIds)
    .execute();
  for (const marker of markers) {
    const entry = result.get(marker.room_id);
    if (entry) entry.lastReadMessageId = marker.message_id;
  }
  const counts = await chat
    .selectFrom('messages as m')
    .leftJoin('read_markers as r', (join) => join.onRef('r.room_id', '=', 'm.room_id').on('r.user_id', '=', userId))
    .leftJoin('mentions as mn', (join) => join.onRef('mn.message_id', '=', 'm.id').on('mn.user_id', '=', userId))
    .select('m.room_id')
    .select((eb) => eb.fn.countAll<number>().as('unread'))
    .select(sql<number>`sum(case when mn.user_id is null then 0 else 1 end)`.as('mentioned'))
    .where('m.room_id', 'in', roomIds)
    .where('m.thread_id', 'is', null)
    .where('m.deleted_at', 'is', null)
    .where('m.author_id', '!=', userId)
    .where((eb) => eb.or([eb('r.message_id', 'is', null), eb('m.id', '>', eb.ref('r.message_id'))]))
    .groupBy('m.room_id')
    .execute();
  for (const row of counts) {
    const entry = result.get(row.room_id);
    if (!entry) continue;
    entry.unreadCount = Number(row.unread);
    entry.unreadMentions = Number(row.mentioned ?? 0);
  }
  return result;
}

/** Rooms as `userId` sees them: snapshot, last message and their own counts. */
export async function presentRooms(db: Kysely<Database>, rooms: readonly RoomRow[], userId: string): Promise<Room[]> {
  const ids = rooms.map((room) => room.id);
  const [last, unread] = await Promise.all([lastMessages(db, ids), unreadOf(db, ids, userId)]);
  return rooms.map((room) => ({
    ...roomSnapshot(room, last.get(room.id) ?? null),
    ...(unread.get(room.id) ?? { unreadCount: 0, unreadMentions: 0, lastReadMessageId: null }),
  }));
}

export async function presentRoom(db: Kysely<Database>, room: RoomRow, userId: string): Promise<Room> {
  const [presented] = await presentRooms(db, [room], userId);
  if (!presented) throw new Error(`Room ${room.id} could not be presented`);
  return presented;
}

/** A room's snapshot with its current last message (the data of room events). */
export async function snapshotOf(db: Kysely<Database>, room: RoomRow) {
  const last = await lastMessages(db, [room.id]);
  return roomSnapshot(room, last.get(room.id) ?? null);
}
