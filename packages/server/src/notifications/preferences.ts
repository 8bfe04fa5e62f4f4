import { notificationKinds, type NotificationKind, type NotificationPreferences } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { withNotifications } from './schema.js';

/** Until a person changes them: every kind notifies, nothing is muted, the digest is on, in the language known of them. */
export const defaultPreferences: NotificationPreferences = { kinds: [...notificationKinds], muted: [], digest: true, language: null };

/** The preferences of each of `userIds` (defaults for those who never changed them). */
export async function preferencesOf(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, NotificationPreferences>> {
  const found = new Map<string, NotificationPreferences>();
  if (userIds.length === 0) return found;
  const rows = await withNotifications(db).selectFrom('notification_preferences').selectAll().where('user_id', 'in', userIds).execute();
  for (const row of rows) {
    found.set(row.user_id, { kinds: JSON.parse(row.kinds) as NotificationKind[], muted: JSON.parse(row.muted) as string[], digest: row.digest === 1, language: row.language });
  }
  for (const id of userIds) if (!found.has(id)) found.set(id, defaultPreferences);
  return found;
}

/** Saves them; a `language` left out is kept as it was. */
export async function savePreferences(db: Kysely<Database>, userId: string, preferences: NotificationPreferences): Promise<void> {
  const values = {
    kinds: JSON.stringify(preferences.kinds),
    muted: JSON.stringify(preferences.muted),
    digest: preferences.digest ? 1 : 0,
    ...(preferences.language === undefined ? {} : { language: preferences.language }),
    updated_at: new Date().toISOString(),
  };
  await withNotifications(db)
    .insertInto('notification_preferences')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}
