import { maxPlainUploadBytes, maxUploadBytes } from '@bureau/api';

/** Options of the files routes (`ServerOptions.files`). */
export interface FilesOptions {
  /** Largest file, in bytes (tus `Upload-Length`); 2 GiB by default. */
  maxUploadBytes?: number;
  /** Largest body of a plain one-request upload; 32 MiB by default. */
  maxPlainUploadBytes?: number;
  /** Bytes a space may hold (every version and the trash count); unlimited (null) by default. */
  quotaBytes?: number | null;
  /** Days an item stays in the trash before it is purged for good; 30 by default. */
  trashRetentionDays?: number;
  /** How long an unfinished tus upload is kept after its last byte; 24 h by default. */
  uploadExpiryMs?: number;
}

export const filesDefaults = {
  maxUploadBytes,
  maxPlainUploadBytes,
  quotaBytes: null,
  trashRetentionDays: 30,
  uploadExpiryMs: 24 * 3600_000,
} as const;

export type FilesConfig = { [K in keyof FilesOptions]-?: Exclude<FilesOptions[K], undefined> };

export const filesConfig = (o: FilesOptions = {}): FilesConfig => ({
  maxUploadBytes: o.maxUploadBytes ?? filesDefaults.maxUploadBytes,
  maxPlainUploadBytes: o.maxPlainUploadBytes ?? filesDefaults.maxPlainUploadBytes,
  quotaBytes: o.quotaBytes ?? filesDefaults.quotaBytes,
  trashRetentionDays: o.trashRetentionDays ?? filesDefaults.trashRetentionDays,
  uploadExpiryMs: o.uploadExpiryMs ?? filesDefaults.uploadExpiryMs,
});
