import { FileItem, FileParams, FileVersion, FileVersionParams, Page, UpdateFile } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { etagOf, notModified, preconditionFails } from '../http/etag.js';
import { ProblemError } from '../http/problem.js';
import { Empty, problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { nameKey, requireName } from './names.js';
import { presentFile, presentVersion } from './present.js';
import { withFiles } from './schema.js';
import { notifyNewVersion } from '../notifications/files.js';
import { restoreFile, trashFile } from './trash-ops.js';
import { filesWithVersion, requireFile, requireFreeName, requireLiveFile, requireLiveFolder, requireWriter } from './tree.js';

/** File metadata, rename, move, trash, restore, versions. */
export function registerFileRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/files/:fileId',
    {
      schema: { tags: ['files'], summary: 'A file’s metadata (also in the trash)', params: FileParams, response: { 200: FileItem, 304: Empty, ...problemResponses } },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { file } = await requireFile(db, request.params.fileId, user.id);
      reply.header('ETag', etagOf(file.version)).header('Cache-Control', 'private, no-cache');
      if (notModified(request, file.version)) return reply.code(304).send(null);
      return presentFile(file);
    },
  );

  app.patch(
    '/v1/files/:fileId',
    {
      schema: {
        tags: ['files'],
        summary: 'Rename and/or move a file (members and owners); `If-Match` optional; a taken name is 409',
        params: FileParams,
        body: UpdateFile,
        response: { 200: FileItem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (request.body.name !== undefined) requireName(request.body.name, '/name');
      const file = await events.transaction(async (trx, append) => {
        const { file: current, role } = await requireLiveFile(trx, request.params.fileId, user.id);
        requireWriter(role);
        if (preconditionFails(request, current.version)) throw new ProblemError('precondition-failed', undefined, { current: presentFile(current) });
        let folderId = current.folder_id;
        if (request.body.folderId !== undefined && request.body.folderId !== current.folder_id) {
          const folder = (await requireLiveFolder(trx, request.body.folderId, user.id)).folder;
          if (folder.space_id !== current.space_id) {
            throw new ProblemError('validation-failed', 'A file moves into another folder of its space.', { errors: [{ pointer: '/folderId', message: 'Not a folder of this space' }] });
          }
          folderId = folder.id;
        }
        const name = request.body.name ?? current.name;
        const key = nameKey(name);
        await requireFreeName(trx, folderId, key, current.id);
        const now = new Date().toISOString();
        const version = current.version + 1;
        await withFiles(trx).updateTable('files').set({ folder_id: folderId, name, name_key: key, updated_at: now, version }).where('id', '=', current.id).execute();
        const updated = presentFile({ ...current, folder_id: folderId, name, name_key: key, updated_at: now, version });
        await append({ type: 'file.updated', spaceId: updated.spaceId, data: updated });
        return updated;
      });
      return reply.header('ETag', etagOf(file.version)).send(file);
    },
  );

  app.delete(
    '/v1/files/:fileId',
    { schema: { tags: ['files'], summary: 'Move a file to the trash (members and owners)', params: FileParams, response: { 204: Empty, ...problemResponses } } },
    async (request, reply) => {
      const user = requireUser(request);
      await events.transaction(async (trx, append) => {
        const access = await requireLiveFile(trx, request.params.fileId, user.id);
        requireWriter(access.role);
        const file = await trashFile(trx, access.file);
        await append({ type: 'file.deleted', spaceId: file.spaceId, data: { file, purged: false } });
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/files/:fileId/restore',
    {
      schema: {
        tags: ['files'],
        summary: 'Bring a file back from the trash (into the root when its folder is gone); a taken name is 409',
        params: FileParams,
        response: { 200: FileItem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const file = await events.transaction(async (trx, append) => {
        const access = await requireFile(trx, request.params.fileId, user.id);
        requireWriter(access.role);
        if (access.file.deleted_at === null || access.file.deleted_with !== null) {
          throw new ProblemError('conflict', 'Only a file deleted on its own can be restored (restore its folder otherwise).');
        }
        const restored = await restoreFile(trx, access.file);
        await append({ type: 'file.updated', spaceId: restored.spaceId, data: restored });
        return restored;
      });
      return reply.header('ETag', etagOf(file.version)).send(file);
    },
  );

  app.get(
    '/v1/files/:fileId/versions',
    { schema: { tags: ['files'], summary: 'Content versions of a file, newest first', params: FileParams, response: { 200: Page(FileVersion), ...problemResponses } } },
    async (request) => {
      const user = requireUser(request);
      const { file } = await requireFile(db, request.params.fileId, user.id);
      const rows = await withFiles(db).selectFrom('file_versions').selectAll().where('file_id', '=', file.id).orderBy('number', 'desc').execute();
      return { items: rows.map(presentVersion), nextCursor: null };
    },
  );

  app.post(
    '/v1/files/:fileId/versions/:number/restore',
    {
      schema: {
        tags: ['files'],
        summary: 'Make an older version current again: it becomes a new version with the same bytes',
        params: FileVersionParams,
        response: { 200: FileItem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const file = await events.transaction(async (trx, append) => {
        const access = await requireLiveFile(trx, request.params.fileId, user.id);
        requireWriter(access.role);
        const files = withFiles(trx);
        const old = await files.selectFrom('file_versions').selectAll().where('file_id', '=', access.file.id).where('number', '=', request.params.number).executeTakeFirst();
        if (!old) throw new ProblemError('not-found', 'No such version of this file.');
        const now = new Date().toISOString();
        const number = access.file.current_version + 1;
        await files.insertInto('file_versions').values({ ...old, number, author_id: user.id, author_name: user.name, created_at: now }).execute();
        await files.updateTable('files').set({ current_version: number, updated_at: now, version: access.file.version + 1 }).where('id', '=', access.file.id).execute();
        const updated = presentFile(await filesWithVersion(trx).where('files.id', '=', access.file.id).executeTakeFirstOrThrow());
        await append({ type: 'file.updated', spaceId: updated.spaceId, data: updated });
        await notifyNewVersion(trx, append, { id: updated.id, name: updated.name, spaceId: updated.spaceId, folderId: access.file.folder_id }, user.id);
        return updated;
      });
      return reply.header('ETag', etagOf(file.version)).send(file);
    },
  );
}
