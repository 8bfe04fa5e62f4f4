import type { Card, UpdateCard } from '@bureau/api';
import { ConflictError } from '../errors/ConflictError.js';

/**
 * A card edit that could not be re-applied: someone else changed the same fields since the person
 * opened the card. Carries both versions, so that a UI can show them side by side and keep what
 * the person typed: `mine` (the fields they changed, as they wrote them), `current` (the card as
 * it is now on the server) and `base` (the card as they saw it).
 *
 * @example
 * ```ts
 * try {
 *   await board.edit(card.id, { description: text });
 * } catch (error) {
 *   if (error instanceof CardConflictError) showBoth(error.mine, error.current);
 *   else throw error;
 * }
 * ```
 */
export class CardConflictError extends ConflictError<Card> {
  override name = 'CardConflictError';
  /** The person's change, untouched. */
  readonly mine: UpdateCard;
  /** The card the change was based on. */
  readonly base: Card;
  /** The fields both the person and someone else changed. */
  readonly fields: readonly string[];

  constructor(cause: ConflictError<Card>, mine: UpdateCard, base: Card, fields: readonly string[]) {
    super({ method: cause.method, url: cause.url }, cause.problem, cause.requestId);
    this.mine = mine;
    this.base = base;
    this.fields = fields;
  }
}

/** The fields of a card an edit may change. */
const FIELDS = ['title', 'description', 'assignees', 'labelIds', 'dueDate', 'checklist', 'fileIds'] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Checklist items compared as the person sees them (text and done; ids kept). */
function comparable(card: Card, field: (typeof FIELDS)[number]): unknown {
  return field === 'checklist' ? card.checklist.map(({ text, done }) => ({ text, done })) : card[field];
}

/** The fields someone changed between `base` and `current`. @internal */
export function changedFields(base: Card, current: Card): string[] {
  return FIELDS.filter((field) => !same(comparable(base, field), comparable(current, field)));
}

/** The fields `change` sets. @internal */
export function touchedFields(change: UpdateCard): string[] {
  return FIELDS.filter((field) => change[field] !== undefined);
}
