import { Page, User, UserQuery } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { requireUser } from '../auth/index.js';
import { afterKey, decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { foldName } from './fold.js';
import { presentUser } from './present.js';

const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `GET /v1/users`: the directory, to pick people to add to a space. */
export function registerUserRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Search people by name (case and accents ignored)',
        querystring: UserQuery,
        response: { 200: Page(User), ...problemResponses },
      },
    },
    async (request) => {
      requireUser(request);
      const limit = request.query.limit ?? pageSize.default;
      let query = services.db.selectFrom('users').select(['id', 'name']);
      const q = request.query.q?.trim();
      // Both sides folded (lower case, no accents): « theo » finds Théo on SQLite and PostgreSQL alike.
      if (q) query = query.where(sql<boolean>`search_name like ${likePattern(foldName(q))} escape '\\'`);
      if (request.query.cursor !== undefined) {
        const key = decodeCursor(request.query.cursor, 2);
        query = query.where((eb) => afterKey(eb, ['name', 'id'], key));
      }
      const rows = await query.orderBy('name').orderBy('id').limit(limit + 1).execute();
      return toPage(rows, limit, presentUser, (row) => [row.name, row.id]);
    },
  );
}
