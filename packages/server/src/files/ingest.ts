import type { FileItem } from '@bureau/api';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { UserRow } from '../db/schema.js';
import type { EventLog } from '../events/log.js';
import { newBlobKey, type BlobStore } from './blob-store.js';
import { detectType, Measure } from './detect.js';
import { newFileId } from './ids.js';
import { nameKey } from './names.js';
import { presentFile } from './present.js';
import { requireRoom } from './quota.js';
import { withFiles } from './schema.js';
import { filesWithVersion, requireFreeName, requireLiveFile, requireLiveFolder, requireWriter } from './tree.js';

/** Where the bytes go: a new file in a folder, or a new version of a file. */
export type IngestTarget = ({ kind: 'new-file'; folderId: string; name: string } | { kind: 'new-version'; fileId: string }) & {
  /** The client id of the write, stored on the file and echoed as its `clientId`. */
  clientId: string | null;
};

export interface IngestDeps {
  events: EventLog;
  blobs: BlobStore;
  quotaBytes: number | null;
}

export interface Ingested {
  file: FileItem;
  created: boolean;
}

/**
 * Stores `bytes` as a blob (counted, hashed, type detected from the content), then in one
 * transaction checks again who may write where, the name and the quota, records the file or its new
 * version and appends the event. The blob is removed when anything fails.
 */
export async function ingest(deps: IngestDeps, user: UserRow, target: IngestTarget, bytes: Readable, uploadId: string | null): Promise<Ingested> {
  const measure = new Measure();
  const blobKey = newBlobKey();
  const chunks = bytes.pipe(measure);
  bytes.once('error', (error) => measure.destroy(error));
  await deps.blobs.put(blobKey, chunks);
  try {
    const checksum = measure.checksum();
    const name = target.kind === 'new-file' ? target.name : '';
    const type = await detectType(measure.head(), name);
    return await record(deps, user, target, { blobKey, checksum, type, size: measure.size }, uploadId);
  } catch (error) {
    await deps.blobs.delete(blobKey);
    throw error;
  }
}

/** What is known of bytes already counted and hashed while they arrived. */
export interface Measured {
  size: number;
  checksum: string;
  head: Buffer;
}

/** A finished upload where the upload store keeps it: read once more, or moved into the blob store. */
export interface StagedUpload {
  read(): Promise<Readable>;
  /** Makes the bytes the blob `blobKey` (a rename on disk, a copy inside the bucket on S3). */
  moveTo(blobKey: string): Promise<void>;
}

/**
 * Same as `ingest` for a finished tus upload: it moves into the blob store without passing through
 * this server again; the bytes are read once more only when they were not measured on arrival (an
 * upload in several PATCHes, perhaps through several instances).
 */
export async function ingestStaged(deps: IngestDeps, user: UserRow, target: IngestTarget, staged: StagedUpload, measured: Measured | null, uploadId: string): Promise<Ingested> {
  let known = measured;
  if (known === null) {
    const measure = new Measure();
    await pipeline(await staged.read(), measure, new Writable({ write: (_chunk, _encoding, done) => done() }));
    known = { size: measure.size, checksum: measure.checksum(), head: measure.head() };
  }
  const blobKey = newBlobKey();
  await staged.moveTo(blobKey);
  try {
    const type = await detectType(known.head, target.kind === 'new-file' ? target.name : '');
    return await record(deps, user, target, { blobKey, checksum: known.checksum, type, size: known.size }, uploadId);
  } catch (error) {
    await deps.blobs.delete(blobKey);
    throw error;
  }
}

interface StoredBlob {
  blobKey: string;
  checksum: string;
  type: string;
  size: number;
}

async function record(deps: IngestDeps, user: UserRow, target: IngestTarget, blob: StoredBlob, uploadId: string | null): Promise<Ingested> {
  return deps.events.transaction(async (trx, append) => {
    const files = withFiles(trx);
    const now = new Date().toISOString();
    if (target.kind === 'new-version') {
      const access = await requireLiveFile(trx, target.fileId, user.id);
      requireWriter(access.role);
      await requireRoom(trx, access.file.space_id, blob.size, deps.quotaBytes, uploadId);
      const number = access.file.current_version + 1;
      const type = blob.type === 'text/plain' ? detectTypeByName(access.file.name, blob.type) : blob.type;
      await files
        .insertInto('file_versions')
        .values({ file_id: access.file.id, number, space_id: access.file.space_id, size: blob.size, type, checksum: blob.checksum, blob_key: blob.blobKey, author_id: user.id, author_name: user.name, created_at: now })
        .execute();
      await files.updateTable('files').set({ current_version: number, updated_at: now, version: access.file.version + 1, client_id: target.clientId }).where('id', '=', access.file.id).execute();
      const file = presentFile(await filesWithVersion(trx).where('files.id', '=', access.file.id).executeTakeFirstOrThrow());
      await append({ type: 'file.updated', spaceId: file.spaceId, data: file });
      return { file, created: false };
    }
    const access = await requireLiveFolder(trx, target.folderId, user.id);
    requireWriter(access.role);
    const key = nameKey(target.name);
    await requireFreeName(trx, access.folder.id, key, null);
    await requireRoom(trx, access.folder.space_id, blob.size, deps.quotaBytes, uploadId);
    const id = newFileId();
    await files
      .insertInto('files')
      .values({ id, space_id: access.folder.space_id, folder_id: access.folder.id, name: target.name, name_key: key, current_version: 1, created_at: now, updated_at: now, deleted_at: null, deleted_with: null, version: 1, client_id: target.clientId })
      .execute();
    await files
      .insertInto('file_versions')
      .values({ file_id: id, number: 1, space_id: access.folder.space_id, size: blob.size, type: blob.type, checksum: blob.checksum, blob_key: blob.blobKey, author_id: user.id, author_name: user.name, created_at: now })
      .execute();
    const file = presentFile(await filesWithVersion(trx).where('files.id', '=', id).executeTakeFirstOrThrow());
    await append({ type: 'file.created', spaceId: file.spaceId, data: file });
    return { file, created: true };
  });
}

/** Plain text refined by the file's own name (CSV, Markdown): both are never served inline. */
function detectTypeByName(name: string, type: string): string {
  if (/\.csv$/i.test(name)) return 'text/csv';
  if (/\.md$/i.test(name)) return 'text/markdown';
  return type;
}
