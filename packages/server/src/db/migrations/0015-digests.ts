import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * E-mail digests (issue 13). `users.locale` (`fr` or `en`, null: French) is the language of the
 * mails a person receives. `notification_digests` has one row per person and digest period: the
 * instance that inserts it first is the one that sends (several instances on PostgreSQL, one mail);
 * `token_hash` is the SHA-256 of the random secret in the mail's unsubscribe link.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('users').addColumn('locale', 'text').execute();
  await db.schema
    .createTable('notification_digests')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_digests_pk', ['user_id', 'period'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('notification_digests').execute();
  await db.schema.alterTable('users').dropColumn('locale').execute();
}
