import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Db } from './index.js';

/*
 * Test support (not exported by the package): every test that opens a server or a database gets a
 * fresh one — a new PostgreSQL database when `BUREAU_TEST_DATABASE_URL` names a role allowed to
 * create databases (`npm run test:server:pg`), else a new SQLite file in a temporary folder.
 */

/** The PostgreSQL URL the whole suite runs against, if any. */
export const testDatabaseUrl = (): string | undefined => process.env.BUREAU_TEST_DATABASE_URL || undefined;

/**
 * A PostgreSQL URL for the tests that need PostgreSQL whichever database the suite runs on:
 * `BUREAU_TEST_DATABASE_URL`, else `BUREAU_TEST_POSTGRES_URL`.
 */
export const postgresTestUrl = (): string | undefined => testDatabaseUrl() ?? (process.env.BUREAU_TEST_POSTGRES_URL || undefined);

/**
 * Why a PostgreSQL-only test cannot run, for `it(..., { skip })`: false when it can. In CI
 * (`CI=true`) a missing PostgreSQL is an error, never a skip.
 */
export function postgresMissing(): string | false {
  if (postgresTestUrl()) return false;
  const why = 'PostgreSQL is not configured: set BUREAU_TEST_POSTGRES_URL (or run npm run test:server:pg)';
  if (process.env.CI === 'true') throw new Error(`${why}; CI must run the PostgreSQL tests.`);
  return why;
}

/** A database made for one test; `drop()` removes it and its data folder. */
export interface TestDatabase {
  /** Data folder (blobs, uploads; the SQLite file when not on PostgreSQL). */
  dataDir: string;
  /** What `startServer`/`buildApp` need to use it: `{ dataDir }` and, on PostgreSQL, `database`. */
  options: { dataDir: string; database?: { url: string; poolSize: number } };
  /** Its PostgreSQL URL, or undefined on SQLite. */
  url: string | undefined;
  drop(): Promise<void>;
}

let admin: pg.Pool | null = null;
function adminPool(url: string): pg.Pool {
  if (!admin) {
    admin = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    admin.on('error', () => {});
  }
  return admin;
}

/** A new, empty PostgreSQL database on the server of `adminUrl`, sorting text by code point. */
export async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bureau_t_${randomBytes(6).toString('hex')}`;
  const pool = adminPool(adminUrl);
  await pool.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => void (await pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

/** A fresh database (and data folder) for one server or one test. */
export async function freshTestDatabase(prefix = 'bureau-test-'): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) {
    return { dataDir, options: { dataDir }, url: undefined, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const created = await createPostgresDatabase(adminUrl);
  return {
    dataDir,
    options: { dataDir, database: { url: created.url, poolSize: 5 } },
    url: created.url,
    drop: async () => {
      await created.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated database opened directly (tests of modules below the HTTP layer). */
export async function openTestDb(prefix?: string): Promise<{ db: Db; close(): Promise<void> }> {
  const fresh = await freshTestDatabase(prefix);
  const db = await openDatabase({ dataDir: fresh.dataDir, url: fresh.url, poolSize: 5 });
  return {
    db,
    close: async () => {
      await db.destroy();
      await fresh.drop();
    },
  };
}
