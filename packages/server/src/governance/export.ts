import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { DataExport } from '@bureau/api';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import yazl from 'yazl';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import type { BlobStore } from '../files/blob-store.js';
import { contentDisposition } from '../files/serve.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { recordAudit } from './audit.js';
import { collectPersonData } from './export-data.js';
import { withGovernance, type ExportRow } from './schema.js';

/** How long a prepared export stays downloadable. */
export const exportTtlMs = 7 * 24 * 3600_000;

const presentExport = (row: ExportRow): DataExport => ({
  id: row.id,
  status: row.status,
  progress: row.progress,
  size: row.size,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
  downloadUrl: row.status === 'ready' ? '/v1/me/export/content' : null,
});

/** The `wait` preference of a `Prefer` header, in milliseconds, at most 30 s; 0 without one. */
function preferredWaitMs(prefer: string | undefined): number {
  const seconds = Number(/(?:^|[,;\s])wait=(\d+)/i.exec(prefer ?? '')?.[1] ?? 0);
  return Math.min(seconds, 30) * 1000;
}

/** Writes the ZIP of a person's data into the blob store under the export's id, updating its progress. */
async function prepareExport(db: Kysely<Database>, blobs: BlobStore, row: ExportRow): Promise<void> {
  const gov = withGovernance(db);
  let progressWrites = Promise.resolve();
  const setProgress = (progress: number): void => {
    progressWrites = progressWrites.then(async () => {
      await gov.updateTable('data_exports').set({ progress }).where('id', '=', row.id).execute();
    });
  };
  try {
    const data = await collectPersonData(db, row.user_id);
    setProgress(10);
    const zip = new yazl.ZipFile();
    for (const [name, value] of Object.entries(data.json)) zip.addBuffer(Buffer.from(JSON.stringify(value, null, 2)), name);
    let done = 0;
    for (const doc of data.documents) {
      zip.addReadStreamLazy(doc.path, { size: doc.size }, (callback) => {
        blobs.get(doc.blobKey).then(
          (stream) => {
            stream.once('end', () => {
              done += 1;
              setProgress(10 + Math.floor((85 * done) / data.documents.length));
            });
            callback(null, stream);
          },
          (error: unknown) => callback(error, new PassThrough()),
        );
      });
    }
    zip.end();
    await blobs.put(row.id, zip.outputStream as Readable);
    await progressWrites;
    const stored = await blobs.stat(row.id);
    await gov
      .updateTable('data_exports')
      .set({ status: 'ready', progress: 100, size: stored?.size ?? 0, finished_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .execute();
  } catch (error) {
    await progressWrites.catch(() => undefined);
    await gov.updateTable('data_exports').set({ status: 'failed', finished_at: new Date().toISOString() }).where('id', '=', row.id).execute();
    throw error;
  }
}

/** Removes exports older than their window, and their ZIPs; also used by the erasure. */
export async function deleteExports(db: Kysely<Database>, blobs: BlobStore, filter: { userId?: string; before?: string }): Promise<void> {
  let query = withGovernance(db).selectFrom('data_exports').select('id');
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.before !== undefined) query = query.where('created_at', '<', filter.before);
  for (const { id } of await query.execute()) {
    await blobs.delete(id);
    await withGovernance(db).deleteFrom('data_exports').where('id', '=', id).execute();
  }
}

/** `POST /v1/me/export` starts preparing, `GET /v1/me/export` tells the progress, `GET /v1/me/export/content` gives the ZIP. */
export function registerExportRoutes(root: FastifyInstance, services: Services, blobs: BlobStore): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;
  /** Jobs running in this process, by export id. */
  const running = new Map<string, Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled(running.values());
  });
  const latest = (userId: string) =>
    withGovernance(db).selectFrom('data_exports').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();

  app.post(
    '/v1/me/export',
    {
      schema: {
        tags: ['governance'],
        summary: 'Prepare a ZIP of everything Bureau holds about the caller (right of access and portability)',
        response: { 202: DataExport, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const current = await latest(user.id);
      if (current?.status === 'preparing') return reply.code(202).send(presentExport(current));
      const row: ExportRow = {
        id: `exp_${randomBytes(18).toString('base64url')}`,
        user_id: user.id,
        status: 'preparing',
        progress: 0,
        size: null,
        created_at: new Date().toISOString(),
        finished_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await withGovernance(trx).insertInto('data_exports').values(row).execute();
        await recordAudit(trx, { actorId: user.id, spaceId: null, action: 'export.requested', targetId: user.id });
      });
      const job = prepareExport(db, blobs, row).catch((error: unknown) => request.log.error({ err: error, exportId: row.id }, 'data export failed'));
      running.set(row.id, job);
      void job.finally(() => running.delete(row.id));
      return reply.code(202).header('Location', '/v1/me/export').send(presentExport(row));
    },
  );

  app.get(
    '/v1/me/export',
    {
      schema: {
        tags: ['governance'],
        summary: "The caller's latest data export and its progress; `Prefer: wait=N` (RFC 7240) waits up to N seconds (at most 30) for it to be ready",
        headers: Type.Object({ prefer: Type.Optional(Type.String()) }),
        response: { 200: DataExport, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      let row = await latest(user.id);
      if (!row) throw new ProblemError('not-found', 'No export was requested yet: POST /v1/me/export.');
      const job = running.get(row.id);
      const wait = preferredWaitMs(request.headers.prefer);
      if (row.status === 'preparing' && job && wait > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([job, new Promise((resolve) => (timer = setTimeout(resolve, wait)))]);
        clearTimeout(timer);
        row = (await latest(user.id)) ?? row;
      }
      return reply.header('Cache-Control', 'private, no-store').send(presentExport(row));
    },
  );

  app.get(
    '/v1/me/export/content',
    {
      schema: {
        tags: ['governance'],
        summary: "The caller's latest prepared export, as a ZIP of JSON files and documents",
        response: { 200: { type: 'string', format: 'binary' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const row = await latest(user.id);
      if (!row || row.status !== 'ready') throw new ProblemError('not-found', 'No prepared export: POST /v1/me/export and wait until it is ready.');
      const stream = await blobs.get(row.id);
      return reply
        .header('Content-Type', 'application/zip')
        .header('Content-Disposition', contentDisposition('attachment', `bureau-export-${row.created_at.slice(0, 10)}.zip`))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .send(stream);
    },
  );
}
