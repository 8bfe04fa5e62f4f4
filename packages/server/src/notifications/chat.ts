import type { Transaction } from 'kysely';
import { withChat, type MessageRow, type RoomRow } from '../chat/schema.js';
import type { Database } from '../db/index.js';
import type { AppendEvent } from '../events/log.js';
import { notify } from './notify.js';

/**
 * The notifications of a new message: its mentions, and — for a reply — everyone who wrote in the
 * thread (its root's author and the repliers) and was not already told by a mention.
 */
export async function notifyNewMessage(
  trx: Transaction<Database>,
  append: AppendEvent,
  message: { row: MessageRow; room: RoomRow; mentions: readonly string[] },
): Promise<void> {
  const { row, room } = message;
  const common = {
    spaceId: row.space_id,
    actorId: row.author_id,
    placeId: room.id,
    place: room.name,
    excerpt: row.text,
    target: { type: 'message' as const, roomId: room.id, messageId: row.id, threadId: row.thread_id },
    targetId: row.id,
  };
  const mentioned = await notify(trx, append, { ...common, kind: 'mention' }, message.mentions);
  if (row.thread_id === null) return;
  const writers = await withChat(trx)
    .selectFrom('messages')
    .select('author_id')
    .distinct()
    .where((eb) => eb.or([eb('id', '=', row.thread_id), eb('thread_id', '=', row.thread_id)]))
    .where('deleted_at', 'is', null)
    .execute();
  const told = new Set([...mentioned, ...message.mentions]);
  await notify(
    trx,
    append,
    { ...common, kind: 'reply' },
    writers.map((w) => w.author_id).filter((id) => !told.has(id)),
  );
}
