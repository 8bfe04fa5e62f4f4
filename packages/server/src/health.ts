import { readFileSync } from 'node:fs';
import { Health } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { dialectOf, migrated, type Db } from './db/index.js';
import type { EventLog } from './events/log.js';
import { ProblemError } from './http/problem.js';
import { problemResponses } from './http/responses.js';

/** The server package's version. */
export const { version: serverVersion } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * `GET /v1/health`, liveness: the process answers (a load balancer restarts it otherwise).
 * `GET /v1/ready`, readiness: the database answers, every migration is applied and, on PostgreSQL,
 * this instance listens for the others' events and, with OIDC, the identity provider has answered
 * its discovery document — otherwise 503 `unavailable`, and a load balancer
 * sends requests elsewhere until it recovers.
 */
export function registerHealth(
  root: FastifyInstance,
  deps: { db: Db; events: EventLog; /** Why a dependency other than the database is not ready (the identity provider), or null. */ notReady?: () => string | null },
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const health: Health = { status: 'ok', version: serverVersion, database: dialectOf(deps.db) };
  app.get('/v1/health', { schema: { tags: ['health'], summary: 'Liveness', response: { 200: Health } } }, async () => health);
  app.get(
    '/v1/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers',
        response: { 200: Health, ...problemResponses },
      },
    },
    async (request, reply) => {
      let problem: string | null = null;
      try {
        await sql`select 1`.execute(deps.db);
        if (!(await migrated(deps.db))) problem = 'The database lacks migrations.';
      } catch (error) {
        request.log.error({ err: error }, 'database not ready');
        problem = 'The database does not answer.';
      }
      if (problem === null && !deps.events.hearsOthers) problem = 'The connection that hears other instances’ events is down.';
      if (problem === null) problem = deps.notReady?.() ?? null;
      if (problem !== null) throw new ProblemError('unavailable', problem);
      reply.header('Cache-Control', 'no-store');
      return health;
    },
  );
}
