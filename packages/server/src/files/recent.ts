import { RecentFiles, RecentFilesQuery, SpaceParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { presentFile } from './present.js';
import { filesWithVersion, requireSpaceRole } from './tree.js';

/** `GET /v1/spaces/:spaceId/recent-files`: what a document picker offers first. */
export function registerRecentFilesRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;

  app.get(
    '/v1/spaces/:spaceId/recent-files',
    {
      schema: {
        tags: ['files'],
        summary: 'The files of the space changed most recently (not in the trash), newest first',
        params: SpaceParams,
        querystring: RecentFilesQuery,
        response: { 200: RecentFiles, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await requireSpaceRole(db, request.params.spaceId, user.id);
      const rows = await filesWithVersion(db)
        .where('files.space_id', '=', request.params.spaceId)
        .where('files.deleted_at', 'is', null)
        .orderBy('files.updated_at', 'desc')
        .orderBy('files.id', 'desc')
        .limit(request.query.limit ?? 8)
        .execute();
      return { items: rows.map(presentFile) };
    },
  );
}
