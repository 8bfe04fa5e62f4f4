import type { ActivityKind, ChecklistInput, ChecklistItem } from '@bureau/api';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import { liveFilesOf } from '../files/tree.js';
import { ProblemError } from '../http/problem.js';
import { newActivityId, newChecklistItemId } from './ids.js';
import { withBoards } from './schema.js';

const refuse = (pointer: string, message: string, detail: string): never => {
  throw new ProblemError('validation-failed', detail, { errors: [{ pointer, message }] });
};

/** 422 unless every id is a person of the space (any role). */
export async function requireAssignable(db: Kysely<Database>, spaceId: string, userIds: readonly string[], pointer: string): Promise<void> {
  if (userIds.length === 0) return;
  const found = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('space_id', '=', spaceId)
    .where('user_id', 'in', [...userIds])
    .execute();
  const known = new Set(found.map((row) => row.user_id));
  const index = userIds.findIndex((id) => !known.has(id));
  if (index !== -1) refuse(`${pointer}/${index}`, 'Not a member of this space', 'Cards can only be assigned to people of the space.');
}

/** 422 unless every id is a label of the board. */
export async function requireLabels(db: Kysely<Database>, boardId: string, labelIds: readonly string[], pointer: string): Promise<void> {
  if (labelIds.length === 0) return;
  const found = await withBoards(db)
    .selectFrom('board_labels')
    .select('id')
    .where('board_id', '=', boardId)
    .where('id', 'in', [...labelIds])
    .execute();
  const known = new Set(found.map((row) => row.id));
  const index = labelIds.findIndex((id) => !known.has(id));
  if (index !== -1) refuse(`${pointer}/${index}`, 'Not a label of this board', 'Cards can only carry labels of their board.');
}

/**
 * 422 unless every id is a file of the space outside the trash. Ids in `kept` (already linked to the
 * card) pass as they are, so a card can still be edited while one of its files sits in the trash.
 * An unknown id and a file of another space get the same answer.
 */
export async function requireLinkable(
  db: Kysely<Database>,
  spaceId: string,
  fileIds: readonly string[],
  kept: readonly string[],
  pointer: string,
): Promise<void> {
  const wanted = fileIds.filter((id) => !kept.includes(id));
  if (wanted.length === 0) return;
  const known = new Set([...kept, ...(await liveFilesOf(db, spaceId, wanted))]);
  const index = fileIds.findIndex((id) => !known.has(id));
  if (index !== -1) refuse(`${pointer}/${index}`, 'Not a file of this space', 'Cards can only link files of their space that are not in the trash.');
}

/** Ids of `next` not in `previous`, and of `previous` not in `next`. */
export function difference(previous: readonly string[], next: readonly string[]): { added: string[]; removed: string[] } {
  return { added: next.filter((id) => !previous.includes(id)), removed: previous.filter((id) => !next.includes(id)) };
}

/** 422 when a text is only whitespace (the text itself is stored as typed, never rewritten). */
export function requireVisible(text: string, pointer: string): string {
  if (text.trim().length === 0) refuse(pointer, 'Must contain at least one non-whitespace character', 'This text cannot be blank.');
  return text;
}

/** 422 unless `date` (already `YYYY-MM-DD`) is a day of the calendar. */
export function requireCalendarDate(date: string | null | undefined, pointer: string): void {
  if (date === null || date === undefined) return;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    refuse(pointer, 'Not a day of the calendar', 'The due date is not a real date.');
  }
}

/** The new checklist: items with an `id` must be items of `current` (422 otherwise); others are new. */
export function checklistFrom(input: readonly ChecklistInput[], current: readonly ChecklistItem[], pointer: string): ChecklistItem[] {
  const known = new Set(current.map((item) => item.id));
  const seen = new Set<string>();
  return input.map((item, index) => {
    requireVisible(item.text, `${pointer}/${index}/text`);
    if (item.id !== undefined && (!known.has(item.id) || seen.has(item.id))) {
      refuse(`${pointer}/${index}/id`, 'Not an item of this card’s checklist', 'A checklist item id must name an item of this card, once.');
    }
    const id = item.id ?? newChecklistItemId();
    seen.add(id);
    return { id, text: item.text, done: item.done ?? false };
  });
}

export async function replaceAssignees(trx: Transaction<Database>, cardId: string, userIds: readonly string[]): Promise<void> {
  const b = withBoards(trx);
  await b.deleteFrom('card_assignees').where('card_id', '=', cardId).execute();
  if (userIds.length > 0) {
    await b.insertInto('card_assignees').values(userIds.map((userId, ordinal) => ({ card_id: cardId, user_id: userId, ordinal }))).execute();
  }
}

export async function replaceLabels(trx: Transaction<Database>, cardId: string, labelIds: readonly string[]): Promise<void> {
  const b = withBoards(trx);
  await b.deleteFrom('card_labels').where('card_id', '=', cardId).execute();
  if (labelIds.length > 0) {
    await b.insertInto('card_labels').values(labelIds.map((labelId, ordinal) => ({ card_id: cardId, label_id: labelId, ordinal }))).execute();
  }
}

export async function replaceFiles(trx: Transaction<Database>, cardId: string, fileIds: readonly string[]): Promise<void> {
  const b = withBoards(trx);
  await b.deleteFrom('card_files').where('card_id', '=', cardId).execute();
  if (fileIds.length > 0) {
    await b.insertInto('card_files').values(fileIds.map((fileId, ordinal) => ({ card_id: cardId, file_id: fileId, ordinal }))).execute();
  }
}

/** Appends one entry to a card's history. */
export async function recordActivity(
  trx: Transaction<Database>,
  entry: { cardId: string; actorId: string; kind: ActivityKind; data: Record<string, unknown>; at: string },
): Promise<void> {
  await withBoards(trx)
    .insertInto('card_activity')
    .values({ id: newActivityId(), card_id: entry.cardId, actor_id: entry.actorId, kind: entry.kind, data: JSON.stringify(entry.data), created_at: entry.at })
    .execute();
}
