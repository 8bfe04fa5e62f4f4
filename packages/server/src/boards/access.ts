import type { Role } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { withBoards, type BoardRow, type CardRow, type ColumnRow } from './schema.js';

export interface BoardAccess {
  board: BoardRow;
  /** The caller's role in the board's space. */
  role: Role;
}

export interface ColumnAccess extends BoardAccess {
  column: ColumnRow;
}

export interface CardAccess extends BoardAccess {
  card: CardRow;
}

/** The board as `userId` sees it; 404 when it does not exist or they are not a member of its space. */
export async function requireBoard(db: Kysely<Database>, boardId: string, userId: string): Promise<BoardAccess> {
  const row = await withBoards(db)
    .selectFrom('boards')
    .innerJoin('memberships', 'memberships.space_id', 'boards.space_id')
    .selectAll('boards')
    .select('memberships.role')
    .where('boards.id', '=', boardId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No such board.');
  const { role, ...board } = row;
  return { board, role };
}

/** Re-raises a board's 404 as the 404 of the thing asked for (same answer whether it exists or not). */
async function within<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProblemError && error.code === 'not-found') throw new ProblemError('not-found', `No such ${what}.`);
    throw error;
  }
}

/** The column and its board as `userId` sees them; 404 for non-members. */
export async function requireColumn(db: Kysely<Database>, columnId: string, userId: string): Promise<ColumnAccess> {
  const column = await withBoards(db).selectFrom('board_columns').selectAll().where('id', '=', columnId).executeTakeFirst();
  if (!column) throw new ProblemError('not-found', 'No such column.');
  return { ...(await within('column', () => requireBoard(db, column.board_id, userId))), column };
}

/** The card and its board as `userId` sees them; 404 for non-members. */
export async function requireCard(db: Kysely<Database>, cardId: string, userId: string): Promise<CardAccess> {
  const card = await withBoards(db).selectFrom('cards').selectAll().where('id', '=', cardId).executeTakeFirst();
  if (!card) throw new ProblemError('not-found', 'No such card.');
  return { ...(await within('card', () => requireBoard(db, card.board_id, userId))), card };
}

/** 403 for guests: they read boards, they do not change them. */
export function requireWriter(access: { role: Role }): void {
  if (access.role === 'guest') throw new ProblemError('forbidden', 'Guests of a space can read its boards but not change them.');
}

/**
 * 403 for guests, and 409 when the board is archived: its columns, cards and comments stay as they
 * were until someone unarchives it (`PATCH /v1/boards/{id}` stays open for that).
 */
export function requireOpenBoardWriter(access: BoardAccess): void {
  requireWriter(access);
  if (access.board.archived === 1) throw new ProblemError('conflict', 'This board is archived: unarchive it to change it.');
}

/** 409 for an archived card: it is read, restored or deleted, not edited or moved. */
export function requireOnBoard(access: CardAccess): void {
  if (access.card.archived_at !== null) throw new ProblemError('conflict', 'This card is archived: restore it to change it.');
}

/** A column of `boardId` (the destination of a move or of a new card); 422 otherwise. */
export async function requireColumnOf(db: Kysely<Database>, boardId: string, columnId: string, pointer: string): Promise<ColumnRow> {
  const column = await withBoards(db)
    .selectFrom('board_columns')
    .selectAll()
    .where('id', '=', columnId)
    .where('board_id', '=', boardId)
    .executeTakeFirst();
  if (!column) {
    throw new ProblemError('validation-failed', 'No such column on this board.', { errors: [{ pointer, message: 'Not a column of this board' }] });
  }
  return column;
}
