import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { seedFiles } from '../demo/seed-files.js';
import type { Services } from '../services.js';
import { LocalBlobStore, type BlobStore } from './blob-store.js';
import { registerContentRoutes } from './content.js';
import { registerFileRoutes } from './files.js';
import { registerFolderRoutes } from './folders.js';
import { filesConfig, type FilesOptions } from './options.js';
import { registerPlainUploadRoutes } from './plain-upload.js';
import { registerPublicShareRoutes } from './public-share.js';
import { registerShareLinkRoutes } from './share-links.js';
import { purgeTrash } from './trash-ops.js';
import { registerTrashRoutes } from './trash.js';
import { S3BlobStore } from './s3-blob-store.js';
import { s3Uploads } from './s3-uploads.js';
import { localUploads, registerTus, type UploadStorage } from './tus.js';

export type { FilesOptions, S3Options } from './options.js';
export type { BlobStore } from './blob-store.js';

const sweepEveryMs = 3600_000;

/**
 * Files: folders, files, versions, trash, downloads, plain and tus uploads, share links and their
 * public pages. Blobs live under `<dataDir>/blobs`, unfinished tus uploads under `<dataDir>/uploads`,
 * or both in an S3-compatible bucket when `options.s3` is set (several instances share it).
 * In demo mode, the documents of *Espace RH 360* are seeded on first start. The trash is purged and expired uploads removed at start and every hour.
 * Returns the blob store: data exports and retention purges use it too.
 */
export async function registerFiles(app: FastifyInstance, services: Services, dataDir: string, options: FilesOptions = {}): Promise<{ blobs: BlobStore }> {
  const config = filesConfig(options);
  let blobs: BlobStore;
  let uploads: UploadStorage;
  if (config.s3) {
    const s3 = new S3BlobStore(config.s3);
    try {
      await s3.check();
    } catch (error) {
      s3.client.destroy();
      throw error;
    }
    blobs = s3;
    uploads = s3Uploads(config.s3, s3, config.uploadExpiryMs);
  } else {
    blobs = new LocalBlobStore(join(dataDir, 'blobs'));
    uploads = localUploads(join(dataDir, 'uploads'), blobs, config.uploadExpiryMs);
  }
  if (services.demo) await seedFiles({ db: services.db, events: services.events, blobs });
  registerFolderRoutes(app, services);
  registerFileRoutes(app, services);
  registerContentRoutes(app, services, blobs);
  registerTrashRoutes(app, services, config);
  registerShareLinkRoutes(app, services);
  await registerPlainUploadRoutes(app, services, blobs, config);
  await registerPublicShareRoutes(app, services, blobs);
  const tus = await registerTus(app, services, blobs, config, uploads);
  app.addHook('onClose', async () => {
    uploads.close();
    if (blobs instanceof S3BlobStore) blobs.client.destroy();
  });

  const sweep = async () => {
    const cutoff = new Date(Date.now() - config.trashRetentionDays * 24 * 3600_000).toISOString();
    await purgeTrash({ db: services.db, blobs, transaction: (work) => services.events.transaction(work) }, cutoff);
    await tus.sweep();
  };
  const run = () => {
    sweep().catch((error: unknown) => app.log.error({ err: error }, 'files sweep failed'));
  };
  const timer = setInterval(run, sweepEveryMs);
  timer.unref();
  app.addHook('onReady', async () => {
    await sweep().catch((error: unknown) => app.log.error({ err: error }, 'files sweep failed'));
  });
  app.addHook('onClose', async () => clearInterval(timer));
  return { blobs };
}
