import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Issue 13, the digest's conditions. `users.seen_at`: when the person last used Bureau (a request
 * or an event stream, written at most once a minute); the digest goes to people not seen for
 * `BUREAU_DIGEST_IDLE`. `users.locale_source`: where `users.locale` came from, `claim` (the
 * identity provider's `locale`) or `browser` (`Accept-Language`); a claim is not overwritten by a
 * browser. `notification_preferences.language`: the language the person chose for their mails
 * (`fr`, `en`), null to follow `users.locale`.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('users').addColumn('seen_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('locale_source', 'text').execute();
  await db.schema.alterTable('notification_preferences').addColumn('language', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('notification_preferences').dropColumn('language').execute();
  await db.schema.alterTable('users').dropColumn('locale_source').execute();
  await db.schema.alterTable('users').dropColumn('seen_at').execute();
}
