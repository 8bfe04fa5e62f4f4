import type { Role } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { withChat, type MessageRow, type RoomRow } from './schema.js';

export interface RoomAccess {
  room: RoomRow;
  /** The caller's role in the room's space. */
  role: Role;
}

export interface MessageAccess extends RoomAccess {
  message: MessageRow;
}

/** The room as `userId` sees it; 404 when it does not exist or they are not a member of its space. */
export async function requireRoom(db: Kysely<Database>, roomId: string, userId: string): Promise<RoomAccess> {
  return roomAccessOf(await roomAccessQuery(db, roomId, userId).executeTakeFirst());
}

/** The room joined with `userId`'s membership of its space (also compiled once for `chat/send-sqlite.ts`). */
export const roomAccessQuery = (db: Kysely<Database>, roomId: string, userId: string) =>
  withChat(db)
    .selectFrom('rooms')
    .innerJoin('memberships', 'memberships.space_id', 'rooms.space_id')
    .selectAll('rooms')
    .select('memberships.role')
    .where('rooms.id', '=', roomId)
    .where('memberships.user_id', '=', userId);

/** The access a row of `roomAccessQuery` gives; 404 without one. */
export function roomAccessOf(row: (RoomRow & { role: Role }) | undefined): RoomAccess {
  if (!row) throw new ProblemError('not-found', 'No such room.');
  const { role, ...room } = row;
  return { room, role };
}

/** The message and its room as `userId` sees them; 404 for non-members (same answer as "no such message"). */
export async function requireMessage(db: Kysely<Database>, messageId: string, userId: string): Promise<MessageAccess> {
  const message = await withChat(db).selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  if (!message) throw new ProblemError('not-found', 'No such message.');
  try {
    return { ...(await requireRoom(db, message.room_id, userId)), message };
  } catch (error) {
    if (error instanceof ProblemError && error.code === 'not-found') throw new ProblemError('not-found', 'No such message.');
    throw error;
  }
}

/** 403 for guests: they read, they do not write. */
export function requireWriter(access: RoomAccess): void {
  if (access.role === 'guest') throw new ProblemError('forbidden', 'Guests of a space can read its rooms but not write in them.');
}

/** 409 when the room is archived: unarchive it first. */
export function requireOpen(access: RoomAccess): void {
  if (access.room.archived === 1) throw new ProblemError('conflict', 'This room is archived: nothing can be posted in it.');
}

/** 409 when the message is a tombstone. */
export function requireNotDeleted(message: MessageRow): void {
  if (message.deleted_at !== null) throw new ProblemError('conflict', 'This message was deleted.');
}

/** The text a person sent, refused (422) when empty or only whitespace. The text is never rewritten. */
export function requireText(text: string): string {
  if (text.trim().length === 0) {
    throw new ProblemError('validation-failed', 'A message cannot be empty.', {
      errors: [{ pointer: '/text', message: 'Must contain at least one non-whitespace character' }],
    });
  }
  return text;
}
