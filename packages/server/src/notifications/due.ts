import { withBoards } from '../boards/schema.js';
import type { EventLog } from '../events/log.js';
import type { Db } from '../db/index.js';
import { cardDraft, noticeOfRow } from './boards.js';
import { notify } from './notify.js';
import { withNotifications } from './schema.js';

/** The calendar date (UTC) of the day after `now`, as cards store due dates. */
const tomorrowOf = (now: Date): string => new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);

/**
 * Tells each assignee of a card due tomorrow, once per card and person (a later sweep finds the
 * reminder written and skips it). Archived cards and the cards of archived boards are left out. Two instances sweeping at
 * the very same moment on PostgreSQL could both write it: a duplicate reminder, never a lost one.
 */
export async function remindDueCards(db: Db, events: EventLog, now = new Date()): Promise<void> {
  const due = await withBoards(db)
    .selectFrom('cards')
    .innerJoin('boards', 'boards.id', 'cards.board_id')
    .innerJoin('card_assignees', 'card_assignees.card_id', 'cards.id')
    .select(['cards.id', 'cards.title', 'boards.id as board_id', 'boards.name as board_name', 'boards.space_id', 'card_assignees.user_id'])
    .where('cards.due_date', '=', tomorrowOf(now))
    .where('boards.archived', '=', 0)
    .where('cards.archived_at', 'is', null)
    .execute();
  for (const card of due) {
    await events.transaction(async (trx, append) => {
      const told = await withNotifications(trx)
        .selectFrom('notifications')
        .select('id')
        .where('target_id', '=', card.id)
        .where('kind', '=', 'due')
        .where('user_id', '=', card.user_id)
        .executeTakeFirst();
      if (told) return;
      await notify(trx, append, cardDraft('due', noticeOfRow(card), null), [card.user_id]);
    });
  }
}
