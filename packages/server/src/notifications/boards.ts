import type { Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import type { AppendEvent } from '../events/log.js';
import { notify, type NotificationDraft } from './notify.js';

/** A card as the notifications need it. */
export interface CardNotice {
  id: string;
  title: string;
  board: { id: string; name: string; spaceId: string };
}

/** The card's notice from its row and its board's row. */
export const noticeOf = (card: { id: string; title: string }, board: { id: string; name: string; space_id: string }): CardNotice => ({
  id: card.id,
  title: card.title,
  board: { id: board.id, name: board.name, spaceId: board.space_id },
});

/** The notification of `kind` about `card`, caused by `actorId` (null for reminders). */
export const cardDraft = (kind: 'assigned' | 'due', card: CardNotice, actorId: string | null): NotificationDraft => ({
  kind,
  spaceId: card.board.spaceId,
  actorId,
  placeId: card.board.id,
  place: card.board.name,
  excerpt: card.title,
  target: { type: 'card', boardId: card.board.id, cardId: card.id },
  targetId: card.id,
});

/** A card and its board as one joined row (`board_id`, `board_name`, `space_id`) carries them. */
export const noticeOfRow = (row: { id: string; title: string; board_id: string; board_name: string; space_id: string }): CardNotice =>
  noticeOf(row, { id: row.board_id, name: row.board_name, space_id: row.space_id });

/** Tells the people newly assigned to a card (not those already on it, not the assigner). */
export async function notifyAssigned(
  trx: Transaction<Database>,
  append: AppendEvent,
  card: CardNotice,
  change: { actorId: string; before: readonly string[]; after: readonly string[] },
): Promise<void> {
  const before = new Set(change.before);
  const added = change.after.filter((id) => !before.has(id));
  if (added.length === 0) return;
  await notify(trx, append, cardDraft('assigned', card, change.actorId), added);
}
