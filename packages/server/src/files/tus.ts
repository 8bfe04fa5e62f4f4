import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tusMetadataKeys, uploadsPath } from '@bureau/api';
import { FileStore } from '@tus/file-store';
import { Server, type ServerOptions as TusOptions } from '@tus/server';
import type { DataStore } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireUser } from '../auth/index.js';
import type { UserRow } from '../db/schema.js';
import { sendProblem } from '../http/errors.js';
import { isProblemError, ProblemError } from '../http/problem.js';
import type { Services } from '../services.js';
import type { BlobStore } from './blob-store.js';
import { ingest, ingestStaged, type IngestTarget } from './ingest.js';
import { Measure } from './detect.js';
import { newUploadId } from './ids.js';
import { nameKey, requireName } from './names.js';
import type { FilesConfig } from './options.js';
import { requireRoom } from './quota.js';
import { withFiles, type UploadRow } from './schema.js';
import { requireFreeName, requireLiveFile, requireLiveFolder, requireWriter } from './tree.js';

/** Set by our own hook on the raw request (never taken from the client) to name the tus upload. */
const uploadIdHeader = 'x-bureau-upload-id';
const checksumAlgorithms: Record<string, string> = { sha1: 'sha1', sha256: 'sha256', md5: 'md5' };
/** tus 1.0 checksum extension: the chunk's checksum did not match; nothing of it was kept. */
const checksumMismatch = 460;

/** `Upload-Metadata`: comma-separated `key base64value` pairs. */
function parseMetadata(header: string | undefined): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [key, value = '', extra] = pair.trim().split(' ');
    if (!key || extra !== undefined) continue;
    metadata[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return metadata;
}

const invalid = (pointer: string, message: string) => new ProblemError('validation-failed', message, { errors: [{ pointer, message }] });

/** Hashes the bytes of one PATCH for the checksum extension. */
class ChunkHash extends Transform {
  readonly hash: Hash;
  constructor(algorithm: string) {
    super();
    this.hash = createHash(algorithm);
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }
}

interface ChunkCheck {
  expected: string;
  hasher: ChunkHash;
}

const checkFails = (check: ChunkCheck | undefined): boolean => check !== undefined && check.hasher.hash.copy().digest('base64') !== check.expected;

/**
 * Where unfinished tus uploads live, shared by every instance that serves them: a folder on this
 * machine (`localUploads`) or an S3-compatible bucket (`s3Uploads` in s3-uploads.ts).
 */
export interface UploadStorage {
  readonly datastore: DataStore;
  /**
   * True when a chunk sent with `Upload-Checksum` must be checked before any byte of it reaches the
   * store (it is spooled to a temporary file first): a part stored in S3 cannot be cut back.
   */
  readonly checkBeforeStore: boolean;
  /** The bytes of a finished upload. */
  read(id: string): Promise<Readable>;
  /** Makes the finished upload `id` (of `size` bytes) the blob `blobKey`. */
  adopt(id: string, blobKey: string, size: number): Promise<void>;
  /** Removes whatever is left of upload `id`; nothing happens when nothing is. */
  discard(id: string): Promise<void>;
  /** Cuts upload `id` back to `offset` after a stored chunk failed its checksum (when `checkBeforeStore` is false). */
  rewind(id: string, offset: number): Promise<void>;
  /** Lets go of connections, when the server closes. */
  close(): void;
}

/** Unfinished uploads as files under `directory` (@tus/file-store); a finished one is renamed into the blob store. */
export function localUploads(directory: string, blobs: BlobStore, expiryMs: number): UploadStorage {
  const store = new FileStore({ directory, expirationPeriodInMilliseconds: expiryMs });
  return {
    datastore: store,
    checkBeforeStore: false,
    read: async (id) => createReadStream(join(directory, id)),
    adopt: (id, blobKey) => blobs.putFile(blobKey, join(directory, id)),
    async discard(id) {
      await rm(join(directory, id), { force: true });
      await store.configstore.delete(id).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    },
    rewind: (id, offset) => truncate(join(directory, id), offset),
    close: () => {},
  };
}

/** The stable problem code of a tus error status (tus status codes are kept). */
const tusCodes: Record<number, ProblemError['code']> = {
  400: 'bad-request',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  410: 'gone',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  [checksumMismatch]: 'checksum-mismatch',
};

/** A tus error as RFC 9457 problem details, with `Tus-Resumable`; `text` (from @tus/server or here) is the detail. */
function tusProblem(request: FastifyRequest, reply: FastifyReply, status: number, text: string): FastifyReply {
  const problem = new ProblemError(tusCodes[status] ?? (status >= 500 ? 'internal' : 'bad-request'), text.trim() || undefined);
  return sendProblem(request, reply.header('Tus-Resumable', '1.0.0'), problem);
}

/** Writes `body` to a fresh temporary file, refusing more than `limit` bytes (413); the caller removes it. */
async function spool(body: Readable, limit: number): Promise<string> {
  const path = join(tmpdir(), `bureau-chunk-${randomBytes(9).toString('base64url')}`);
  let seen = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new ProblemError('payload-too-large', `This upload takes at most ${limit} more bytes.`, { limit }));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, bounded, createWriteStream(path, { flags: 'wx' }));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return path;
}

/**
 * tus 1.0 at `/v1/uploads` (creation, creation-with-upload, termination, expiration, checksum),
 * by @tus/server on `storage` (local disk or S3). Every request is authorized here first, from the
 * database, never from this process's memory: an upload belongs to its creator (anyone else gets
 * 404), so any instance may serve any request of it; metadata, size (413 before any byte is kept),
 * name and quota are checked at creation. A finished upload becomes a file (or a new version).
 */
export async function registerTus(root: FastifyInstance, services: Services, blobs: BlobStore, config: FilesConfig, storage: UploadStorage): Promise<{ sweep(): Promise<void> }> {
  const { db } = services;
  const checks = new WeakMap<Request, ChunkCheck>();
  /** Bytes of a PATCH from offset 0, counted and hashed on arrival: a one-PATCH upload is not read again. */
  const arrivals = new WeakMap<Request, Measure>();
  const owners = new WeakMap<Request, UserRow>();

  const finish: TusOptions['onUploadFinish'] = async (req, upload) => {
    if (checkFails(checks.get(req as Request))) throw { status_code: checksumMismatch, body: 'Checksum mismatch\n' };
    const row = await withFiles(db).selectFrom('uploads').selectAll().where('id', '=', upload.id).executeTakeFirstOrThrow();
    const user = owners.get(req as Request);
    if (!user || user.id !== row.user_id) throw { status_code: 404, body: 'Not found\n' };
    const target: IngestTarget =
      row.file_id === null
        ? { kind: 'new-file', folderId: row.folder_id, name: row.name, clientId: row.client_id }
        : { kind: 'new-version', fileId: row.file_id, clientId: row.client_id };
    try {
      const arrived = arrivals.get(req as Request);
      const measured = arrived && arrived.size === upload.size ? { size: arrived.size, checksum: arrived.checksum(), head: arrived.head() } : null;
      const size = upload.size ?? row.length;
      const staged = { read: () => storage.read(upload.id), moveTo: (blobKey: string) => storage.adopt(upload.id, blobKey, size) };
      const { file } = await ingestStaged({ events: services.events, blobs, quotaBytes: config.quotaBytes }, user, target, staged, measured, upload.id);
      return { headers: { 'Bureau-File-Id': file.id, 'Bureau-File-Version': String(file.currentVersion) } };
    } catch (error) {
      if (isProblemError(error)) throw { status_code: error.status, body: `${error.detail ?? error.code}\n` };
      throw error;
    } finally {
      await withFiles(db).deleteFrom('uploads').where('id', '=', upload.id).execute();
      // The bytes moved into the blob store, or are abandoned: nothing of the upload remains.
      await storage.discard(upload.id);
    }
  };

  const tus = new Server({
    path: uploadsPath,
    datastore: storage.datastore,
    maxSize: config.maxUploadBytes,
    relativeLocation: true,
    allowedOrigins: () => false,
    namingFunction: (req) => {
      const id = req.headers.get(uploadIdHeader);
      if (id === null) throw new Error('An upload is created only through the authorizing route.');
      return id;
    },
    onUploadFinish: finish,
  });

  /** Checks a creation request and records its owner; returns the new upload's id. */
  const authorizeCreation = async (request: FastifyRequest, user: UserRow): Promise<string> => {
    if (request.headers['upload-defer-length'] !== undefined) throw new ProblemError('bad-request', 'Give `Upload-Length`: deferred lengths are not accepted.');
    const length = Number(request.headers['upload-length']);
    if (!Number.isSafeInteger(length) || length < 0) throw new ProblemError('bad-request', '`Upload-Length` must be a non-negative integer.');
    if (length > config.maxUploadBytes) {
      throw new ProblemError('payload-too-large', `A file is at most ${config.maxUploadBytes} bytes.`, { limit: config.maxUploadBytes });
    }
    const metadata = parseMetadata(request.headers['upload-metadata'] as string | undefined);
    const spaceId = metadata[tusMetadataKeys.spaceId];
    const folderId = metadata[tusMetadataKeys.folderId];
    const fileId = metadata[tusMetadataKeys.fileId];
    if (!spaceId) throw invalid('/metadata/spaceId', 'Upload-Metadata needs `spaceId`.');
    let row: UploadRow;
    const clientId = metadata[tusMetadataKeys.clientId] ?? null;
    if (clientId !== null && !/^[\x21-\x7e]{1,255}$/.test(clientId)) throw invalid('/metadata/clientId', 'A client id is 1 to 255 visible ASCII characters.');
    const base = { id: newUploadId(), user_id: user.id, space_id: spaceId, length, created_at: new Date().toISOString(), client_id: clientId };
    if (fileId) {
      const { file, role } = await requireLiveFile(db, fileId, user.id);
      if (file.space_id !== spaceId) throw new ProblemError('not-found', 'No such file in this space.');
      requireWriter(role);
      row = { ...base, folder_id: file.folder_id, file_id: file.id, name: file.name };
    } else {
      if (!folderId) throw invalid('/metadata/folderId', 'Upload-Metadata needs `folderId`.');
      const name = requireName(metadata[tusMetadataKeys.filename] ?? '', '/metadata/filename');
      const { folder, role } = await requireLiveFolder(db, folderId, user.id);
      if (folder.space_id !== spaceId) throw new ProblemError('not-found', 'No such folder in this space.');
      requireWriter(role);
      await requireFreeName(db, folder.id, nameKey(name), null);
      row = { ...base, folder_id: folder.id, file_id: null, name };
    }
    await requireRoom(db, spaceId, length, config.quotaBytes, null);
    await withFiles(db).insertInto('uploads').values(row).execute();
    return row.id;
  };

  /**
   * An empty file has no bytes to PATCH: it becomes a file at creation, answered like a finished
   * upload (201 with `Location`, `Upload-Offset: 0` and `Bureau-File-Id`).
   */
  const createEmpty = async (request: FastifyRequest, reply: FastifyReply, user: UserRow, uploadId: string): Promise<FastifyReply> => {
    const row = await withFiles(db).selectFrom('uploads').selectAll().where('id', '=', uploadId).executeTakeFirstOrThrow();
    const target: IngestTarget =
      row.file_id === null
        ? { kind: 'new-file', folderId: row.folder_id, name: row.name, clientId: row.client_id }
        : { kind: 'new-version', fileId: row.file_id, clientId: row.client_id };
    try {
      const { file } = await ingest({ events: services.events, blobs, quotaBytes: config.quotaBytes }, user, target, Readable.from([]), uploadId);
      return reply
        .code(201)
        .header('Tus-Resumable', '1.0.0')
        .header('Location', `${uploadsPath}/${uploadId}`)
        .header('Upload-Offset', '0')
        .header('Bureau-File-Id', file.id)
        .header('Bureau-File-Version', String(file.currentVersion))
        .send(null);
    } finally {
      await withFiles(db).deleteFrom('uploads').where('id', '=', uploadId).execute();
    }
  };

  /** The caller's own upload; 404 for anyone else (same answer as an unknown upload). */
  const requireOwnUpload = async (uploadId: string, user: UserRow): Promise<UploadRow> => {
    const row = await withFiles(db).selectFrom('uploads').selectAll().where('id', '=', uploadId).where('user_id', '=', user.id).executeTakeFirst();
    if (!row) throw new ProblemError('not-found', 'No such upload.');
    return row;
  };

  /** Hands the request to @tus/server; `room` bounds the bytes a PATCH may bring (the upload's length). */
  const forward = async (request: FastifyRequest, reply: FastifyReply, user: UserRow, room: number): Promise<FastifyReply> => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.raw.headers)) {
      if (value !== undefined && name !== uploadIdHeader && !name.startsWith(':')) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    if (request.uploadId !== undefined) headers.set(uploadIdHeader, request.uploadId);
    let check: ChunkCheck | undefined;
    let body: Readable | undefined;
    let spooled: string | undefined;
    if (request.method === 'PATCH' || (request.method === 'POST' && request.headers['content-type'] !== undefined)) {
      body = request.raw;
      const checksum = request.headers['upload-checksum'];
      if (typeof checksum === 'string') {
        const [algorithm = '', expected = ''] = checksum.trim().split(' ');
        const known = checksumAlgorithms[algorithm];
        if (!known) return tusProblem(request, reply, 400, 'Unsupported checksum algorithm');
        check = { expected, hasher: new ChunkHash(known) };
        body = request.raw.pipe(check.hasher);
        request.raw.once('error', (error) => check?.hasher.destroy(error));
        if (storage.checkBeforeStore) {
          spooled = await spool(body, room);
          if (checkFails(check)) {
            await rm(spooled, { force: true });
            return tusProblem(request, reply.header('Upload-Offset', String(Number(request.headers['upload-offset'] ?? 0))), checksumMismatch, 'Checksum mismatch');
          }
          body = createReadStream(spooled);
        }
      }
      if (Number(request.headers['upload-offset'] ?? 0) === 0) {
        const source = body;
        const arrival = new Measure();
        body = source.pipe(arrival);
        source.once('error', (error) => arrival.destroy(error));
      }
    }
    const webRequest = new Request(new URL(request.url, 'http://bureau.invalid'), {
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body: Readable.toWeb(body) as ReadableStream, duplex: 'half' }),
    } as RequestInit);
    owners.set(webRequest, user);
    if (check) checks.set(webRequest, check);
    if (body instanceof Measure) arrivals.set(webRequest, body);
    const offsetBefore = Number(request.headers['upload-offset']);
    let response: Response;
    try {
      response = await tus.handleWeb(webRequest);
    } finally {
      if (spooled !== undefined) await rm(spooled, { force: true });
    }
    let status = response.status;
    let text = await response.text();
    if (request.method === 'PATCH' && status === 204 && checkFails(check)) {
      status = checksumMismatch;
      text = 'Checksum mismatch\n';
    }
    if (request.method === 'DELETE' && status === 204 && request.uploadId !== undefined) {
      // Terminated: forget it before answering, so that nothing of it outlives the answer.
      await withFiles(db).deleteFrom('uploads').where('id', '=', request.uploadId).execute();
      await storage.discard(request.uploadId);
    }
    if (status === checksumMismatch && !storage.checkBeforeStore && request.uploadId !== undefined && Number.isSafeInteger(offsetBefore)) {
      await storage.rewind(request.uploadId, offsetBefore);
    }
    reply.code(status);
    for (const [name, value] of response.headers) {
      if (!name.startsWith('access-control-') && name !== 'content-length' && name !== 'connection' && name !== 'content-type') reply.header(name, value);
    }
    reply.header('Tus-Extension', 'creation,creation-with-upload,termination,expiration,checksum').header('Tus-Checksum-Algorithm', 'sha1,sha256,md5');
    // A refused chunk was not kept: the offset stays where the request started.
    if (status === checksumMismatch && Number.isSafeInteger(offsetBefore)) reply.header('Upload-Offset', String(offsetBefore));
    if (status >= 400) return tusProblem(request, reply, status, text);
    if (text.length === 0) return reply.send(null);
    return reply.type('text/plain; charset=utf-8').send(text);
  };

  await root.register(async (scope) => {
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null, undefined));
    scope.decorateRequest('uploadId', undefined);
    // tus is idempotent by offset: `Idempotency-Key` must not replay an old offset.
    scope.addHook('onRequest', async (request) => {
      delete request.headers['idempotency-key'];
    });

    scope.post(
      uploadsPath,
      {
        schema: {
          tags: ['uploads'],
          summary: 'tus 1.0 creation: `Tus-Resumable: 1.0.0`, `Upload-Length`, `Upload-Metadata` (spaceId, folderId, filename, or fileId for a new version)',
          description: 'Answers 201 with `Location: /v1/uploads/{id}` and `Upload-Expires`. Refused before any byte is kept: 413 over the size limit or the space quota, 422 for a bad name or missing metadata, 409 for a taken name, 403 for guests, 404 for non-members. `creation-with-upload` accepted.',
        },
      },
      async (request, reply) => {
      const user = requireUser(request);
      request.uploadId = await authorizeCreation(request, user);
      if (Number(request.headers['upload-length']) === 0) return createEmpty(request, reply, user, request.uploadId);
      try {
        const answer = await forward(request, reply, user, Number(request.headers['upload-length']));
        if (reply.statusCode !== 201) await withFiles(db).deleteFrom('uploads').where('id', '=', request.uploadId).where('length', '>', 0).execute();
        return answer;
      } catch (error) {
        await withFiles(db).deleteFrom('uploads').where('id', '=', request.uploadId).execute();
        throw error;
      }
      },
    );

    for (const method of ['HEAD', 'PATCH', 'DELETE'] as const) {
      scope.route({
        method,
        url: `${uploadsPath}/:uploadId`,
        schema: {
          tags: ['uploads'],
          summary: { HEAD: 'tus 1.0: the upload’s `Upload-Offset` and `Upload-Length` (its creator only; 404 for anyone else)', PATCH: 'tus 1.0: append bytes at `Upload-Offset` (`application/offset+octet-stream`, optional `Upload-Checksum` → 460 on mismatch); the last one answers `Bureau-File-Id`', DELETE: 'tus 1.0 termination: abandon the upload (its creator only)' }[method],
        },
        handler: async (request, reply) => {
          const user = requireUser(request);
          const { uploadId } = request.params as { uploadId: string };
          const row = await requireOwnUpload(uploadId, user);
          request.uploadId = row.id;
          if (method === 'PATCH' && request.headers['content-type'] !== 'application/offset+octet-stream') {
            return tusProblem(request, reply, 415, 'A PATCH carries `Content-Type: application/offset+octet-stream`.');
          }
          return forward(request, reply, user, row.length);
        },
      });
    }
  });

  return {
    async sweep() {
      await tus.cleanUpExpiredUploads();
      const cutoff = new Date(Date.now() - config.uploadExpiryMs).toISOString();
      await withFiles(db).deleteFrom('uploads').where('created_at', '<', cutoff).execute();
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The tus upload this request is about, once authorized. */
    uploadId: string | undefined;
  }
}
