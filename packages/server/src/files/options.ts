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

type Env = Readonly<Record<string, string | undefined>>;

/** The variables that configure the S3-compatible store; all but the last two are required together. */
export const s3EnvNames = ['BUREAU_S3_ENDPOINT', 'BUREAU_S3_BUCKET', 'BUREAU_S3_REGION', 'BUREAU_S3_ACCESS_KEY_ID', 'BUREAU_S3_SECRET_ACCESS_KEY', 'BUREAU_S3_FORCE_PATH_STYLE', 'BUREAU_S3_PART_SIZE'] as const;

/**
 * `BUREAU_S3_*` as `S3Options`: null when none is set (local disk); a message when only some of the
 * required ones are, or when a value is malformed, so that the server refuses to start rather than
 * write files where no other instance would find them.
 */
export function readS3Env(env: Env): { ok: true; s3: S3Options | null } | { ok: false; message: string } {
  if (s3EnvNames.every((name) => !env[name])) return { ok: true, s3: null };
  const required = s3EnvNames.slice(0, 5);
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) return { ok: false, message: `The S3-compatible store needs ${required.join(', ')} together (missing: ${missing.join(', ')}).` };
  const endpoint = env.BUREAU_S3_ENDPOINT ?? '';
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) return { ok: false, message: `BUREAU_S3_ENDPOINT must be an http(s) URL, not "${endpoint}".` };
  const pathStyle = (env.BUREAU_S3_FORCE_PATH_STYLE ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(pathStyle)) return { ok: false, message: `BUREAU_S3_FORCE_PATH_STYLE must be true or false, not "${env.BUREAU_S3_FORCE_PATH_STYLE}".` };
  const partSize = env.BUREAU_S3_PART_SIZE === undefined || env.BUREAU_S3_PART_SIZE === '' ? undefined : Number(env.BUREAU_S3_PART_SIZE);
  if (partSize !== undefined && (!Number.isSafeInteger(partSize) || partSize < minPartSize || partSize > 5 * 1024 ** 3)) {
    return { ok: false, message: `BUREAU_S3_PART_SIZE must be a number of bytes from ${minPartSize} (5 MiB) to 5 GiB, not "${env.BUREAU_S3_PART_SIZE}".` };
  }
  return {
    ok: true,
    s3: {
      endpoint,
      bucket: env.BUREAU_S3_BUCKET ?? '',
      region: env.BUREAU_S3_REGION ?? '',
      accessKeyId: env.BUREAU_S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.BUREAU_S3_SECRET_ACCESS_KEY ?? '',
      forcePathStyle: pathStyle === 'true' || pathStyle === '1',
      ...(partSize === undefined ? {} : { partSize }),
    },
  };
}
