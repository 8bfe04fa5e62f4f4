import type { Highlight } from '@bureau/api';

/** A letter without its accents and case, as the full-text index compares them. */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The ranges of `text` holding the searched words, as the index matched them: accent- and
 * case-insensitive, whole words, the last searched word as a prefix. Offsets index `text` itself.
 */
export function highlightsOf(text: string, words: readonly string[]): Highlight[] {
  const wanted = words.map(fold);
  const last = wanted.length - 1;
  const ranges: Highlight[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = fold(match[0]);
    const hit = wanted.some((w, i) => word === w || (i === last && word.startsWith(w)));
    if (hit) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
