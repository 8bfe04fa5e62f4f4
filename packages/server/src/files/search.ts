import { FileHits, FileSearchQuery, SpaceParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { presentFile } from './present.js';
import { withFiles } from './schema.js';
import { filesWithVersion, requireSpaceRole } from './tree.js';

/** A name as it is compared: decomposed, without its accents, case-folded. */
const folded = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * `GET /v1/spaces/:spaceId/files/search`: the live files of a space by name, type, author and date,
 * each with its folder. Type, author and dates filter in SQL; the name is matched here, on the
 * folded names of the files left, so that « note de service » finds « Note_de_Service_été.pdf »
 * whatever the database's collation (a linear pass over a space's files: thousands, not millions).
 * Members and guests only, like reading the folders (404 otherwise).
 */
export function registerFileSearchRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;
  app.get(
    '/v1/spaces/:spaceId/files/search',
    {
      schema: {
        tags: ['files'],
        summary: 'Find files of a space by name (accent- and case-insensitive), type, author and date, with their folder',
        params: SpaceParams,
        querystring: FileSearchQuery,
        response: { 200: FileHits, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { spaceId } = request.params;
      await requireSpaceRole(db, spaceId, user.id);
      const { q = '', type, authorId, from, to } = request.query;
      const words = folded(q).split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
      if (words.length === 0 && type === undefined && authorId === undefined && from === undefined && to === undefined) {
        throw new ProblemError('bad-request', 'Say what to look for: words of the name, a type, an author or dates.');
      }
      const limit = request.query.limit ?? 50;
      let select = filesWithVersion(db).where('files.space_id', '=', spaceId).where('files.deleted_at', 'is', null);
      if (type !== undefined) select = /[/.]$/u.test(type) ? select.where('file_versions.type', 'like', `${type}%`) : select.where('file_versions.type', '=', type);
      if (authorId !== undefined) select = select.where('file_versions.author_id', '=', authorId);
      if (from !== undefined) select = select.where('files.updated_at', '>=', new Date(from).toISOString());
      if (to !== undefined) select = select.where('files.updated_at', '<', new Date(to).toISOString());
      const rows = await select.orderBy('files.updated_at', 'desc').orderBy('files.id', 'desc').execute();
      const found = rows.filter((row) => {
        const name = folded(row.name);
        return words.every((word) => name.includes(word));
      });
      const folders = await withFiles(db).selectFrom('folders').select(['id', 'parent_id', 'name']).where('space_id', '=', spaceId).execute();
      const byId = new Map(folders.map((folder) => [folder.id, folder]));
      const pathOf = (folderId: string): string[] => {
        const names: string[] = [];
        for (let folder = byId.get(folderId); folder?.parent_id; folder = byId.get(folder.parent_id)) names.unshift(folder.name);
        return names;
      };
      return {
        items: found.slice(0, limit).map((row) => ({ file: presentFile(row), folderPath: pathOf(row.folder_id) })),
        more: found.length > limit,
      };
    },
  );
}
