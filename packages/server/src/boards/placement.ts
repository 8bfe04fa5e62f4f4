import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/** An ordered item (column or card) as placement sees it. */
export interface Placed {
  id: string;
  position: string;
}

/** Where the client wants an item: its would-be neighbours (either may be stale or absent). */
export interface Placement {
  afterId?: string | null | undefined;
  beforeId?: string | null | undefined;
}

/**
 * The key of an item placed among `siblings` (sorted by (position, id), WITHOUT the item itself):
 * just after `afterId` (before whatever follows it now), else just before `beforeId` (after whatever
 * precedes it now), else at the end. Neighbours are read from the current state, never trusted
 * from the client, so every move lands strictly between two existing keys and no two items of the
 * same list share a key while writes are serialised.
 */
export function keyFor(siblings: readonly Placed[], placement: Placement): string {
  const afterIndex = placement.afterId ? siblings.findIndex((s) => s.id === placement.afterId) : -1;
  if (afterIndex !== -1) return keyAfter(siblings, afterIndex);
  const beforeIndex = placement.beforeId ? siblings.findIndex((s) => s.id === placement.beforeId) : -1;
  if (beforeIndex !== -1) return keyBefore(siblings, beforeIndex);
  return generateKeyBetween(siblings.at(-1)?.position ?? null, null);
}

/** Between `siblings[index]` and the next strictly greater key (equal keys, if any, are passed over). */
function keyAfter(siblings: readonly Placed[], index: number): string {
  const low = (siblings[index] as Placed).position;
  const high = siblings.slice(index + 1).find((s) => s.position > low)?.position ?? null;
  return generateKeyBetween(low, high);
}

/** Between the previous strictly smaller key and `siblings[index]`. */
function keyBefore(siblings: readonly Placed[], index: number): string {
  const high = (siblings[index] as Placed).position;
  const low = siblings.slice(0, index).findLast((s) => s.position < high)?.position ?? null;
  return generateKeyBetween(low, high);
}

/** `count` increasing keys after the last of `siblings` (cards moved to the end of a column). */
export const keysAtEnd = (siblings: readonly Placed[], count: number): string[] =>
  generateNKeysBetween(siblings.at(-1)?.position ?? null, null, count);

/** `count` increasing keys for a new list (seeding). */
export const firstKeys = (count: number): string[] => generateNKeysBetween(null, null, count);
