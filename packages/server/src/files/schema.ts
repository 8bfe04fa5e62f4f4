import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/index.js';

/** Tables of migration 0006-files. Same conventions as `db/schema.ts` (ISO strings, JSON text). */
export type FileTables = {
  folders: FoldersTable;
  files: FilesTable;
  file_versions: FileVersionsTable;
  share_links: ShareLinksTable;
  uploads: UploadsTable;
};

export interface FoldersTable {
  id: string;
  space_id: string;
  /** Null for the space's root folder. */
  parent_id: string | null;
  /** Exactly what the person typed (empty for the root). */
  name: string;
  /** NFC + case-folded name: unique among the live items of a folder. */
  name_key: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  /** The folder whose deletion put this one in the trash; null when deleted on its own. */
  deleted_with: string | null;
  version: number;
}

export interface FilesTable {
  id: string;
  space_id: string;
  folder_id: string;
  name: string;
  name_key: string;
  current_version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_with: string | null;
  version: number;
  /** The `Idempotency-Key` of the last write that created or changed the row (migration 0009). */
  client_id: string | null;
}

export interface FileVersionsTable {
  file_id: string;
  number: number;
  space_id: string;
  size: number;
  /** Detected from the bytes. */
  type: string;
  /** SHA-256, lowercase hex. */
  checksum: string;
  /** Key of the bytes in the blob store (server-made, never a user-supplied name). */
  blob_key: string;
  author_id: string | null;
  author_name: string;
  created_at: string;
}

export interface ShareLinksTable {
  id: string;
  token: string;
  space_id: string;
  target_kind: 'file' | 'folder';
  target_id: string;
  /** scrypt: `scrypt$<salt b64url>$<hash b64url>`; null without a password. */
  password_hash: string | null;
  expires_at: string;
  created_by: string | null;
  created_by_name: string;
  created_at: string;
  revoked_at: string | null;
}

/** A tus upload in flight and the person it belongs to. */
export interface UploadsTable {
  id: string;
  user_id: string;
  space_id: string;
  folder_id: string;
  /** Set when the upload is a new version of this file. */
  file_id: string | null;
  name: string;
  length: number;
  created_at: string;
  /** The client id given in `Upload-Metadata` (migration 0009), stored on the file it becomes. */
  client_id: string | null;
}

export type FilesDatabase = Database & FileTables;
export type FilesDb = Kysely<FilesDatabase>;
export type FolderRow = Selectable<FoldersTable>;
export type FileRow = Selectable<FilesTable>;
export type FileVersionRow = Selectable<FileVersionsTable>;
export type ShareLinkRow = Selectable<ShareLinksTable>;
export type UploadRow = Selectable<UploadsTable>;

/** The same connection (or transaction) with the files tables typed. */
export const withFiles = (db: Kysely<Database>): FilesDb => db.withTables<FileTables>();
