import type { BoardDetail, BureauEvent, Card, Column } from '@bureau/api';

/** Where a card goes: its destination column and its would-be neighbours there (the API's `MoveCard`). */
export interface Placement {
  columnId: string;
  /** The card just above, or null at the top. */
  afterId?: string | null | undefined;
  /** The card just below, or null at the end. */
  beforeId?: string | null | undefined;
}

/** The server's order: by position (code-unit order), then id. @internal */
export function byPosition(a: { position: string; id: string }, b: { position: string; id: string }): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The cards of a column in order. @internal */
export function cardsIn(cards: readonly Card[], columnId: string): Card[] {
  return cards.filter((card) => card.columnId === columnId).sort(byPosition);
}

/**
 * A local, transient position for `cardId` at `placement`, between the neighbours as this client
 * sees them, only to show the move at once: the server computes the real fractional index
 * (`fractional-indexing`) and its answer replaces this one, so the browser needs no key algorithm.
 * Server positions never contain U+0000, hence `low + "\0"` sorts just after `low` and before any
 * greater position, and a proper prefix of the first card's position sorts before it. @internal
 */
export function localPosition(cards: readonly Card[], cardId: string, placement: Placement): string {
  const column = cardsIn(cards, placement.columnId).filter((card) => card.id !== cardId);
  let index = column.length;
  const after = placement.afterId == null ? -1 : column.findIndex((card) => card.id === placement.afterId);
  const before = placement.beforeId == null ? -1 : column.findIndex((card) => card.id === placement.beforeId);
  if (after >= 0) index = after + 1;
  else if (before >= 0) index = before;
  const low = column[index - 1]?.position;
  if (low !== undefined) return `${low}\u0000`;
  return column[index]?.position.slice(0, -1) ?? '';
}

/** `list` with `item` replaced (by id) when newer, or added. */
function upsert<T extends { id: string; version: number }>(list: readonly T[], item: T): T[] {
  const index = list.findIndex((each) => each.id === item.id);
  if (index < 0) return [...list, item];
  const existing = list[index] as T;
  if (existing.version > item.version) return list as T[];
  const next = [...list];
  next[index] = item;
  return next;
}

/**
 * A board with a newer card in it (older versions never overwrite newer ones); an archived card
 * leaves it (a board shows only the cards on it). @internal
 */
export function withCard(detail: BoardDetail, card: Card): BoardDetail {
  const cards = upsert(detail.cards, card);
  const shown = card.archivedAt == null ? cards : cards.filter((each) => each.id !== card.id || each.version > card.version);
  return { ...detail, cards: shown.sort(byPosition) };
}

/** A board with a newer column in it. @internal */
export function withColumn(detail: BoardDetail, column: Column): BoardDetail {
  return { ...detail, columns: upsert(detail.columns, column).sort(byPosition) };
}

/**
 * The board after an event of the stream, or `undefined` when the event is not about it. Applying
 * an event twice, or an older version after a newer one, changes nothing: every client ends with
 * the server's state whatever the order in which answers and events arrive. @internal
 */
export function applyEvent(detail: BoardDetail, event: BureauEvent): BoardDetail | undefined {
  const boardId = detail.board.id;
  switch (event.type) {
    case 'board.updated':
      if (event.data.id !== boardId || event.data.version < detail.board.version) return undefined;
      return { ...detail, board: event.data };
    case 'column.created':
    case 'column.updated':
      return event.data.boardId === boardId ? withColumn(detail, event.data) : undefined;
    case 'column.deleted': {
      if (event.data.boardId !== boardId) return undefined;
      const columns = detail.columns.filter((column) => column.id !== event.data.id);
      return event.data.cards.reduce(withCard, { ...detail, columns });
    }
    case 'card.created':
    case 'card.updated':
    case 'card.moved':
    case 'card.archived':
    case 'card.restored':
      return event.data.boardId === boardId ? withCard(detail, event.data) : undefined;
    case 'card.deleted':
      if (event.data.boardId !== boardId) return undefined;
      return { ...detail, cards: detail.cards.filter((card) => card.id !== event.data.id) };
    case 'comment.created':
      return event.data.card.boardId === boardId ? withCard(detail, event.data.card) : undefined;
    default:
      return undefined;
  }
}
