import type { Transaction } from 'kysely';
import { withBoards } from '../boards/schema.js';
import { withChat } from '../chat/schema.js';
import type { Database } from '../db/index.js';
import { cardDraft, noticeOfRow } from '../notifications/boards.js';
import { notify } from '../notifications/notify.js';

/** Seeded history has no events: nobody's stream is waiting for them. */
const noEvent = async (): Promise<void> => {};

/**
 * The notifications the seeded history would have made: each mention, and each card assigned to
 * someone by another person, so that Camille (mentioned in questions-paie) and Léa (a card of the
 * interview campaign) open the demo with something in their bell. In the demo seed's transaction.
 */
export async function seedNotifications(trx: Transaction<Database>): Promise<void> {
  const mentions = await withChat(trx)
    .selectFrom('mentions')
    .innerJoin('messages', 'messages.id', 'mentions.message_id')
    .innerJoin('rooms', 'rooms.id', 'messages.room_id')
    .selectAll('messages')
    .select(['mentions.user_id as mentioned', 'rooms.name as room_name'])
    .orderBy('messages.id')
    .execute();
  for (const m of mentions) {
    await notify(
      trx,
      noEvent,
      {
        kind: 'mention',
        spaceId: m.space_id,
        actorId: m.author_id,
        placeId: m.room_id,
        place: m.room_name,
        excerpt: m.text,
        target: { type: 'message', roomId: m.room_id, messageId: m.id, threadId: m.thread_id },
        targetId: m.id,
      },
      [m.mentioned],
    );
  }
  const assigned = await withBoards(trx)
    .selectFrom('card_assignees')
    .innerJoin('cards', 'cards.id', 'card_assignees.card_id')
    .innerJoin('boards', 'boards.id', 'cards.board_id')
    .select(['cards.id', 'cards.title', 'cards.created_by', 'boards.id as board_id', 'boards.name as board_name', 'boards.space_id', 'card_assignees.user_id'])
    .orderBy('cards.id')
    .execute();
  for (const card of assigned) {
    await notify(trx, noEvent, cardDraft('assigned', noticeOfRow(card), card.created_by), [card.user_id]);
  }
}
