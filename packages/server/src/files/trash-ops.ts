import type { FileItem, Folder } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { AppendEvent } from '../events/log.js';
import type { BlobStore } from './blob-store.js';
import { presentFile, presentFolder, type FileWithVersion } from './present.js';
import { withFiles, type FolderRow } from './schema.js';
import { ensureRoot, filesWithVersion, requireFreeName, subtreeIds } from './tree.js';

type AnyDb = Kysely<Database>;

/** Puts a folder in the trash, with every live folder and file under it (`deleted_with` = the folder). */
export async function trashFolder(db: AnyDb, folder: FolderRow): Promise<Folder> {
  const files = withFiles(db);
  const now = new Date().toISOString();
  const below = (await subtreeIds(files, folder.id)).filter((id) => id !== folder.id);
  const version = folder.version + 1;
  await files.updateTable('folders').set({ deleted_at: now, deleted_with: null, updated_at: now, version }).where('id', '=', folder.id).execute();
  if (below.length > 0) {
    await files.updateTable('folders').set({ deleted_at: now, deleted_with: folder.id }).where('id', 'in', below).where('deleted_at', 'is', null).execute();
  }
  await files
    .updateTable('files')
    .set({ deleted_at: now, deleted_with: folder.id })
    .where('folder_id', 'in', [folder.id, ...below])
    .where('deleted_at', 'is', null)
    .execute();
  return presentFolder({ ...folder, deleted_at: now, deleted_with: null, updated_at: now, version });
}

/** Where a restored item goes: its folder when that one is live, otherwise the space's root. */
async function restoreTarget(db: AnyDb, spaceId: string, folderId: string): Promise<string> {
  const parent = await withFiles(db).selectFrom('folders').select(['id', 'deleted_at']).where('id', '=', folderId).executeTakeFirst();
  if (parent && parent.deleted_at === null) return parent.id;
  return (await ensureRoot(db, spaceId)).id;
}

/** Brings a folder (deleted on its own) back with what went with it; 409 when its name is taken there. */
export async function restoreFolder(db: AnyDb, folder: FolderRow): Promise<Folder> {
  const files = withFiles(db);
  const parentId = await restoreTarget(db, folder.space_id, folder.parent_id ?? folder.id);
  await requireFreeName(db, parentId, folder.name_key, folder.id);
  const now = new Date().toISOString();
  const version = folder.version + 1;
  await files.updateTable('folders').set({ parent_id: parentId, deleted_at: null, deleted_with: null, updated_at: now, version }).where('id', '=', folder.id).execute();
  await files.updateTable('folders').set({ deleted_at: null, deleted_with: null }).where('deleted_with', '=', folder.id).execute();
  await files.updateTable('files').set({ deleted_at: null, deleted_with: null }).where('deleted_with', '=', folder.id).execute();
  return presentFolder({ ...folder, parent_id: parentId, deleted_at: null, updated_at: now, version });
}

export async function trashFile(db: AnyDb, file: FileWithVersion): Promise<FileItem> {
  const now = new Date().toISOString();
  const version = file.version + 1;
  await withFiles(db).updateTable('files').set({ deleted_at: now, deleted_with: null, updated_at: now, version }).where('id', '=', file.id).execute();
  return presentFile({ ...file, deleted_at: now, updated_at: now, version });
}

/** Brings a file back into its folder (or the root when the folder is gone); 409 when its name is taken there. */
export async function restoreFile(db: AnyDb, file: FileWithVersion): Promise<FileItem> {
  const folderId = await restoreTarget(db, file.space_id, file.folder_id);
  await requireFreeName(db, folderId, file.name_key, file.id);
  const now = new Date().toISOString();
  const version = file.version + 1;
  await withFiles(db).updateTable('files').set({ folder_id: folderId, deleted_at: null, deleted_with: null, updated_at: now, version }).where('id', '=', file.id).execute();
  return presentFile({ ...file, folder_id: folderId, deleted_at: null, deleted_with: null, updated_at: now, version });
}

/**
 * Deletes files and folders for good, with their events (in the caller's transaction); returns the
 * blob keys of the files' versions, to delete once the transaction has committed.
 */
export async function deleteForGood(trx: AnyDb, append: AppendEvent, oldFiles: readonly FileWithVersion[], oldFolders: readonly FolderRow[]): Promise<string[]> {
  const files = withFiles(trx);
  const fileIds = oldFiles.map((f) => f.id);
  const folderIds = oldFolders.map((f) => f.id);
  if (fileIds.length === 0 && folderIds.length === 0) return [];
  const keys = fileIds.length === 0 ? [] : await files.selectFrom('file_versions').select('blob_key').where('file_id', 'in', fileIds).execute();
  if (fileIds.length > 0) await files.deleteFrom('files').where('id', 'in', fileIds).execute();
  if (folderIds.length > 0) await files.deleteFrom('folders').where('id', 'in', folderIds).execute();
  for (const file of oldFiles.filter((f) => f.deleted_with === null)) {
    await append({ type: 'file.deleted', spaceId: file.space_id, data: { file: presentFile(file), purged: true } });
  }
  for (const folder of oldFolders.filter((f) => f.deleted_with === null)) {
    await append({ type: 'folder.deleted', spaceId: folder.space_id, data: { folder: presentFolder(folder), purged: true } });
  }
  return keys.map((k) => k.blob_key);
}

type PurgeDeps = { db: AnyDb; blobs: BlobStore; transaction: <T>(work: (trx: AnyDb, append: AppendEvent) => Promise<T>) => Promise<T> };

/**
 * Deletes for good what has been in the trash since before `cutoff` (ISO), in every space or in
 * `spaceId`: rows in one transaction with their events, then the blobs nobody points at any more.
 * Returns how many files went.
 */
export async function purgeTrash(deps: PurgeDeps, cutoff: string, spaceId?: string): Promise<number> {
  let purgedFiles = 0;
  const blobKeys = await deps.transaction(async (trx, append) => {
    let folderQuery = withFiles(trx).selectFrom('folders').selectAll().where('deleted_at', '<', cutoff).where('parent_id', 'is not', null);
    if (spaceId !== undefined) folderQuery = folderQuery.where('space_id', '=', spaceId);
    const oldFolders = await folderQuery.execute();
    const folderIds = oldFolders.map((f) => f.id);
    let fileQuery = filesWithVersion(trx).where((eb) =>
      folderIds.length === 0 ? eb('files.deleted_at', '<', cutoff) : eb.or([eb('files.deleted_at', '<', cutoff), eb('files.folder_id', 'in', folderIds)]),
    );
    if (spaceId !== undefined) fileQuery = fileQuery.where('files.space_id', '=', spaceId);
    const oldFiles = await fileQuery.execute();
    purgedFiles = oldFiles.length;
    return deleteForGood(trx, append, oldFiles, oldFolders);
  });
  for (const key of new Set(blobKeys)) await deps.blobs.delete(key);
  return purgedFiles;
}
