import { FileItem, FileParams, FolderParams, PlainUploadQuery } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Transform, type TransformCallback } from 'node:stream';
import { requireUser } from '../auth/index.js';
import { etagOf } from '../http/etag.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import type { BlobStore } from './blob-store.js';
import { ingest, type IngestTarget } from './ingest.js';
import { requireName } from './names.js';
import type { FilesConfig } from './options.js';
import { clientIdOf } from '../http/idempotency.js';
import { requireRoom } from './quota.js';
import { requireLiveFile, requireLiveFolder, requireWriter } from './tree.js';

/** Fails the stream with a 413 problem as soon as more than `limit` bytes went through. */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new ProblemError('payload-too-large', `A plain upload is at most ${this.limit} bytes: use tus (/v1/uploads) for larger files.`, { limit: this.limit }));
    else done(null, chunk);
  }
}

/** 413 before reading anything when `Content-Length` announces more than the limit. */
function announcedLength(request: FastifyRequest, limit: number): number | null {
  const header = request.headers['content-length'];
  if (header === undefined) return null;
  const length = Number(header);
  if (length > limit) throw new ProblemError('payload-too-large', `A plain upload is at most ${limit} bytes: use tus (/v1/uploads) for larger files.`, { limit });
  return length;
}

/**
 * Small files in one request: `POST /v1/folders/:folderId/files?name=` (new file) and
 * `PUT /v1/files/:fileId/content` (new version). The body is read raw, whatever its Content-Type.
 */
export async function registerPlainUploadRoutes(root: FastifyInstance, services: Services, blobs: BlobStore, config: FilesConfig): Promise<void> {
  await root.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const limit = config.maxPlainUploadBytes;
    const deps = { events: services.events, blobs, quotaBytes: config.quotaBytes };

    const receive = async (request: FastifyRequest, target: IngestTarget, spaceId: string) => {
      const user = requireUser(request);
      const length = announcedLength(request, limit);
      if (length !== null) await requireRoom(services.db, spaceId, length, config.quotaBytes, null);
      return ingest(deps, user, target, request.raw.pipe(new ByteLimit(limit)), null);
    };

    app.post(
      '/v1/folders/:folderId/files',
      {
        bodyLimit: limit,
        schema: {
          tags: ['files'],
          summary: `Upload a small file in one request (at most ${limit} bytes; larger files use tus); a taken name is 409`,
          params: FolderParams,
          querystring: PlainUploadQuery,
          response: { 201: FileItem, ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const name = requireName(request.query.name, '/name');
        const access = await requireLiveFolder(services.db, request.params.folderId, user.id);
        requireWriter(access.role);
        const { file } = await receive(request, { kind: 'new-file', folderId: access.folder.id, name, clientId: clientIdOf(request) }, access.folder.space_id);
        return reply.code(201).header('Location', `/v1/files/${file.id}`).header('ETag', etagOf(file.version)).send(file);
      },
    );

    app.put(
      '/v1/files/:fileId/content',
      {
        bodyLimit: limit,
        schema: {
          tags: ['files'],
          summary: `Upload a new version of a file in one request (at most ${limit} bytes)`,
          params: FileParams,
          response: { 200: FileItem, ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const access = await requireLiveFile(services.db, request.params.fileId, user.id);
        requireWriter(access.role);
        const { file } = await receive(request, { kind: 'new-version', fileId: access.file.id, clientId: clientIdOf(request) }, access.file.space_id);
        return reply.header('ETag', etagOf(file.version)).send(file);
      },
    );
  });
}
