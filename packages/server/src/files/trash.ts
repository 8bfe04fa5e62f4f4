import { Page, SpaceParams, SpaceUsage, TrashEntry, TrashQuery } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { afterKey, decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import type { FilesConfig } from './options.js';
import { presentFile, presentFolder } from './present.js';
import { usedBytes } from './quota.js';
import { withFiles } from './schema.js';
import { filesWithVersion, requireSpaceRole } from './tree.js';

type Entry = { at: string; id: string; entry: TrashEntry };

/** `GET /v1/spaces/:spaceId/trash` (items deleted on their own, newest first) and `/usage`. */
export function registerTrashRoutes(root: FastifyInstance, services: Services, config: FilesConfig): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;

  app.get(
    '/v1/spaces/:spaceId/trash',
    {
      schema: {
        tags: ['files'],
        summary: `The space’s trash, most recently deleted first; purged after ${config.trashRetentionDays} days`,
        params: SpaceParams,
        querystring: TrashQuery,
        response: { 200: Page(TrashEntry), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await requireSpaceRole(db, request.params.spaceId, user.id);
      const limit = request.query.limit ?? pageSize.default;
      const key = request.query.cursor === undefined ? null : decodeCursor(db, `trash:${request.params.spaceId}`, request.query.cursor, 2);
      let folders = withFiles(db).selectFrom('folders').selectAll().where('space_id', '=', request.params.spaceId).where('deleted_at', 'is not', null).where('deleted_with', 'is', null);
      let files = filesWithVersion(db).where('files.space_id', '=', request.params.spaceId).where('files.deleted_at', 'is not', null).where('files.deleted_with', 'is', null);
      if (key !== null) {
        folders = folders.where((eb) => afterKey(eb, ['deleted_at', 'id'], key, 'desc'));
        files = files.where((eb) => afterKey(eb, ['files.deleted_at', 'files.id'], key, 'desc'));
      }
      const folderRows = await folders.orderBy('deleted_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      const fileRows = await files.orderBy('files.deleted_at', 'desc').orderBy('files.id', 'desc').limit(limit + 1).execute();
      const merged: Entry[] = [
        ...folderRows.map((row) => ({ at: row.deleted_at ?? '', id: row.id, entry: { kind: 'folder' as const, folder: presentFolder(row) } })),
        ...fileRows.map((row) => ({ at: row.deleted_at ?? '', id: row.id, entry: { kind: 'file' as const, file: presentFile(row) } })),
      ].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
      return toPage(db, `trash:${request.params.spaceId}`, merged.slice(0, limit + 1), limit, (item) => item.entry, (item) => [item.at, item.id]);
    },
  );

  app.get(
    '/v1/spaces/:spaceId/usage',
    { schema: { tags: ['files'], summary: 'Bytes the space holds and its quota', params: SpaceParams, response: { 200: SpaceUsage, ...problemResponses } } },
    async (request) => {
      const user = requireUser(request);
      await requireSpaceRole(db, request.params.spaceId, user.id);
      return { used: await usedBytes(db, request.params.spaceId), quota: config.quotaBytes };
    },
  );
}
