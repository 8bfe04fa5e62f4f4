import { CreateFolder, Folder, FolderContents, FolderParams, FolderTree, SpaceParams, UpdateFolder } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { etagOf, preconditionFails } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { Empty, problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { newFolderId } from './ids.js';
import { nameKey, requireName } from './names.js';
import { presentFile, presentFolder } from './present.js';
import { withFiles } from './schema.js';
import { trashFolder, restoreFolder } from './trash-ops.js';
import { ancestorsOf, ensureRoot, filesWithVersion, pathOf, requireFolder, requireFreeName, requireLiveFolder, requireSpaceRole, requireWriter, subtreeIds } from './tree.js';

/** Folder tree of a space, folder contents, create, rename, move, trash and restore. */
export function registerFolderRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/spaces/:spaceId/folders',
    {
      schema: {
        tags: ['files'],
        summary: 'Every folder of the space not in the trash, flat (build the tree from `parentId`)',
        params: SpaceParams,
        response: { 200: FolderTree, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await requireSpaceRole(db, request.params.spaceId, user.id);
      const rootFolder = await ensureRoot(db, request.params.spaceId);
      const rows = await withFiles(db)
        .selectFrom('folders')
        .selectAll()
        .where('space_id', '=', request.params.spaceId)
        .where('deleted_at', 'is', null)
        .orderBy('name_key')
        .orderBy('id')
        .execute();
      return { rootId: rootFolder.id, items: rows.map((row) => presentFolder(row)) };
    },
  );

  app.post(
    '/v1/spaces/:spaceId/folders',
    {
      schema: {
        tags: ['files'],
        summary: 'Create a folder (members and owners); `parentId` defaults to the root; a taken name is 409',
        params: SpaceParams,
        body: CreateFolder,
        response: { 201: Folder, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const name = requireName(request.body.name, '/name');
      const folder = await events.transaction(async (trx, append) => {
        const role = await requireSpaceRole(trx, request.params.spaceId, user.id);
        requireWriter(role);
        const parent =
          request.body.parentId === undefined
            ? await ensureRoot(trx, request.params.spaceId)
            : (await requireLiveFolder(trx, request.body.parentId, user.id)).folder;
        if (parent.space_id !== request.params.spaceId) {
          throw new ProblemError('validation-failed', 'The parent folder is in another space.', { errors: [{ pointer: '/parentId', message: 'Not a folder of this space' }] });
        }
        const key = nameKey(name);
        await requireFreeName(trx, parent.id, key, null);
        const now = new Date().toISOString();
        const row = { id: newFolderId(), space_id: parent.space_id, parent_id: parent.id, name, name_key: key, created_by: user.id, created_at: now, updated_at: now, deleted_at: null, deleted_with: null, version: 1, client_id: clientIdOf(request) };
        await withFiles(trx).insertInto('folders').values(row).execute();
        const presented = presentFolder(row, pathOf(await ancestorsOf(trx, row), row));
        await append({ type: 'folder.created', spaceId: row.space_id, data: presentFolder(row) });
        return presented;
      });
      return reply.code(201).header('Location', `/v1/folders/${folder.id}`).header('ETag', etagOf(folder.version)).send(folder);
    },
  );

  app.get(
    '/v1/folders/:folderId',
    {
      schema: {
        tags: ['files'],
        summary: 'A folder with its breadcrumb, subfolders and files (names sorted)',
        params: FolderParams,
        response: { 200: FolderContents, 304: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { folder } = await requireLiveFolder(db, request.params.folderId, user.id);
      const ancestors = await ancestorsOf(db, folder);
      const folders = await withFiles(db).selectFrom('folders').selectAll().where('parent_id', '=', folder.id).where('deleted_at', 'is', null).orderBy('name_key').execute();
      const files = await filesWithVersion(db).where('files.folder_id', '=', folder.id).where('files.deleted_at', 'is', null).orderBy('files.name_key').execute();
      reply.header('Cache-Control', 'private, no-cache');
      return {
        folder: presentFolder(folder, pathOf(ancestors, folder)),
        breadcrumb: ancestors.map((row) => presentFolder(row)),
        folders: folders.map((row) => presentFolder(row)),
        files: files.map(presentFile),
      };
    },
  );

  app.patch(
    '/v1/folders/:folderId',
    {
      schema: {
        tags: ['files'],
        summary: 'Rename and/or move a folder (members and owners); `If-Match` optional; a taken name is 409',
        params: FolderParams,
        body: UpdateFolder,
        response: { 200: Folder, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (request.body.name !== undefined) requireName(request.body.name, '/name');
      const folder = await events.transaction(async (trx, append) => {
        const { folder: current, role } = await requireLiveFolder(trx, request.params.folderId, user.id);
        requireWriter(role);
        if (current.parent_id === null) throw new ProblemError('forbidden', 'The root folder of a space cannot be renamed or moved.');
        if (preconditionFails(request, current.version)) {
          throw new ProblemError('precondition-failed', undefined, { current: presentFolder(current) });
        }
        let parentId = current.parent_id;
        if (request.body.parentId !== undefined && request.body.parentId !== current.parent_id) {
          const parent = (await requireLiveFolder(trx, request.body.parentId, user.id)).folder;
          const inside = (await subtreeIds(withFiles(trx), current.id)).includes(parent.id);
          if (parent.space_id !== current.space_id || inside) {
            throw new ProblemError('validation-failed', 'A folder moves into another folder of its space, never into itself or below.', {
              errors: [{ pointer: '/parentId', message: 'Not a valid destination' }],
            });
          }
          parentId = parent.id;
        }
        const name = request.body.name ?? current.name;
        const key = nameKey(name);
        await requireFreeName(trx, parentId, key, current.id);
        const now = new Date().toISOString();
        const row = { ...current, parent_id: parentId, name, name_key: key, updated_at: now, version: current.version + 1, client_id: clientIdOf(request) };
        await withFiles(trx).updateTable('folders').set({ parent_id: parentId, name, name_key: key, updated_at: now, version: row.version, client_id: row.client_id }).where('id', '=', current.id).execute();
        await append({ type: 'folder.updated', spaceId: row.space_id, data: presentFolder(row) });
        return presentFolder(row, pathOf(await ancestorsOf(trx, row), row));
      });
      return reply.header('ETag', etagOf(folder.version)).send(folder);
    },
  );

  app.delete(
    '/v1/folders/:folderId',
    {
      schema: {
        tags: ['files'],
        summary: 'Move a folder and everything under it to the trash (members and owners)',
        params: FolderParams,
        response: { 204: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await events.transaction(async (trx, append) => {
        const access = await requireLiveFolder(trx, request.params.folderId, user.id);
        requireWriter(access.role);
        if (access.folder.parent_id === null) throw new ProblemError('forbidden', 'The root folder of a space cannot be deleted.');
        const folder = await trashFolder(trx, access.folder);
        await append({ type: 'folder.deleted', spaceId: folder.spaceId, data: { folder, purged: false } });
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/folders/:folderId/restore',
    {
      schema: {
        tags: ['files'],
        summary: 'Bring a folder back from the trash with what went with it (into the root when its parent is gone); a taken name is 409',
        params: FolderParams,
        response: { 200: Folder, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const folder = await events.transaction(async (trx, append) => {
        const access = await requireFolder(trx, request.params.folderId, user.id);
        requireWriter(access.role);
        if (access.folder.deleted_at === null || access.folder.deleted_with !== null) {
          throw new ProblemError('conflict', 'Only a folder deleted on its own can be restored.');
        }
        const restored = await restoreFolder(trx, access.folder);
        await append({ type: 'folder.updated', spaceId: restored.spaceId, data: restored });
        return restored;
      });
      return reply.header('ETag', etagOf(folder.version)).send(folder);
    },
  );
}
