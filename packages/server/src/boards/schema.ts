import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/index.js';

/** Tables of migrations 0005-boards and 0008-card-files. Same conventions as `db/schema.ts` (ISO strings, 0/1, JSON text). */
export type BoardTables = {
  boards: BoardsTable;
  board_labels: BoardLabelsTable;
  board_columns: BoardColumnsTable;
  cards: CardsTable;
  card_assignees: CardAssigneesTable;
  card_labels: CardLabelsTable;
  card_comments: CardCommentsTable;
  card_activity: CardActivityTable;
  card_files: CardFilesTable;
};

export interface BoardsTable {
  id: string;
  space_id: string;
  name: string;
  archived: number;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface BoardLabelsTable {
  id: string;
  board_id: string;
  name: string;
  color: string;
  /** Order of the labels on the board, as last given. */
  ordinal: number;
}

export interface BoardColumnsTable {
  id: string;
  board_id: string;
  name: string;
  /** Fractional-index key; columns are ordered by (position, id). */
  position: string;
  wip_limit: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CardsTable {
  id: string;
  board_id: string;
  column_id: string;
  /** Fractional-index key; cards of a column are ordered by (position, id). */
  position: string;
  title: string;
  /** Exactly what was typed (plain text with a Markdown subset). */
  description: string;
  /** `YYYY-MM-DD` or null. */
  due_date: string | null;
  /** JSON array of `{ id, text, done }`. */
  checklist: string;
  comment_count: number;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** The `Idempotency-Key` of the last write that created or changed the row (migration 0009). */
  client_id: string | null;
}

export interface CardAssigneesTable {
  card_id: string;
  user_id: string;
  ordinal: number;
}

export interface CardLabelsTable {
  card_id: string;
  label_id: string;
  ordinal: number;
}

/** A file of the board's space linked to a card (migration 0008); gone when the file is purged. */
export interface CardFilesTable {
  card_id: string;
  file_id: string;
  ordinal: number;
}

export interface CardCommentsTable {
  /** Time-ordered: sorting by id sorts by creation. */
  id: string;
  card_id: string;
  board_id: string;
  author_id: string;
  text: string;
  created_at: string;
}

export interface CardActivityTable {
  /** Time-ordered: sorting by id sorts by creation. */
  id: string;
  card_id: string;
  actor_id: string;
  kind: 'created' | 'updated' | 'moved' | 'commented' | 'files';
  /** JSON of the entry's `data`. */
  data: string;
  created_at: string;
}

export type BoardsDatabase = Database & BoardTables;
export type BoardsDb = Kysely<BoardsDatabase>;
export type BoardRow = Selectable<BoardsTable>;
export type LabelRow = Selectable<BoardLabelsTable>;
export type ColumnRow = Selectable<BoardColumnsTable>;
export type CardRow = Selectable<CardsTable>;

/** The same connection (or transaction) with the board tables typed. */
export const withBoards = (db: Kysely<Database>): BoardsDb => db.withTables<BoardTables>();
