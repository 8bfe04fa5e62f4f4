import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { cachingStatements } from './statements.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-session-mode.js';
import * as m0003 from './migrations/0003-chat.js';
import * as m0004 from './migrations/0004-chat-search-rowid.js';
import * as m0005 from './migrations/0005-boards.js';
import * as m0006 from './migrations/0006-files.js';
import * as m0007 from './migrations/0007-scale-out.js';
import * as m0008 from './migrations/0008-card-files.js';
import * as m0009 from './migrations/0009-client-ids.js';
import * as m0010 from './migrations/0010-user-search-name.js';
import * as m0011 from './migrations/0011-notifications.js';
import * as m0012 from './migrations/0012-governance.js';
import * as m0013 from './migrations/0013-write-identity.js';
import * as m0014 from './migrations/0014-card-archive.js';
import * as m0015 from './migrations/0015-digests.js';
import * as m0018 from './migrations/0018-group-memberships.js';
import * as m0019 from './migrations/0019-seen-and-language.js';

export type { Database } from './schema.js';
export { dialectOf, type Dialect } from './dialect.js';
export type Db = Kysely<Database>;

/** The better-sqlite3 connection behind each SQLite `Db` (Kysely's driver keeps it to itself). */
const sqliteHandles = new WeakMap<Db, SQLite.Database>();

/**
 * The synchronous better-sqlite3 connection under a SQLite `db`, for the hot write paths that run
 * as one synchronous transaction (ADR 0016); null on PostgreSQL. Use it only while holding Kysely's
 * connection (`CommitGroup` does): Kysely may have a transaction open on it between two awaits.
 */
export const sqliteHandleOf = (db: Db): SQLite.Database | null => sqliteHandles.get(db) ?? null;

/** Migrations in order; a new one is appended here and never edited once released. */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-session-mode': m0002,
  '0003-chat': m0003,
  '0004-chat-search-rowid': m0004,
  '0005-boards': m0005,
  '0006-files': m0006,
  '0007-scale-out': m0007,
  '0008-card-files': m0008,
  '0009-client-ids': m0009,
  '0010-user-search-name': m0010,
  '0011-notifications': m0011,
  '0012-governance': m0012,
  '0013-write-identity': m0013,
  '0014-card-archive': m0014,
  '0015-digests': m0015,
  '0018-group-memberships': m0018,
  '0019-seen-and-language': m0019,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Where the state lives: PostgreSQL when `url` is set, else the SQLite file in `dataDir`. */
export interface DatabaseConfig {
  dataDir: string;
  /** `postgres://user:password@host:5432/name` (any libpq connection URI `pg` accepts). */
  url?: string | undefined;
  /** Connections in the PostgreSQL pool; 10 by default. */
  poolSize?: number | undefined;
  /** Told when an idle pooled connection fails (the pool replaces it). */
  onPoolError?: (error: Error) => void;
}

/** Opens the database `config` names and brings it to the latest migration. */
export function openDatabase(config: DatabaseConfig): Promise<Db> {
  return config.url ? openPostgres(config.url, config) : openSqlite(config.dataDir);
}

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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  sqliteHandles.set(db, sqlite);
  await migrate(db);
  return db;
}

/** PostgreSQL types read as JS numbers, like SQLite gives them: bigint (8), numeric (sum) and int. */
const numberTypes = new Set([20, 1700]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    numberTypes.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pg pool as Kysely wants it, with bigint/numeric read as numbers. */
export function postgresPool(url: string, config: { poolSize?: number | undefined; onPoolError?: (error: Error) => void } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: config.poolSize ?? 10, types });
  // An idle client whose connection drops is removed by the pool; without a listener it would crash the process.
  pool.on('error', config.onPoolError ?? (() => {}));
  return pool;
}

/** Opens a pooled PostgreSQL database, checks its collation and brings it to the latest migration. */
export async function openPostgres(url: string, config: Omit<DatabaseConfig, 'dataDir' | 'url'> = {}): Promise<Db> {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(url, config) }) });
  try {
    await requireBinaryCollation(db);
    await migrate(db);
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * Ids, cursors and board positions (fractional indexes mix cases) sort by code point, as SQLite
 * compares text. A database whose default collation is a language's (`fr_FR.UTF-8`) would order
 * them otherwise: refuse it rather than paginate wrongly.
 */
async function requireBinaryCollation(db: Db): Promise<void> {
  const { rows } = await sql<{ binary: boolean }>`select ('B' < 'a' and 'a-b' < 'a_b' and 'Z' < 'a') as binary`.execute(db);
  if (rows[0]?.binary !== true) {
    throw new Error(
      'The PostgreSQL database must sort text by code point: create it with LC_COLLATE \'C\' (or \'C.UTF-8\'), ' +
        'e.g. CREATE DATABASE bureau TEMPLATE template0 LC_COLLATE \'C.UTF-8\' LC_CTYPE \'C.UTF-8\'.',
    );
  }
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

/** True when every known migration has been applied (readiness). */
export async function migrated(db: Db): Promise<boolean> {
  const applied = await new Migrator({ db, provider, allowUnorderedMigrations: true }).getMigrations();
  return applied.every((m) => m.executedAt !== undefined);
}
