import { sql, type Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** The fold of 0010, frozen with the migration (the live one may change later). */
const fold = (name: string): string => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * `users.search_name`: the name lower-cased without accents, so that the directory search finds
 * « Théo » when someone types « theo » on SQLite and PostgreSQL alike. Filled for existing people.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('users').addColumn('search_name', 'text', (c) => c.notNull().defaultTo('')).execute();
  const rows: { id: string; name: string }[] = await db.selectFrom('users').select(['id', 'name']).execute();
  for (const row of rows) {
    await db.updateTable('users').set({ search_name: fold(row.name) }).where('id', '=', row.id).execute();
  }
}

export async function down(db: Db): Promise<void> {
  await sql`alter table users drop column search_name`.execute(db);
}
