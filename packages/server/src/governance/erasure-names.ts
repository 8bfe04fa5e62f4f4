import { erasedName } from '@bureau/api';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { BoardTables } from '../boards/schema.js';
import { presentMessages } from '../chat/present.js';
import { withChat } from '../chat/schema.js';
import { indexMessage } from '../chat/search-index.js';
import type { Database } from '../db/index.js';
import type { AppendEvent } from '../events/log.js';

/** `\`, `%` and `_` escaped for a LIKE pattern with `ESCAPE '\'`. */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What other people wrote about the person, with their name taken out: `@userId` mentions (the same
 * boundaries as `chat/mentions.ts`) become `@Ancien·ne agent·e`, and their full name, as they were
 * known, becomes the pseudonym. A first name alone or a nickname cannot be told from other words:
 * docs/rgpd.md says so.
 */
export function nameRewriter(userId: string, formerName: string): (text: string) => string {
  const mention = new RegExp(`(?<![\\p{L}\\p{N}_.@-])@${escapeRegExp(userId)}(?![A-Za-z0-9_-])`, 'gu');
  const name = isFullName(formerName) ? formerName : null;
  return (text) => {
    const unmentioned = text.replace(mention, `@${erasedName}`);
    return name === null ? unmentioned : unmentioned.split(name).join(erasedName);
  };
}

/**
 * A name of two words of letters at least (« Camille Martin »): only such a name is looked for in
 * what others wrote, since a one-word name (or an identity-provider subject standing in for a
 * missing name) would also match words that do not mean the person.
 */
const isFullName = (name: string): boolean => (name.match(/\p{L}{2,}/gu) ?? []).length >= 2;

/**
 * Rewrites the person's mentions and name in every message, card comment and notification excerpt
 * (and in the logged events that carry them), drops their mention records, re-indexes the messages
 * for search and tells live readers of each changed message (`message.updated`, its `editedAt`
 * unchanged: the author did not edit it). Runs in the erasure's transaction, after the person's own
 * name was replaced.
 */
export async function rewriteNamesOf(trx: Transaction<Database>, append: AppendEvent, userId: string, formerName: string): Promise<void> {
  const rewrite = nameRewriter(userId, formerName);
  const patterns = [`%@${likeLiteral(userId)}%`, ...(isFullName(formerName) ? [`%${likeLiteral(formerName)}%`] : [])];
  const chat = withChat(trx as Kysely<Database>);
  const matches = (column: string) => sql.join(patterns.map((p) => sql`${sql.ref(column)} LIKE ${p} ESCAPE '\\'`), sql` OR `);

  await chat.deleteFrom('mentions').where('user_id', '=', userId).execute();
  const { rows: messages } = await sql<{ id: string; text: string; version: number }>`SELECT id, text, version FROM messages WHERE deleted_at IS NULL AND (${matches('text')})`.execute(trx);
  const changed: string[] = [];
  for (const m of messages) {
    const text = rewrite(m.text);
    if (text === m.text) continue;
    await chat.updateTable('messages').set({ text, version: m.version + 1 }).where('id', '=', m.id).execute();
    await indexMessage(trx, m.id);
    changed.push(m.id);
  }
  if (changed.length > 0) {
    const rows = await chat.selectFrom('messages').selectAll().where('id', 'in', changed).orderBy('id').execute();
    for (const message of await presentMessages(trx, rows)) await append({ type: 'message.updated', spaceId: message.spaceId, data: message });
  }

  const boards = (trx as Kysely<Database>).withTables<BoardTables>();
  const { rows: comments } = await sql<{ id: string; text: string }>`SELECT id, text FROM card_comments WHERE ${matches('text')}`.execute(trx);
  for (const c of comments) await boards.updateTable('card_comments').set({ text: rewrite(c.text) }).where('id', '=', c.id).execute();
  const { rows: excerpts } = await sql<{ id: string; excerpt: string }>`SELECT id, excerpt FROM notifications WHERE ${matches('excerpt')}`.execute(trx);
  for (const n of excerpts) await sql`UPDATE notifications SET excerpt = ${rewrite(n.excerpt)} WHERE id = ${n.id}`.execute(trx);
  const { rows: logged } = await sql<{ position: number; payload: string }>`SELECT position, payload FROM events WHERE ${matches('payload')}`.execute(trx);
  for (const e of logged) await sql`UPDATE events SET payload = ${rewriteJson(e.payload, rewrite)} WHERE position = ${e.position}`.execute(trx);
}

/** `rewrite` applied to every string of a JSON document (so that escapes inside it stay valid). */
function rewriteJson(payload: string, rewrite: (text: string) => string): string {
  return JSON.stringify(JSON.parse(payload, (_key, value: unknown) => (typeof value === 'string' ? rewrite(value) : value)));
}
