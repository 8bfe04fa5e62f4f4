import type { Member } from '@bureau/api';

/** Lowercase without accents, to match « lea » with « Léa ». */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The `@query` being typed just before the caret, or undefined. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | undefined {
  const match = /(?:^|\s)@([\p{L}\p{N}_-]{0,32})$/u.exec(text.slice(0, caret));
  if (match === null) return undefined;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}

/** The members whose id or name starts with (a word starting with) `query`, at most `limit`. */
export function matchMembers(members: readonly Member[], query: string, excludeId: string | undefined, limit = 6): Member[] {
  const wanted = fold(query);
  return members
    .filter((member) => member.userId !== excludeId)
    .filter((member) => wanted === '' || fold(member.userId).startsWith(wanted) || fold(member.name).split(/\s+/).some((word) => word.startsWith(wanted)))
    .slice(0, limit);
}
