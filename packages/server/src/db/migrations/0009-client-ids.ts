import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** Resources whose pending copies clients match: messages, cards and files (through their uploads). */
const tables = ['messages', 'cards', 'files', 'uploads'] as const;

/**
 * The client id of a write (its `Idempotency-Key`), stored on the resource it created or changed
 * last and echoed as `clientId`; null for rows written without one. Schema builder only: SQLite and
 * PostgreSQL alike.
 */
export async function up(db: Db): Promise<void> {
  for (const table of tables) await db.schema.alterTable(table).addColumn('client_id', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of tables) await db.schema.alterTable(table).dropColumn('client_id').execute();
}
