import type { FileItem } from '@bureau/api';
import { uploadsPath } from '@bureau/api/constants';
import type { Identity } from '../auth/identity.js';
import type { Http } from '../http/http.js';
import type { CallOptions } from '../types/call-options.js';
import { filesKeys, filesPaths } from './keys.js';
import { Upload, type UploadHost, type UploadRecord } from './upload.js';
import { UploadCompleteEvent, UploadProgressEvent, UploadsChangeEvent, UploadStateEvent, type UploadManagerEventMap } from './upload-events.js';
import { TypedEventTarget } from '../events/typed-event-target.js';
import { newClientId } from '../outbox/client-id.js';

/** Where an upload goes. */
export interface UploadTarget {
  spaceId: string;
  folderId: string;
  /** The name in the folder; default: the `File`'s name. */
  name?: string | undefined;
  /** Makes the upload a new version of this file (of `folderId`) instead of a new file. */
  fileId?: string | undefined;
}

/** Tuning of `client.files.uploads` (through `createClient({ uploads })`). */
export interface UploadManagerOptions {
  /** Uploads sending bytes at once; the others wait, `queued`. Default 3. */
  concurrency?: number | undefined;
  /** Bytes per tus `PATCH` request. Default 8 MiB. */
  chunkSize?: number | undefined;
  /**
   * Uploads up to this size keep their bytes in the person's IndexedDB store until done, so that
   * they resume by themselves after a reload; larger ones are `needs-file` after a reload (the
   * person picks the file again). Default 64 MiB; 0 never keeps bytes.
   */
  keepBytesUpTo?: number | undefined;
}

/** @internal */
export interface UploadManagerDeps {
  http: Http;
  identity: Identity;
}

const MiB = 1024 * 1024;

/**
 * The uploads of a client (`client.files.uploads`): a queue sending a bounded number at once by
 * tus 1.0 (`tus-js-client`, loaded on the first upload only), each with its progress, speed and
 * time left, pause, resume and cancel. A network cut leaves the bytes the server has: the upload
 * waits for the network and continues from the server's offset. Every upload is recorded in the
 * person's own store (its tus URL, target and file fingerprint — and its bytes when it is small
 * enough, see `keepBytesUpTo`); after a reload, `restore()` finds them again.
 *
 * @example
 * ```ts
 * await client.files.uploads.restore();
 * const upload = client.files.uploads.add(file, { spaceId, folderId });
 * client.files.uploads.addEventListener('complete', (event) => console.log(event.file.name));
 * ```
 */
export class UploadManager extends TypedEventTarget<UploadManagerEventMap> {
  readonly #deps: UploadManagerDeps;
  readonly #concurrency: number;
  readonly #keepBytesUpTo: number;
  readonly #host: UploadHost;
  #uploads: Upload[] = [];
  readonly #running = new Set<Upload>();
  #restored: Promise<readonly Upload[]> | undefined;

  /** @internal */
  constructor(deps: UploadManagerDeps, options: UploadManagerOptions = {}) {
    super();
    this.#deps = deps;
    this.#concurrency = Math.max(1, options.concurrency ?? 3);
    this.#keepBytesUpTo = options.keepBytesUpTo ?? 64 * MiB;
    const chunkSize = options.chunkSize ?? 8 * MiB;
    const { http, identity } = deps;
    this.#host = {
      endpoint: http.url(uploadsPath),
      chunkSize,
      requestHeaders: () => this.#headers(),
      refreshSession: async () => {
        await identity.load();
      },
      save: async (record) => {
        await identity.store?.set(filesKeys.upload(record.id), record);
      },
      forget: async (uploadId) => {
        await identity.store?.delete(filesKeys.upload(uploadId));
      },
      fetchFile: async (fileId) => (await http.request<FileItem>({ method: 'GET', path: filesPaths.file(fileId) })).body,
      stateChanged: (upload) => this.#stateChanged(upload),
      progressed: (upload) => this.dispatchEvent(new UploadProgressEvent(upload)),
    };
    // Another person (or nobody) now: their uploads are not this person's to continue.
    identity.addEventListener('owner', () => {
      for (const upload of this.#uploads) upload.halt();
      this.#uploads = [];
      this.#running.clear();
      this.#restored = undefined;
      this.#changed();
    });
  }

  /** Every upload of this client that is not complete or cancelled, in the order they were added. */
  list(): readonly Upload[] {
    return [...this.#uploads];
  }

  /**
   * Queues a file (or any `Blob`, then give `target.name`) for upload and returns its handle.
   * @example
   * ```ts
   * for (const file of input.files) client.files.uploads.add(file, { spaceId, folderId });
   * ```
   */
  add(file: Blob, target: UploadTarget): Upload {
    const named = file instanceof File ? file : undefined;
    const name = target.name ?? named?.name;
    if (name === undefined || name === '') throw new TypeError('uploads.add(): give `target.name` for a Blob that is not a File.');
    const record: UploadRecord = {
      id: newClientId(),
      url: null,
      name,
      size: file.size,
      type: file.type,
      lastModified: named?.lastModified ?? 0,
      spaceId: target.spaceId,
      folderId: target.folderId,
      ...(target.fileId === undefined ? {} : { fileId: target.fileId }),
      createdAt: new Date().toISOString(),
      ...(file.size <= this.#keepBytesUpTo ? { blob: file } : {}),
    };
    const upload = new Upload(this.#host, record, file);
    this.#uploads.push(upload);
    this.#changed();
    this.#host.save(record).then(
      () => this.#schedule(),
      (error: unknown) => {
        // Not kept for a reload: it still goes up now.
        reportError(error);
        this.#schedule();
      },
    );
    return upload;
  }

  /**
   * Finds the uploads a previous page of this person left unfinished (once per client; later
   * calls return the same list). Those whose bytes were kept continue by themselves; the others
   * are `needs-file` until `upload.provide(file)`.
   * @example
   * ```ts
   * const left = await client.files.uploads.restore();
   * for (const upload of left) if (upload.state === 'needs-file') askForFile(upload);
   * ```
   */
  restore(options: CallOptions = {}): Promise<readonly Upload[]> {
    this.#restored ??= this.#load();
    const restored = this.#restored;
    if (options.signal === undefined) return restored;
    const { signal } = options;
    signal.throwIfAborted();
    return Promise.race([
      restored,
      new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    ]);
  }

  async #load(): Promise<readonly Upload[]> {
    const { identity } = this.#deps;
    await identity.ready;
    if (identity.store === null && identity.session === undefined) await identity.load();
    const store = identity.store;
    if (store === null) return [];
    const records = await store.entries<UploadRecord>(filesKeys.uploadsPrefix);
    const known = new Set(this.#uploads.map((upload) => upload.id));
    const found = records
      .map(([, record]) => record)
      .filter((record) => !known.has(record.id))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((record) => new Upload(this.#host, record, record.blob));
    this.#uploads.push(...found);
    this.#changed();
    this.#schedule();
    return found;
  }

  /** The HTTP layer's authentication headers (tus PATCH, POST, HEAD and DELETE alike carry the CSRF token). */
  #headers(): Promise<Record<string, string>> {
    return this.#deps.http.authHeaders('PATCH');
  }

  #stateChanged(upload: Upload): void {
    this.dispatchEvent(new UploadStateEvent(upload));
    if (upload.state === 'complete' && upload.file) this.dispatchEvent(new UploadCompleteEvent(upload, upload.file));
    if (upload.state === 'complete' || upload.state === 'cancelled') {
      this.#uploads = this.#uploads.filter((candidate) => candidate !== upload);
      this.#changed();
    }
    this.#schedule();
  }

  #schedule(): void {
    for (const upload of this.#uploads) {
      if (this.#running.size >= this.#concurrency) return;
      if (upload.state !== 'queued' || this.#running.has(upload)) continue;
      this.#running.add(upload);
      upload
        .run()
        .catch((error: unknown) => reportError(error))
        .finally(() => {
          this.#running.delete(upload);
          this.#schedule();
        });
    }
  }

  #changed(): void {
    this.dispatchEvent(new UploadsChangeEvent(this.list()));
  }
}
