import type { MessagePage, MessagesQuery } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { EventLog } from '../events/log.js';
import { decodeCursor, encodeCursor, pageSize } from '../http/cursor.js';
import { ProblemError } from '../http/problem.js';
import { presentMessages } from './present.js';
import { withChat, type MessageRow } from './schema.js';

/** The list a page is taken from: a room's top-level messages, or the replies of one thread. */
export interface MessageList {
  roomId: string;
  threadId: string | null;
}

function listQuery(db: Kysely<Database>, list: MessageList) {
  const select = withChat(db).selectFrom('messages').selectAll().where('room_id', '=', list.roomId);
  return list.threadId === null ? select.where('thread_id', 'is', null) : select.where('thread_id', '=', list.threadId);
}

/** The list a message cursor belongs to: a room's top level, or one thread. */
const scopeOf = (list: MessageList): string => `messages:${list.roomId}:${list.threadId ?? ''}`;

const cursorOf = (db: Kysely<Database>, list: MessageList, row: MessageRow | undefined): string | null =>
  row === undefined ? null : encodeCursor(db, scopeOf(list), [row.id]);

/**
 * A page of a list, chronological, with the event-log position it was read at. By default the
 * newest page; `cursor` pages to older messages, `after` to newer ones, `around` centres the page on
 * one message of the list (a search result, a notification) so that the reader can scroll both ways
 * from it. 404 when `around` is not in the list.
 */
export async function messagePage(db: Kysely<Database>, list: MessageList, query: MessagesQuery, log: Pick<EventLog, 'readHead'>): Promise<MessagePage> {
  // The head is read before the page: every change up to it is in the page (a message and its event
  // commit together), so a client whose stream starts at or before it misses nothing (ADR 0022). On
  // SQLite it is known without a statement: a page is three (room access, the page, its links).
  const position = String(await log.readHead());
  return { ...(await readPage(db, list, query)), position };
}

async function readPage(db: Kysely<Database>, list: MessageList, query: MessagesQuery): Promise<MessagePage> {
  const limit = query.limit ?? pageSize.default;
  if (query.around !== undefined) return pageAround(db, list, query.around, limit);
  if (query.after !== undefined) {
    const [after = ''] = decodeCursor(db, scopeOf(list), query.after, 1, '/after');
    const rows = await listQuery(db, list).where('id', '>', after).orderBy('id', 'asc').limit(limit + 1).execute();
    const shown = rows.slice(0, limit);
    return {
      items: await presentMessages(db, shown),
      nextCursor: cursorOf(db, list, shown[0]),
      newerCursor: rows.length > limit ? cursorOf(db, list, shown.at(-1)) : null,
    };
  }
  let select = listQuery(db, list);
  if (query.cursor !== undefined) {
    const [before = ''] = decodeCursor(db, scopeOf(list), query.cursor, 1);
    select = select.where('id', '<', before);
  }
  const rows = await select.orderBy('id', 'desc').limit(limit + 1).execute();
  const shown = rows.slice(0, limit).reverse();
  return {
    items: await presentMessages(db, shown),
    nextCursor: rows.length > limit ? cursorOf(db, list, shown[0]) : null,
    // The newest page has nothing newer; an older page leads back to newer ones.
    newerCursor: query.cursor === undefined ? null : cursorOf(db, list, shown.at(-1)),
  };
}

async function pageAround(db: Kysely<Database>, list: MessageList, aroundId: string, limit: number): Promise<MessagePage> {
  const centre = await listQuery(db, list).where('id', '=', aroundId).executeTakeFirst();
  if (!centre) throw new ProblemError('not-found', 'No such message in this list.');
  // Half each side; near the start or the end of the list, the other side fills the page.
  const [older, newer] = await Promise.all([
    listQuery(db, list).where('id', '<', aroundId).orderBy('id', 'desc').limit(limit).execute(),
    listQuery(db, list).where('id', '>', aroundId).orderBy('id', 'asc').limit(limit).execute(),
  ]);
  const room = limit - 1;
  const olderTake = Math.min(older.length, Math.max(Math.floor(room / 2), room - newer.length));
  const newerTake = Math.min(newer.length, room - olderTake);
  const rows = [...older.slice(0, olderTake).reverse(), centre, ...newer.slice(0, newerTake)];
  return {
    items: await presentMessages(db, rows),
    nextCursor: older.length > olderTake ? cursorOf(db, list, rows[0]) : null,
    newerCursor: newer.length > newerTake ? cursorOf(db, list, rows.at(-1)) : null,
  };
}
