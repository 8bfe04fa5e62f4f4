import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An inclusive byte range, as `Range: bytes=start-end` names it. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where file bytes live. Keys are made by the server (`newBlobKey`), never from a user-supplied
 * name. Implementations: local disk (default, `LocalBlobStore`) and, for several instances, an
 * S3-compatible bucket (`S3BlobStore` in s3-blob-store.ts: PutObject, GetObject with Range,
 * DeleteObject, HeadObject).
 */
export interface BlobStore {
  /** Stores the whole stream under `key`; the blob appears only once complete. */
  put(key: string, bytes: Readable): Promise<void>;
  /**
   * Stores the file at `path` (a finished upload on this machine) under `key`; the file is gone
   * afterwards. Local disk renames it; an object store uploads it.
   */
  putFile(key: string, path: string): Promise<void>;
  /** The bytes of `key`, or of `range` of them. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes `key`; nothing happens when it does not exist. */
  delete(key: string): Promise<void>;
  /** The blob's size, or null when it does not exist. */
  stat(key: string): Promise<{ size: number } | null>;
}

/** A fresh blob key: random, URL- and file-name-safe. */
export const newBlobKey = (): string => randomBytes(18).toString('base64url');

/** What `newBlobKey` makes: checked before a key names a file or an object. */
export const safeBlobKey = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * Blobs as files under `<dataDir>/blobs/<k0k1>/<key>`, written to `tmp/` first and renamed into
 * place, so a crash never leaves half a blob under a real key.
 */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!safeBlobKey.test(key)) throw new Error(`Invalid blob key`);
    return join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, bytes: Readable): Promise<void> {
    const target = this.pathOf(key);
    const temporary = join(this.root, 'tmp', `${key}.${randomBytes(6).toString('hex')}`);
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    try {
      await pipeline(bytes, createWriteStream(temporary, { flags: 'wx' }));
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async putFile(key: string, path: string): Promise<void> {
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    try {
      await rename(path, this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await this.put(key, createReadStream(path));
      await rm(path, { force: true });
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      return { size: (await stat(this.pathOf(key))).size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
