import { sql, type ExpressionBuilder, type RawBuilder, type SqlBool, type StringReference } from 'kysely';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/index.js';
import { ProblemError } from './problem.js';

/** Default and largest page sizes of every list endpoint. */
export const pageSize = { default: 50, max: 100 } as const;

/** The key each database signs its cursors with (loaded once per opened database by `loadCursorKey`). */
const keys = new WeakMap<object, Buffer>();

/**
 * Loads the cursor key of `db` (made at random by migration 0013, shared by every instance on the
 * same database, so a cursor from one instance is good on another). Call once after opening it.
 */
export async function loadCursorKey(db: Db): Promise<void> {
  const row = await db.selectFrom('server_keys').select('value').where('name', '=', 'cursor').executeTakeFirstOrThrow();
  keys.set(db, Buffer.from(row.value, 'base64url'));
}

function keyOf(db: object): Buffer {
  const key = keys.get(db);
  if (key === undefined) throw new Error('loadCursorKey(db) was not called for this database');
  return key;
}

const mac = (db: object, scope: string, payload: string): Buffer =>
  createHmac('sha256', keyOf(db)).update(`${scope}\0${payload}`).digest().subarray(0, 16);

/**
 * An opaque cursor: the sort key of the last item of the previous page, signed for one list
 * (`scope`, e.g. `messages:<roomId>`), so that a cursor the server never made, or one made for
 * another list, is refused rather than read.
 */
export function encodeCursor(db: object, scope: string, key: readonly string[]): string {
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${mac(db, scope, payload).toString('base64url')}`;
}

/** Decodes a cursor that `encodeCursor` made for `scope` with `length` parts; a 422 `invalid-cursor` otherwise. */
export function decodeCursor(db: object, scope: string, cursor: string, length: number, pointer = '/cursor'): string[] {
  const [payload = '', signature = '', ...rest] = cursor.split('.');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(db, scope, payload);
  let parsed: unknown = null;
  if (rest.length === 0 && given.length === expected.length && timingSafeEqual(given, expected)) {
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      parsed = null;
    }
  }
  if (!Array.isArray(parsed) || parsed.length !== length || !parsed.every((part) => typeof part === 'string')) {
    throw new ProblemError('invalid-cursor', 'The cursor is not one this server made for this list: start again from the first page.', {
      errors: [{ pointer, message: 'Invalid cursor' }],
    });
  }
  return parsed;
}

/** Splits `limit + 1` fetched rows into a page and the cursor (signed for `scope`) of the next one. */
export function toPage<Row, Item>(
  db: object,
  scope: string,
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  keyOf: (row: Row) => readonly string[],
): { items: Item[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return { items: shown.map(present), nextCursor: more && last !== undefined ? encodeCursor(db, scope, keyOf(last)) : null };
}

/**
 * The keyset condition "after the cursor's row" for a list sorted by two columns (a sort key, then
 * the id that breaks ties): `(first, second) > (a, b)`, or `<` for a descending list. Pass it to
 * `.where()` with the same columns the query orders by.
 * @example
 * query.where((eb) => afterKey(eb, ['created_at', 'id'], decodeCursor(db, `rooms:${spaceId}`, cursor, 2)))
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
