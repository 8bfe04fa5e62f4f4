import type { FileItem, FileVersion, Folder } from '@bureau/api';
import type { FileRow, FileVersionRow, FolderRow } from './schema.js';

export const presentFolder = (row: FolderRow, path?: string): Folder => ({
  id: row.id,
  spaceId: row.space_id,
  parentId: row.parent_id,
  name: row.name,
  ...(path === undefined ? {} : { path }),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deletedAt: row.deleted_at,
  version: row.version,
});

/** A file row with the columns of its current version. */
export type FileWithVersion = FileRow & Pick<FileVersionRow, 'size' | 'type' | 'checksum' | 'blob_key' | 'author_id' | 'author_name'>;

export const presentFile = (row: FileWithVersion): FileItem => ({
  id: row.id,
  spaceId: row.space_id,
  folderId: row.folder_id,
  name: row.name,
  size: row.size,
  type: row.type,
  checksum: row.checksum,
  author: { id: row.author_id ?? '', name: row.author_name },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deletedAt: row.deleted_at,
  version: row.version,
  currentVersion: row.current_version,
  clientId: row.client_id,
});

export const presentVersion = (row: FileVersionRow): FileVersion => ({
  number: row.number,
  size: row.size,
  type: row.type,
  checksum: row.checksum,
  author: { id: row.author_id ?? '', name: row.author_name },
  createdAt: row.created_at,
});
