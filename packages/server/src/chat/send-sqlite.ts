import type { Message } from '@bureau/api';
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { Db } from '../db/index.js';
import type { SyncWork } from '../events/commit-group.js';
import { requireOpen, requireWriter, roomAccessOf, roomAccessQuery } from './access.js';
import { createdMessage, newMessageRow, type NewMessageInput } from './new-message.js';
import type { SendRateLimiter } from './rate.js';
import type { MessageRow, RoomRow } from './schema.js';
import type { Role } from '@bureau/api';

/*
 * A message POST on SQLite as one synchronous run of prepared statements (ADR 0016): the room and
 * membership, the full-text row, the message row; its event is written with its commit group's.
 * Awaited through Kysely, the same statements took ten times what SQLite spends on them. Only the
 * plain case takes this path — a top-level message without files or mentions, most of what people
 * send; replies, attachments and mentions (notifications, preferences) take the general one.
 */

interface SendStatements {
  access: Statement;
  /** Where the room id and the user id go among `access`'s parameters. */
  accessParameters: (roomId: string, userId: string) => unknown[];
  searchRow: Statement;
  message: Statement;
}

const prepared = new WeakMap<SQLiteDatabase, SendStatements>();

const roomMark = '\u0000room';
const userMark = '\u0000user';

function statementsOf(sqlite: SQLiteDatabase, db: Db): SendStatements {
  let found = prepared.get(sqlite);
  if (found === undefined) {
    // The access query is written once, in Kysely (`requireRoom`): compiled here to its SQL text.
    const compiled = roomAccessQuery(db, roomMark, userMark).compile();
    const columns = Object.keys(newMessageRow({ id: '', space_id: '' } as RoomRow, { author: { id: '', name: '' }, text: '', threadId: null, attachments: [], clientId: null }, null));
    found = {
      access: sqlite.prepare(compiled.sql),
      accessParameters: (roomId, userId) => compiled.parameters.map((p) => (p === roomMark ? roomId : p === userMark ? userId : p)),
      searchRow: sqlite.prepare('INSERT INTO messages_fts (text, room_id) VALUES (?, ?)'),
      message: sqlite.prepare(`INSERT INTO messages (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`),
    };
    prepared.set(sqlite, found);
  }
  return found;
}

/** True when a message takes the synchronous path: top-level, no files, no `@mention`. */
export const isPlainMessage = (input: NewMessageInput, mentions: readonly string[]): boolean =>
  input.threadId === null && input.attachments.length === 0 && mentions.length === 0;

/**
 * Sends a plain message (see `isPlainMessage`) in `roomId`: the same checks, rows and event as the
 * general path, synchronously, as a `SyncWork` run by `EventLog.transactionSync`. Every refusal
 * (404, 403, 409, 429) is thrown by the check step, before anything is written.
 */
export function sendPlainMessage(db: Db, limiter: SendRateLimiter, roomId: string, input: NewMessageInput): SyncWork<Message> {
  return (sqlite) => {
    const statements = statementsOf(sqlite, db);
    const access = roomAccessOf(statements.access.get(...statements.accessParameters(roomId, input.author.id)) as (RoomRow & { role: Role }) | undefined);
    requireWriter(access);
    requireOpen(access);
    limiter.takeHere(input.author.id);
    return (append) => {
      const searchRowid = Number(statements.searchRow.run(input.text, access.room.id).lastInsertRowid);
      const row: MessageRow = newMessageRow(access.room, input, searchRowid);
      statements.message.run(row);
      const created = createdMessage(row, input.author, [], []);
      append({ type: 'message.created', spaceId: row.space_id, data: created });
      return created;
    };
  };
}
