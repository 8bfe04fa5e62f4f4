import type { BoardDetail, Card, Column } from '@bureau/api';

/** Which cards to show. `''` means no filter. */
export interface Filters {
  assignee: string;
  label: string;
  due: '' | 'overdue' | 'week' | 'none';
  /** Words that the title or the description must all hold, accent- and case-insensitively. */
  text: string;
}

/** Text without accents or case, to compare what people type with what cards say. */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Whether every word of `query` is in the card's title or description. */
function holdsText(card: Card, query: string): boolean {
  const words = fold(query).match(/[\p{L}\p{N}]+/gu);
  if (words === null) return true;
  const haystack = fold(`${card.title}\n${card.description}`);
  return words.every((word) => haystack.includes(word));
}

/** A column as shown: its cards in order (filtered), and how many it holds in all. */
export interface Lane {
  column: Column;
  cards: Card[];
  total: number;
}

/** Where a card being moved would land: a column and an index among its shown cards (the card left out). */
export interface Spot {
  columnId: string;
  index: number;
}

const DAY = 86_400_000;

/** Today as `YYYY-MM-DD` in the person's time zone. */
function today(now: Date): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** Whether a card passes the filters. */
export function matches(card: Card, filters: Filters, now: Date): boolean {
  if (filters.assignee !== '' && !card.assignees.includes(filters.assignee)) return false;
  if (filters.label !== '' && !card.labelIds.includes(filters.label)) return false;
  if (!holdsText(card, filters.text)) return false;
  if (filters.due === '') return true;
  if (filters.due === 'none') return card.dueDate === null;
  if (card.dueDate === null) return false;
  const day = today(now);
  if (filters.due === 'overdue') return card.dueDate < day;
  const inAWeek = today(new Date(now.getTime() + 7 * DAY));
  return card.dueDate >= day && card.dueDate <= inAWeek;
}

/**
 * The board's columns with the cards to show. A card being moved (`moving`) is taken out of its
 * column and shown at `spot` instead, so that the person sees where it would land.
 */
export function lanesOf(detail: BoardDetail, filters: Filters, now: Date, moving?: { card: Card; spot: Spot }): Lane[] {
  const byColumn = new Map<string, Card[]>(detail.columns.map((column) => [column.id, []]));
  const totals = new Map<string, number>();
  for (const card of detail.cards) {
    totals.set(card.columnId, (totals.get(card.columnId) ?? 0) + 1);
    if (card.id === moving?.card.id) continue;
    if (matches(card, filters, now)) byColumn.get(card.columnId)?.push(card);
  }
  if (moving !== undefined) {
    const target = byColumn.get(moving.spot.columnId);
    target?.splice(Math.min(moving.spot.index, target.length), 0, moving.card);
  }
  return detail.columns.map((column) => {
    let total = totals.get(column.id) ?? 0;
    if (moving !== undefined && moving.card.columnId !== moving.spot.columnId) {
      if (column.id === moving.card.columnId) total -= 1;
      if (column.id === moving.spot.columnId) total += 1;
    }
    return { column, cards: byColumn.get(column.id) ?? [], total };
  });
}

/** The shown cards of a column without `cardId`. */
export function othersIn(lanes: readonly Lane[], columnId: string, cardId: string): Card[] {
  return (lanes.find((lane) => lane.column.id === columnId)?.cards ?? []).filter((card) => card.id !== cardId);
}

/** The neighbours of a spot, for the API (`afterId`, `beforeId`). */
export function neighboursAt(others: readonly Card[], index: number): { afterId: string | null; beforeId: string | null } {
  return { afterId: others[index - 1]?.id ?? null, beforeId: others[index]?.id ?? null };
}

/** Where a card stands now among the shown cards. */
export function spotOf(lanes: readonly Lane[], card: Card): Spot {
  const lane = lanes.find((each) => each.column.id === card.columnId);
  const index = lane ? lane.cards.findIndex((each) => each.id === card.id) : -1;
  return { columnId: card.columnId, index: Math.max(index, 0) };
}
