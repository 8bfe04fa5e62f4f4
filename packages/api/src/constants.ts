/**
 * The plain values of the contract: limits, header names, paths, problem codes. This module has no
 * dependency, so that browser code can import values from `@bureau/api/constants` without pulling the
 * TypeBox schemas into its bundle (`bench/bundle-size.js` fails if they get there).
 * @packageDocumentation
 */

/** Longest message, in characters (UTF-16 code units, as `String.length` counts). */
export const maxMessageLength = 10_000;

/** Default largest file a server accepts (tus `Upload-Length`), in bytes: 2 GiB. Servers may lower or raise it. */
export const maxUploadBytes = 2 * 1024 ** 3;
/** Default largest body of a plain one-request upload (`POST /v1/folders/{id}/files`), in bytes: 32 MiB. */
export const maxPlainUploadBytes = 32 * 1024 ** 2;
/** Longest text of a space's rules of use, in characters (UTF-16 code units). */
export const maxRulesLength = 20_000;
/** Longest file or folder name, in UTF-8 bytes. */
export const maxNameBytes = 255;

/**
 * Keys of the tus `Upload-Metadata` header the server reads at upload creation (values base64, as
 * tus requires). `spaceId`, `folderId` and `filename` are required; `fileId` makes the upload a new
 * version of that file instead of a new file (then `folderId` must be the file's folder and
 * `filename` is ignored). `filetype` is accepted but never trusted: the type is detected from the bytes.
 */
export const tusMetadataKeys = {
  spaceId: 'spaceId',
  folderId: 'folderId',
  filename: 'filename',
  fileId: 'fileId',
  filetype: 'filetype',
  /** The client id of the upload (UUIDv7 or ULID), echoed as the file's `clientId`. */
  clientId: 'clientId',
} as const;

/** Path of the tus endpoint, relative to the server origin. */
export const uploadsPath = '/v1/uploads';

/** Header carrying a share link's password (percent-encoded UTF-8), as an alternative to the form POST. */
export const sharePasswordHeader = 'X-Share-Password';

/** Stable problem codes the reference server emits. */
export const problemCodes = [
  'bad-request',
  'malformed-json',
  'validation-failed',
  'invalid-cursor',
  'unsupported-media-type',
  'payload-too-large',
  'unauthenticated',
  'sign-in-failed',
  'csrf-failed',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'range-not-satisfiable',
  'conflict',
  'precondition-failed',
  'gone',
  'checksum-mismatch',
  'idempotency-key-reused',
  'idempotency-in-progress',
  'rate-limited',
  'internal',
  'unavailable',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/** Header names of the contract. */
export const headers = {
  idempotencyKey: 'Idempotency-Key',
  csrf: 'X-CSRF-Token',
  requestId: 'X-Request-Id',
  lastEventId: 'Last-Event-ID',
} as const;
