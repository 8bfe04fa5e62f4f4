import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** Sessions remember how they were opened (OIDC or demo sign-in), which `GET /v1/session` reports. */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('mode', 'text', (c) => c.notNull().defaultTo('oidc')).execute();
  await db.schema.createIndex('events_created_at').on('events').column('created_at').execute();
  await db.schema.createIndex('spaces_created_at_id').on('spaces').columns(['created_at', 'id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('spaces_created_at_id').execute();
  await db.schema.dropIndex('events_created_at').execute();
  await db.schema.alterTable('sessions').dropColumn('mode').execute();
}
