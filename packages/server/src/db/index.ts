import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-session-mode.js';
import * as m0003 from './migrations/0003-chat.js';
import * as m0004 from './migrations/0004-chat-search-rowid.js';
import * as m0005 from './migrations/0005-boards.js';
import * as m0006 from './migrations/0006-files.js';

export type { Database } from './schema.js';
export type Db = Kysely<Database>;

/** Migrations in order; a new one is appended here and never edited once released. */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-session-mode': m0002,
  '0003-chat': m0003,
  '0004-chat-search-rowid': m0004,
  '0005-boards': m0005,
  '0006-files': m0006,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Opens (creating if needed) the SQLite database `bureau.sqlite` in `dataDir`, in WAL mode,
 * and brings it to the latest migration.
 */
export async function openSqlite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(join(dataDir, 'bureau.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return db;
}

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrate(db: Db): Promise<void> {
  // Domains are developed in parallel: a database made before another domain's migration arrived
  // must still take it, so migrations of different domains must stay independent of each other.
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
}
