import { sql, type ExpressionBuilder, type RawBuilder, type SqlBool, type StringReference } from 'kysely';
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

/**
 * The keyset condition "after the cursor's row" for a list sorted by two columns (a sort key, then
 * the id that breaks ties): `(first, second) > (a, b)`, or `<` for a descending list. Pass it to
 * `.where()` with the same columns the query orders by.
 * @example
 * query.where((eb) => afterKey(eb, ['created_at', 'id'], decodeCursor(cursor, 2)))
 */
export function afterKey<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  [first, second]: readonly [StringReference<DB, TB>, StringReference<DB, TB>],
  [a = '', b = '']: readonly string[],
  direction: 'asc' | 'desc' = 'asc',
): RawBuilder<SqlBool> {
  const beyond = sql.raw(direction === 'asc' ? '>' : '<');
  const [x, y] = [eb.ref(first), eb.ref(second)];
  return sql<SqlBool>`(${x} ${beyond} ${a} or (${x} = ${a} and ${y} ${beyond} ${b}))`;
}
