import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { withChat } from './schema.js';

/** `@userId` tokens not preceded by a word character (so that e-mail addresses are not mentions). */
const mentionToken = /(?<![\p{L}\p{N}_.@-])@([A-Za-z0-9_-]{1,64})/gu;

/** The user ids written as `@userId` in `text`, once each, in order. */
export function mentionedIds(text: string): string[] {
  // Most messages name nobody: the Unicode look-behind is not run for them (1% of a POST, issue 16).
  if (!text.includes('@')) return [];
  return [...new Set([...text.matchAll(mentionToken)].map((match) => match[1] ?? ''))].filter((id) => id !== '');
}

/**
 * Stores the mentions of a new message: the `@userId` tokens of `text` that name members of
 * `spaceId` (anyone else is not mentioned: their name stays plain text). Returns the ids, sorted.
 */
export async function addMentions(db: Kysely<Database>, message: { id: string; spaceId: string; text: string }): Promise<string[]> {
  const candidates = mentionedIds(message.text);
  if (candidates.length === 0) return [];
  const chat = withChat(db);
  const members = await chat
    .selectFrom('memberships')
    .select('user_id')
    .where('space_id', '=', message.spaceId)
    .where('user_id', 'in', candidates)
    .execute();
  const ids = members.map((m) => m.user_id).sort();
  if (ids.length > 0) await chat.insertInto('mentions').values(ids.map((userId) => ({ message_id: message.id, user_id: userId }))).execute();
  return ids;
}

/** Replaces the mentions of an edited message by those of its new text. */
export async function storeMentions(db: Kysely<Database>, message: { id: string; spaceId: string; text: string }): Promise<string[]> {
  await withChat(db).deleteFrom('mentions').where('message_id', '=', message.id).execute();
  return addMentions(db, message);
}
