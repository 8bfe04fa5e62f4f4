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
  /**
   * An S3-compatible object store for blobs and unfinished tus uploads, shared by every instance;
   * null (the default): local disk under `dataDir`.
   */
  s3?: S3Options | null;
}

/** An S3-compatible bucket (any vendor): `BUREAU_S3_*`. */
export interface S3Options {
  /** The endpoint's URL, e.g. `https://s3.fr-par.example.net` or `http://127.0.0.1:9000`. */
  endpoint: string;
  bucket: string;
  /** The region the signature names (`us-east-1` for stores that ignore it). */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key`; true by default. */
  forcePathStyle?: boolean;
  /** Size of the parts of a tus upload's multipart upload, at least 5 MiB; 8 MiB by default. */
  partSize?: number;
}

/** S3's smallest part but the last one. */
export const minPartSize = 5 * 1024 * 1024;

export const filesDefaults = {
  maxUploadBytes,
  maxPlainUploadBytes,
  quotaBytes: null,
  trashRetentionDays: 30,
  uploadExpiryMs: 24 * 3600_000,
  s3: null,
} as const;

export type FilesConfig = { [K in keyof FilesOptions]-?: Exclude<FilesOptions[K], undefined> };

export const filesConfig = (o: FilesOptions = {}): FilesConfig => ({
  maxUploadBytes: o.maxUploadBytes ?? filesDefaults.maxUploadBytes,
  maxPlainUploadBytes: o.maxPlainUploadBytes ?? filesDefaults.maxPlainUploadBytes,
  quotaBytes: o.quotaBytes ?? filesDefaults.quotaBytes,
  trashRetentionDays: o.trashRetentionDays ?? filesDefaults.trashRetentionDays,
  uploadExpiryMs: o.uploadExpiryMs ?? filesDefaults.uploadExpiryMs,
  s3: o.s3 ?? filesDefaults.s3,
});
