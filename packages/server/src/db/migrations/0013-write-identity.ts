import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** The rest of the resources a client creates, beside messages, cards and files (migration 0009). */
const tables = ['spaces', 'rooms', 'folders', 'boards', 'board_columns'] as const;

/**
 * Issue 10, second part: every created resource stores the client id of the write that made it (its
 * `Idempotency-Key`), echoed as `clientId`; and the database holds the key that signs page cursors,
 * made here at random, so that every instance sharing the database checks the same signatures.
 * Schema builder only: SQLite and PostgreSQL alike.
 */
export async function up(db: Db): Promise<void> {
  for (const table of tables) await db.schema.alterTable(table).addColumn('client_id', 'text').execute();
  await db.schema
    .createTable('server_keys')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('server_keys').values({ name: 'cursor', value: randomBytes(32).toString('base64url') }).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('server_keys').execute();
  for (const table of tables) await db.schema.alterTable(table).dropColumn('client_id').execute();
}
