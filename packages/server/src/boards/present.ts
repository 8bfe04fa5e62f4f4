import type { Activity, Board, Card, ChecklistItem, Column, Label } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { withBoards, type BoardRow, type CardRow, type ColumnRow, type LabelRow } from './schema.js';

const presentLabel = (row: LabelRow): Label => ({ id: row.id, name: row.name, color: row.color });

export async function labelsOf(db: Kysely<Database>, boardId: string): Promise<LabelRow[]> {
  return withBoards(db).selectFrom('board_labels').selectAll().where('board_id', '=', boardId).orderBy('ordinal').execute();
}

export async function presentBoard(db: Kysely<Database>, board: BoardRow): Promise<Board> {
  return presentBoardWith(board, await labelsOf(db, board.id));
}

export const presentBoardWith = (board: BoardRow, labels: LabelRow[]): Board => ({
  id: board.id,
  spaceId: board.space_id,
  name: board.name,
  archived: board.archived === 1,
  labels: labels.map(presentLabel),
  createdAt: board.created_at,
  updatedAt: board.updated_at,
  version: board.version,
});

export const presentColumn = (row: ColumnRow): Column => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  position: row.position,
  wipLimit: row.wip_limit,
  version: row.version,
});

export const checklistOf = (row: CardRow): ChecklistItem[] => JSON.parse(row.checklist) as ChecklistItem[];

/** Groups `[cardId, value]` pairs (already in order) by card. */
function grouped(pairs: { card_id: string; value: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { card_id, value } of pairs) {
    const list = map.get(card_id);
    if (list) list.push(value);
    else map.set(card_id, [value]);
  }
  return map;
}

function present(row: CardRow, assignees: Map<string, string[]>, labels: Map<string, string[]>, files: Map<string, string[]>): Card {
  return {
    id: row.id,
    boardId: row.board_id,
    columnId: row.column_id,
    position: row.position,
    title: row.title,
    description: row.description,
    assignees: assignees.get(row.id) ?? [],
    labelIds: labels.get(row.id) ?? [],
    dueDate: row.due_date,
    checklist: checklistOf(row),
    commentCount: row.comment_count,
    createdBy: row.created_by,
    fileIds: files.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    clientId: row.client_id,
  };
}

/**
 * The assignees, labels and files of the cards of a board (`cards.board_id`) or of one card
 * (`cards.id`), each in its order: three queries whatever the number of cards.
 */
async function linksOf(db: Kysely<Database>, scope: 'cards.board_id' | 'cards.id', id: string) {
  const b = withBoards(db);
  const assignees = await b
    .selectFrom('card_assignees')
    .innerJoin('cards', 'cards.id', 'card_assignees.card_id')
    .select(['card_assignees.card_id', 'card_assignees.user_id as value'])
    .where(scope, '=', id)
    .orderBy('card_assignees.card_id')
    .orderBy('card_assignees.ordinal')
    .execute();
  const labels = await b
    .selectFrom('card_labels')
    .innerJoin('cards', 'cards.id', 'card_labels.card_id')
    .select(['card_labels.card_id', 'card_labels.label_id as value'])
    .where(scope, '=', id)
    .orderBy('card_labels.card_id')
    .orderBy('card_labels.ordinal')
    .execute();
  const files = await b
    .selectFrom('card_files')
    .innerJoin('cards', 'cards.id', 'card_files.card_id')
    .select(['card_files.card_id', 'card_files.file_id as value'])
    .where(scope, '=', id)
    .orderBy('card_files.card_id')
    .orderBy('card_files.ordinal')
    .execute();
  return { assignees: grouped(assignees), labels: grouped(labels), files: grouped(files) };
}

/** Every card of a board, in (position, id) order, with assignees, labels and files (four queries in all). */
export async function presentBoardCards(db: Kysely<Database>, boardId: string): Promise<Card[]> {
  const rows = await withBoards(db).selectFrom('cards').selectAll().where('board_id', '=', boardId).orderBy('position').orderBy('id').execute();
  const links = await linksOf(db, 'cards.board_id', boardId);
  return rows.map((row) => present(row, links.assignees, links.labels, links.files));
}

/** One card, with assignees, labels and files. */
export async function presentCard(db: Kysely<Database>, row: CardRow): Promise<Card> {
  const links = await linksOf(db, 'cards.id', row.id);
  return present(row, links.assignees, links.labels, links.files);
}

/** An activity row joined with its actor's name. */
export interface ActivityRowWithActor {
  id: string;
  card_id: string;
  actor_id: string;
  actor_name: string;
  kind: Activity['kind'];
  data: string;
  created_at: string;
}

export const presentActivity = (row: ActivityRowWithActor): Activity =>
  ({
    id: row.id,
    cardId: row.card_id,
    actor: { id: row.actor_id, name: row.actor_name },
    kind: row.kind,
    data: JSON.parse(row.data),
    at: row.created_at,
  }) as Activity;
