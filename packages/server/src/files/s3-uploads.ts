import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { S3Store } from '@tus/s3-store';
import { minPartSize, type S3Options } from './options.js';
import { s3ClientConfig, type S3BlobStore } from './s3-blob-store.js';
import type { UploadStorage } from './tus.js';

/** The part size of tus uploads on S3 when none is configured (the @tus/s3-store default). */
export const defaultPartSize = 8 * 1024 * 1024;

/**
 * Unfinished tus uploads in the bucket, by @tus/s3-store: each upload is an S3 multipart upload
 * under its id (`upl_…`), with `upl_….info` (its length and metadata) and, between PATCHes, a
 * `upl_….part` object holding a tail shorter than a part. Offsets come from ListParts, so any
 * instance can answer a HEAD or take the next PATCH of an upload another one started. A finished
 * upload is copied into `blobs/` inside the bucket, then its objects are removed.
 */
export function s3Uploads(options: S3Options, blobs: S3BlobStore, expiryMs: number): UploadStorage {
  const partSize = Math.max(options.partSize ?? defaultPartSize, minPartSize);
  const datastore = new S3Store({
    partSize,
    minPartSize,
    expirationPeriodInMilliseconds: expiryMs,
    // Expiry is enforced by the sweep (ListMultipartUploads) and the bucket's lifecycle rule:
    // object tags are not something every S3-compatible store offers.
    useTags: false,
    // Each PATCH in progress holds one of these while it cuts and sends a part: the library's
    // default (60) lets that many uploads progress at once per instance.
    maxConcurrentPartUploads: 60,
    s3ClientConfig: { ...s3ClientConfig(options), bucket: options.bucket },
  });
  const remove = (key: string) => blobs.client.send(new DeleteObjectCommand({ Bucket: blobs.bucket, Key: key }));
  return {
    datastore,
    checkBeforeStore: true,
    read: (id) => blobs.read(id),
    adopt: (id, blobKey, size) => blobs.adopt(blobKey, id, size),
    async discard(id) {
      // One after the other: some S3-compatible servers (moto among them) lose a deletion when
      // several of the same bucket arrive at once.
      for (const key of [id, `${id}.info`, `${id}.part`]) await remove(key);
    },
    rewind: async () => {
      throw new Error('An upload on S3 is never cut back: its chunks are checked before they are stored.');
    },
    close: () => (datastore as unknown as { client: { destroy(): void } }).client.destroy(),
  };
}
