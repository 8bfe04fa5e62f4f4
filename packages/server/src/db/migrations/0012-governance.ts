import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Governance and RGPD (issue 14): the audit log, référents, versioned rules of use and their
 * acceptances, per-space policies (erasure, retention), the minimal activity record behind the usage
 * indicators, data exports, and the erasure mark on people. Schema builder only: SQLite and PostgreSQL.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // No foreign keys: an entry outlives the person, the space and the thing it names.
    .addColumn('actor_id', 'text')
    .addColumn('space_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_space').on('audit_log').columns(['space_id', 'id']).execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();

  await db.schema.alterTable('memberships').addColumn('referent', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('erased_at', 'text').execute();

  await db.schema
    .createTable('space_rules')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('space_rules_pk', ['space_id', 'version'])
    .execute();
  await db.schema
    .createTable('rules_acceptances')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rules_acceptances_pk', ['space_id', 'user_id', 'version'])
    .execute();

  await db.schema
    .createTable('space_policies')
    .addColumn('space_id', 'text', (c) => c.primaryKey().references('spaces.id').onDelete('cascade'))
    .addColumn('erasure', 'text', (c) => c.notNull().defaultTo('pseudonymise'))
    .addColumn('message_retention_months', 'integer')
    .addColumn('document_retention_months', 'integer')
    .addColumn('trash_retention_days', 'integer')
    .execute();

  // Who was active in a space in a week (read or downloaded; writes are read from the content itself).
  await db.schema
    .createTable('space_activity')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('space_activity_pk', ['space_id', 'week', 'user_id'])
    .execute();
  await db.schema
    .createTable('space_downloads')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('space_downloads_pk', ['space_id', 'week'])
    .execute();

  await db.schema
    .createTable('data_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('data_exports_user').on('data_exports').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['data_exports', 'space_downloads', 'space_activity', 'space_policies', 'rules_acceptances', 'space_rules', 'audit_log']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('users').dropColumn('erased_at').execute();
  await db.schema.alterTable('memberships').dropColumn('referent').execute();
}
