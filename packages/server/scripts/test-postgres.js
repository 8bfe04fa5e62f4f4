// Runs the whole server test suite against PostgreSQL: every server the tests start gets a fresh
// database, created from BUREAU_TEST_POSTGRES_URL (a role allowed to CREATE DATABASE) and dropped
// after. Without a reachable PostgreSQL it skips with a message — except in CI (CI=true), where it fails.
import pg from 'pg';
import { runServerTests } from './run-tests.js';

const url = process.env.BUREAU_TEST_POSTGRES_URL || 'postgres://bureau:bureau@127.0.0.1:5432/bureau';
const shown = url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.end();
} catch (error) {
  const message = `PostgreSQL is not reachable at ${shown} (${error.message}).`;
  if (process.env.CI === 'true') {
    console.error(`${message} CI must run the PostgreSQL server suite: see .ci/run.`);
    process.exit(1);
  }
  console.warn(`${message}\nSkipping the PostgreSQL server suite: start PostgreSQL and set BUREAU_TEST_POSTGRES_URL to run it (docs/deploy.md).`);
  process.exit(0);
}

// Suites whose subject does not depend on the database dialect run on SQLite only (`test:server`):
// the conformance command's own report (its checks run here through the other conformance files),
// the OpenAPI document, the problem-code catalogue, the command line, the drop-in's headers, the
// log redaction, and the identity providers' failure modes and client authentication methods and the
// demo's dev tokens (HTTP and token checks whose only database work, a person and a session, the
// OIDC and bearer suites run here). Everything else that reads or writes data runs on both.
const sqliteOnly = new Set([
  'conformance/kit-cli.test.ts',
  'openapi.test.ts',
  'http/problem-codes.test.ts',
  'http/bundle.test.ts',
  'http/log-redaction.test.ts',
  'cli.test.ts',
  'auth/oidc-outages.test.ts',
  'auth/oidc-providers.test.ts',
  'auth/dev-token.test.ts',
]);

console.log(`Server suite on PostgreSQL (${shown}), every file but ${sqliteOnly.size} dialect-free ones (run on SQLite only).`);
process.exit(await runServerTests({ exclude: sqliteOnly, outDir: '.test-js-pg', env: { BUREAU_TEST_DATABASE_URL: url, BUREAU_TEST_POSTGRES_URL: url } }));
