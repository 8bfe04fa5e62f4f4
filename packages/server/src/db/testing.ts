import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, openPostgres, type Db } from './index.js';

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
    admin = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    admin.on('error', () => {});
  }
  return admin;
}

const databaseUrl = (adminUrl: string, name: string): string => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Drops a test database, ending its connections; retried while an autovacuum worker holds it. */
async function dropDatabase(pool: pg.Pool, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      // 42501: a process of another role (autovacuum) is connected and this role may not end it.
      if ((error as { code?: string }).code !== '42501' || attempt === 50) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** The name of the migrated template for the current migration files: a change makes a new one. */
function templateName(): string {
  const dir = fileURLToPath(new URL('./migrations/', import.meta.url));
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  return `bureau_t_tpl_${hash.digest('hex').slice(0, 12)}`;
}

/**
 * A database with every migration applied, made once (per set of migration files) and copied for
 * each test: copying is much faster than migrating. Made under an advisory lock, so that test
 * processes running at once make it once; older templates are dropped then.
 */
async function migratedTemplate(adminUrl: string): Promise<string> {
  const name = templateName();
  const pool = adminPool(adminUrl);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(4242006)');
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const stale = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'bureau\_t\_tpl\_%'`);
      for (const { datname } of stale.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`);
      const db = await openPostgres(databaseUrl(adminUrl, name), { poolSize: 1 });
      await db.destroy();
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(4242006)').catch(() => {});
    client.release();
  }
  return name;
}

/** A new PostgreSQL database on the server of `adminUrl`, migrated, sorting text by code point. */
export async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = await migratedTemplate(adminUrl);
  const name = `bureau_t_${randomBytes(6).toString('hex')}`;
  const pool = adminPool(adminUrl);
  await pool.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  return { url: databaseUrl(adminUrl, name), drop: () => dropDatabase(pool, name) };
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
