import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { safeBlobKey, type BlobStore, type ByteRange } from './blob-store.js';
import { minPartSize, type S3Options } from './options.js';

/** Objects of the blob store live under this prefix; unfinished tus uploads at the bucket's root (`upl_…`). */
export const blobPrefix = 'blobs/';

/** The largest object one `CopyObject` may copy (S3's limit); beyond it the bytes are streamed. */
const largestCopy = 5 * 1024 ** 3;

/**
 * The AWS SDK's client settings for any S3-compatible endpoint: explicit endpoint, region and
 * keys (never the SDK's own credential chain), path-style by default, and checksums only where
 * S3 requires them, since several S3-compatible stores reject the SDK's default CRC32 trailers.
 */
export function s3ClientConfig(o: S3Options): S3ClientConfig {
  return {
    endpoint: o.endpoint,
    region: o.region,
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
    forcePathStyle: o.forcePathStyle ?? true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** True for S3's "no such object" answers (HeadObject has no body, hence only a 404 status). */
export function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}

/**
 * Blobs as objects `blobs/<key>` in an S3-compatible bucket: PutObject (multipart for large
 * streams, by lib-storage's Upload), GetObject with `Range`, DeleteObject, HeadObject. An object
 * appears only once its upload completed, so a failed put never leaves half a blob.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly partSize: number;
  private readonly endpoint: string;

  constructor(options: S3Options, client: S3Client = new S3Client(s3ClientConfig(options))) {
    this.client = client;
    this.bucket = options.bucket;
    this.endpoint = options.endpoint;
    this.partSize = Math.max(options.partSize ?? 8 * 1024 * 1024, minPartSize);
  }

  /**
   * Checks once, at start, that the bucket answers with these keys, so that a wrong endpoint,
   * bucket or key stops the server with a clear message instead of failing on the first upload.
   */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      const status = $metadata?.httpStatusCode;
      const why = status === 404 ? 'no such bucket' : status === 403 ? 'access denied to these keys' : `${name ?? 'error'}${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`;
      throw new Error(`The S3 bucket "${this.bucket}" at ${this.endpoint} cannot be used: ${why}.`, { cause: error });
    }
  }

  /** The object key of a blob key (checked: only server-made keys). */
  objectKey(key: string): string {
    if (!safeBlobKey.test(key)) throw new Error('Invalid blob key');
    return `${blobPrefix}${key}`;
  }

  async put(key: string, bytes: Readable): Promise<void> {
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: this.objectKey(key), Body: bytes }, partSize: this.partSize, queueSize: 2 });
    await upload.done();
  }

  async putFile(key: string, path: string): Promise<void> {
    await this.put(key, createReadStream(path));
    await rm(path, { force: true });
  }

  /**
   * Makes the object `source` of the same bucket (a finished tus upload) the blob `key`: a copy
   * inside the store, the bytes never pass through this server (streamed when over S3's 5 GiB
   * copy limit). `source` itself stays; the caller removes it.
   */
  async adopt(key: string, source: string, size: number): Promise<void> {
    if (size <= largestCopy) {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), CopySource: `${this.bucket}/${encodeURIComponent(source)}` }));
      return;
    }
    await this.put(key, await this.read(source));
  }

  /** The bytes of any object of the bucket (or of `range` of them). */
  async read(objectKey: string, range?: ByteRange): Promise<Readable> {
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
    const body = answer.Body;
    if (body instanceof Readable) return body;
    if (body === undefined) return Readable.from([]);
    return Readable.fromWeb(body.transformToWebStream() as Parameters<typeof Readable.fromWeb>[0]);
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    return this.read(this.objectKey(key), range);
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
