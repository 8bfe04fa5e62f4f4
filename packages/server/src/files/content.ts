import { ContentQuery, FileParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import type { BlobStore } from './blob-store.js';
import { withFiles } from './schema.js';
import { inlineTypes, sendDownload, type Download } from './serve.js';
import { recordDownload } from '../governance/activity.js';
import { requireFile } from './tree.js';

const Bytes = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'The file’s bytes (or the asked range).' });

async function downloadOf(db: Db, fileId: string, userId: string, version: number | undefined): Promise<Download & { spaceId: string }> {
  const { file } = await requireFile(db, fileId, userId);
  if (version === undefined || version === file.current_version) {
    return { blobKey: file.blob_key, size: file.size, type: file.type, checksum: file.checksum, name: file.name, spaceId: file.space_id };
  }
  const row = await withFiles(db).selectFrom('file_versions').selectAll().where('file_id', '=', file.id).where('number', '=', version).executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No such version of this file.');
  return { blobKey: row.blob_key, size: row.size, type: row.type, checksum: row.checksum, name: file.name, spaceId: file.space_id };
}

/** `GET /v1/files/:fileId/content` (attachment, Range) and `/preview` (inline for safe images and PDF). */
export function registerContentRoutes(root: FastifyInstance, services: Services, blobs: BlobStore): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;

  app.get(
    '/v1/files/:fileId/content',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a file (always `attachment`, `nosniff`, sandboxing CSP); one `Range` honoured',
        params: FileParams,
        querystring: ContentQuery,
        response: { 200: Bytes, 206: Bytes, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const download = await downloadOf(db, request.params.fileId, user.id, request.query.version);
      // A resumed download (a Range) is the same download: counted once, for the usage indicators.
      if (request.headers.range === undefined) await recordDownload(db, download.spaceId, user.id);
      return sendDownload(request, reply, blobs, download, false);
    },
  );

  app.get(
    '/v1/files/:fileId/preview',
    {
      schema: {
        tags: ['files'],
        summary: 'The original bytes inline, for PNG, JPEG, GIF, WebP and PDF only (404 for other types)',
        params: FileParams,
        querystring: ContentQuery,
        response: { 200: Bytes, 206: Bytes, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const download = await downloadOf(db, request.params.fileId, user.id, request.query.version);
      if (!inlineTypes.has(download.type)) throw new ProblemError('not-found', 'This type of file has no preview.');
      return sendDownload(request, reply, blobs, download, true);
    },
  );
}
