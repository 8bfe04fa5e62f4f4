import { ProblemError } from './problem.js';

/** Default and largest page sizes of every list endpoint. */
export const pageSize = { default: 50, max: 100 } as const;

/** An opaque cursor: the sort key of the last item of the previous page. */
export const encodeCursor = (key: readonly string[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Decodes a cursor made by `encodeCursor` with `length` parts; a 422 problem otherwise. */
export function decodeCursor(cursor: string, length: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== length || !parsed.every((part) => typeof part === 'string')) {
    throw new ProblemError('validation-failed', 'The cursor is not one this server made.', {
      errors: [{ pointer: '/cursor', message: 'Invalid cursor' }],
    });
  }
  return parsed;
}

/** Splits `limit + 1` fetched rows into a page and the cursor of the next one. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  keyOf: (row: Row) => readonly string[],
): { items: Item[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return { items: shown.map(present), nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
