import { readFileSync } from 'node:fs';
import { Health } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from './db/index.js';
import { ProblemError } from './http/problem.js';
import { problemResponses } from './http/responses.js';

/** The server package's version. */
export const { version: serverVersion } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** `GET /v1/health` (the process answers) and `GET /v1/ready` (and its database does). */
export function registerHealth(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const health: Health = { status: 'ok', version: serverVersion, database: 'sqlite' };
  app.get('/v1/health', { schema: { tags: ['health'], summary: 'Liveness', response: { 200: Health } } }, async () => health);
  app.get(
    '/v1/ready',
    { schema: { tags: ['health'], summary: 'Readiness: the database answers', response: { 200: Health, ...problemResponses } } },
    async (request) => {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        request.log.error({ err: error }, 'database not ready');
        throw new ProblemError('unavailable', 'The database does not answer.');
      }
      return health;
    },
  );
}
