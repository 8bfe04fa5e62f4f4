import type { Role } from '@bureau/api';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { requireMember } from '../spaces/access.js';
import { newFolderId } from './ids.js';
import type { FileWithVersion } from './present.js';
import { withFiles, type FilesDb, type FolderRow } from './schema.js';

type AnyDb = Kysely<Database>;

export interface FolderAccess {
  folder: FolderRow;
  role: Role;
}

export interface FileAccess {
  file: FileWithVersion;
  role: Role;
}

/** The space's root folder, created on first use. */
export async function ensureRoot(db: AnyDb, spaceId: string): Promise<FolderRow> {
  const files = withFiles(db);
  const existing = await files.selectFrom('folders').selectAll().where('space_id', '=', spaceId).where('parent_id', 'is', null).executeTakeFirst();
  if (existing) return existing;
  const now = new Date().toISOString();
  await files
    .insertInto('folders')
    .values({ id: newFolderId(), space_id: spaceId, parent_id: null, name: '', name_key: '', created_by: null, created_at: now, updated_at: now, deleted_at: null, deleted_with: null, version: 1 })
    .onConflict((oc) => oc.column('space_id').where('parent_id', 'is', null).doNothing())
    .execute();
  return files.selectFrom('folders').selectAll().where('space_id', '=', spaceId).where('parent_id', 'is', null).executeTakeFirstOrThrow();
}

/** The folder as `userId` sees it (in the trash or not); 404 when missing or not a member of its space. */
export async function requireFolder(db: AnyDb, folderId: string, userId: string): Promise<FolderAccess> {
  const row = await withFiles(db)
    .selectFrom('folders')
    .innerJoin('memberships', 'memberships.space_id', 'folders.space_id')
    .selectAll('folders')
    .select('memberships.role')
    .where('folders.id', '=', folderId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No such folder.');
  const { role, ...folder } = row;
  return { folder, role };
}

/** Same as `requireFolder`, and 404 when the folder is in the trash. */
export async function requireLiveFolder(db: AnyDb, folderId: string, userId: string): Promise<FolderAccess> {
  const access = await requireFolder(db, folderId, userId);
  if (access.folder.deleted_at !== null) throw new ProblemError('not-found', 'This folder is in the trash.');
  return access;
}

/** Files joined with their current version. */
export const filesWithVersion = (db: AnyDb) =>
  withFiles(db)
    .selectFrom('files')
    .innerJoin('file_versions', (join) =>
      join.onRef('file_versions.file_id', '=', 'files.id').onRef('file_versions.number', '=', 'files.current_version'),
    )
    .selectAll('files')
    .select(['file_versions.size', 'file_versions.type', 'file_versions.checksum', 'file_versions.blob_key', 'file_versions.author_id', 'file_versions.author_name']);

/** The file as `userId` sees it (in the trash or not); 404 when missing or not a member of its space. */
export async function requireFile(db: AnyDb, fileId: string, userId: string): Promise<FileAccess> {
  const row = await filesWithVersion(db)
    .innerJoin('memberships', 'memberships.space_id', 'files.space_id')
    .select('memberships.role')
    .where('files.id', '=', fileId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No such file.');
  const { role, ...file } = row;
  return { file, role };
}

export async function requireLiveFile(db: AnyDb, fileId: string, userId: string): Promise<FileAccess> {
  const access = await requireFile(db, fileId, userId);
  if (access.file.deleted_at !== null) throw new ProblemError('not-found', 'This file is in the trash.');
  return access;
}

/** 403 for guests: they read, they do not write. */
export function requireWriter(role: Role): void {
  if (role === 'guest') throw new ProblemError('forbidden', 'Guests of a space can read its files but not change them.');
}

/** The caller's role in the space; 404 for non-members. */
export async function requireSpaceRole(db: AnyDb, spaceId: string, userId: string): Promise<Role> {
  return (await requireMember(db, spaceId, userId)).role;
}

/** From the root down to `folder`'s parent. */
export async function ancestorsOf(db: AnyDb, folder: FolderRow): Promise<FolderRow[]> {
  const chain: FolderRow[] = [];
  let parentId = folder.parent_id;
  while (parentId !== null) {
    const parent = await withFiles(db).selectFrom('folders').selectAll().where('id', '=', parentId).executeTakeFirstOrThrow();
    chain.unshift(parent);
    parentId = parent.parent_id;
  }
  return chain;
}

/** `/A/B` for a folder under the root A; `/` for the root. */
export const pathOf = (ancestors: FolderRow[], folder: FolderRow): string =>
  folder.parent_id === null ? '/' : `/${[...ancestors.filter((a) => a.parent_id !== null), folder].map((f) => f.name).join('/')}`;

/** Ids of `folderId` and every folder below it. */
export async function subtreeIds(db: FilesDb, folderId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    with recursive sub(id) as (
      select id from folders where id = ${folderId}
      union all
      select f.id from folders f join sub on f.parent_id = sub.id
    ) select id from sub`.execute(db);
  return rows.rows.map((row) => row.id);
}

/** 409 `conflict` when a live file or folder of `folderId` already has this name (NFC, case-folded). */
export async function requireFreeName(db: AnyDb, folderId: string, key: string, except: string | null): Promise<void> {
  const files = withFiles(db);
  const folder = await files
    .selectFrom('folders')
    .select('id')
    .where('parent_id', '=', folderId)
    .where('name_key', '=', key)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const file = await files
    .selectFrom('files')
    .select('id')
    .where('folder_id', '=', folderId)
    .where('name_key', '=', key)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const taken = [folder && { kind: 'folder', id: folder.id }, file && { kind: 'file', id: file.id }].find((item) => item && item.id !== except);
  if (taken) {
    throw new ProblemError('conflict', 'An item of this folder already has this name.', { existing: taken });
  }
}

/**
 * Which of `fileIds` are files of `spaceId` outside the trash, in one query: what other domains
 * (chat attachments, card links) may point at. A file of another space and an unknown id are alike.
 */
export async function liveFilesOf(db: AnyDb, spaceId: string, fileIds: readonly string[]): Promise<Set<string>> {
  if (fileIds.length === 0) return new Set();
  const rows = await withFiles(db)
    .selectFrom('files')
    .select('id')
    .where('space_id', '=', spaceId)
    .where('deleted_at', 'is', null)
    .where('id', 'in', [...fileIds])
    .execute();
  return new Set(rows.map((row) => row.id));
}
