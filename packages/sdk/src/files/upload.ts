import type { FileItem } from '@bureau/api';
import { BureauError } from '../errors/BureauError.js';
import { HttpError } from '../errors/HttpError.js';
import { fullJitter } from '../scheduling/backoff.js';
import { isOffline, pause, untilOnline } from '../scheduling/pause.js';
import { UploadProgressEvent, UploadStateEvent, type UploadEventMap } from './upload-events.js';
import { TypedEventTarget } from '../events/typed-event-target.js';

/** The code that moves bytes (with tus-js-client): a lazy chunk, fetched by the first upload. */
const loadTransfer = (): Promise<typeof import('./upload-transfer.js')> => import('./upload-transfer.js');

/**
 * Where an upload stands:
 * - `queued`: waiting for a free slot (a bounded number go up at once);
 * - `uploading`: bytes are going up;
 * - `paused`: the person paused it; `resume()` continues from the server's offset;
 * - `offline`: the network is gone; it resumes by itself when it returns;
 * - `needs-file`: found after a reload without its bytes (too large to keep): `provide(file)`;
 * - `complete`: the file exists on the server (`file`);
 * - `failed`: refused (`error`): a quota, a name taken, no right to write… `resume()` tries again;
 * - `cancelled`: given up, its bytes deleted from the server.
 */
export type UploadState = 'queued' | 'uploading' | 'paused' | 'offline' | 'needs-file' | 'complete' | 'failed' | 'cancelled';

/** What an upload is kept as across reloads (in the person's own store). @internal */
export interface UploadRecord {
  id: string;
  /** The tus upload URL once the server created it. */
  url: string | null;
  name: string;
  size: number;
  type: string;
  lastModified: number;
  spaceId: string;
  folderId: string;
  fileId?: string;
  createdAt: string;
  /** The bytes themselves, for uploads small enough to keep (see `keepBytesUpTo`). */
  blob?: Blob;
}

/** What an upload needs from its manager. @internal */
export interface UploadHost {
  readonly endpoint: string;
  readonly chunkSize: number;
  requestHeaders(): Promise<Record<string, string>>;
  refreshSession(): Promise<void>;
  save(record: UploadRecord): Promise<void>;
  forget(uploadId: string): Promise<void>;
  fetchFile(fileId: string): Promise<FileItem>;
  stateChanged(upload: Upload): void;
  progressed(upload: Upload): void;
}

/** Shortest interval between two speed measurements. */
const SPEED_WINDOW_MS = 250;

/**
 * One upload of `client.files.uploads`: its progress (bytes, speed, time left) and its controls.
 * Created by `uploads.add()` or found again by `uploads.restore()` after a reload.
 *
 * @example
 * ```ts
 * const upload = client.files.uploads.add(file, { spaceId, folderId });
 * upload.addEventListener('progress', () => (bar.value = upload.bytesSent / upload.size));
 * const item = await upload.whenDone();
 * ```
 */
export class Upload extends TypedEventTarget<UploadEventMap> {
  /** Stable id (also across reloads). */
  readonly id: string;
  /** The file's name in its folder. */
  readonly name: string;
  /** Total bytes. */
  readonly size: number;
  readonly spaceId: string;
  readonly folderId: string;
  /** Set when the upload is a new version of this file. */
  readonly fileId: string | undefined;
  readonly #host: UploadHost;
  readonly #record: UploadRecord;
  #source: Blob | undefined;
  #state: UploadState;
  #bytesSent = 0;
  #speed = 0;
  #tick: { at: number; bytes: number } | undefined;
  #resumedFrom: number | null = null;
  #error: unknown;
  #file: FileItem | undefined;
  /** The id of the file the server made, once the last byte is in. */
  #madeFileId: string | undefined;
  #attempt: AbortController | undefined;
  #networkFailures = 0;
  #csrfRefreshed = false;

  /** @internal */
  constructor(host: UploadHost, record: UploadRecord, source: Blob | undefined) {
    super();
    this.#host = host;
    this.#record = record;
    this.#source = source;
    this.id = record.id;
    this.name = record.name;
    this.size = record.size;
    this.spaceId = record.spaceId;
    this.folderId = record.folderId;
    this.fileId = record.fileId;
    this.#state = source === undefined ? 'needs-file' : 'queued';
  }

  get state(): UploadState {
    return this.#state;
  }

  /** Bytes the server has (or is receiving). */
  get bytesSent(): number {
    return this.#bytesSent;
  }

  /** Recent speed in bytes per second (0 until measured). */
  get bytesPerSecond(): number {
    return this.#speed;
  }

  /** Estimated seconds left at the recent speed, or `null` while unknown. */
  get secondsLeft(): number | null {
    return this.#speed > 0 ? Math.max(0, (this.size - this.#bytesSent) / this.#speed) : null;
  }

  /** The server's offset this upload last resumed from (after a pause, a cut or a reload); `null` before any resume. */
  get resumedFrom(): number | null {
    return this.#resumedFrom;
  }

  /** Why it failed, when `state` is `failed`. */
  get error(): unknown {
    return this.#error;
  }

  /** The file it became, when `state` is `complete`. */
  get file(): FileItem | undefined {
    return this.#file;
  }

  /**
   * Resolves with the file once the upload is complete; rejects when it fails or is cancelled
   * (an `AbortError`). Pausing does not settle it.
   * @example
   * ```ts
   * const item = await upload.whenDone();
   * ```
   */
  whenDone(): Promise<FileItem> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const settled = this.#state === 'complete' || this.#state === 'failed' || this.#state === 'cancelled';
        if (!settled) return;
        this.removeEventListener('statechange', check);
        if (this.#state === 'complete' && this.#file) resolve(this.#file);
        else if (this.#state === 'failed') reject(this.#error);
        else reject(new DOMException(`The upload of ${this.name} was cancelled`, 'AbortError'));
      };
      this.addEventListener('statechange', check);
      check();
    });
  }

  /**
   * Stops sending; the bytes the server has are kept. `resume()` continues from there.
   * @example
   * ```ts
   * upload.pause();
   * ```
   */
  pause(): void {
    if (!['queued', 'uploading', 'offline'].includes(this.#state)) return;
    this.#stopAttempt();
    this.#setState('paused');
  }

  /**
   * Continues a paused or failed upload (asking the server which bytes it has first).
   * @example
   * ```ts
   * upload.resume();
   * ```
   */
  resume(): void {
    if (this.#state !== 'paused' && this.#state !== 'failed' && this.#state !== 'offline') return;
    this.#stopAttempt();
    this.#error = undefined;
    this.#csrfRefreshed = false;
    this.#setState('queued');
  }

  /**
   * Gives the upload up and deletes the bytes already on the server.
   * @example
   * ```ts
   * await upload.cancel();
   * ```
   */
  async cancel(): Promise<void> {
    if (this.#state === 'complete' || this.#state === 'cancelled') return;
    this.#stopAttempt();
    this.#setState('cancelled');
    await this.#host.forget(this.id);
    const url = this.#record.url;
    if (url !== null) await (await loadTransfer()).terminate(url, () => this.#host.requestHeaders());
  }

  /**
   * Gives back the bytes of an upload found after a reload without them (`needs-file`): the
   * person picked the same file again. A file of another size (or, for a `File`, another name or
   * date) is refused with a `BureauError` `file-mismatch`.
   * @example
   * ```ts
   * input.addEventListener('change', () => upload.provide(input.files[0]));
   * ```
   */
  provide(file: Blob): void {
    if (this.#state !== 'needs-file') return;
    const named = file instanceof File;
    if (file.size !== this.size || (named && (file.name !== this.#record.name || file.lastModified !== this.#record.lastModified))) {
      throw new BureauError('file-mismatch', `This is not the file being uploaded as ${this.name} (${this.size} bytes).`);
    }
    this.#source = file;
    this.#setState('queued');
  }

  /**
   * Sends the bytes until the upload completes, pauses, fails or waits for the network. Called by
   * the manager when a slot is free.
   * @internal
   */
  async run(): Promise<void> {
    const source = this.#source;
    if (this.#state !== 'queued' || source === undefined) return;
    const attempt = new AbortController();
    this.#attempt = attempt;
    this.#setState('uploading');
    try {
      if (this.#madeFileId === undefined) await this.#send(source, attempt.signal);
      if (attempt.signal.aborted) return;
      await this.#complete();
    } catch (error) {
      if (attempt.signal.aborted) return;
      await this.#failed(error, attempt.signal);
    } finally {
      if (this.#attempt === attempt) this.#attempt = undefined;
    }
  }

  /** Stops this upload without deleting anything (its client is closing or signing out). @internal */
  halt(): void {
    this.#stopAttempt();
  }

  async #send(source: Blob, signal: AbortSignal): Promise<void> {
    const { send } = await loadTransfer();
    signal.throwIfAborted();
    const record = this.#record;
    await send(source, record, signal, {
      endpoint: this.#host.endpoint,
      chunkSize: this.#host.chunkSize,
      headers: () => this.#host.requestHeaders(),
      urlAvailable: (url) => {
        record.url = url;
        this.#host.save(record).catch((error: unknown) => reportError(error));
      },
      resumedAt: (offset) => {
        this.#resumedFrom = offset;
        this.#bytesSent = offset;
        this.#tick = undefined;
        this.#host.progressed(this);
        this.dispatchEvent(new UploadProgressEvent(this));
      },
      madeFile: (fileId) => {
        this.#madeFileId = fileId;
      },
      progress: (bytesSent) => this.#progress(bytesSent),
    });
  }

  async #complete(): Promise<void> {
    const fileId = this.#madeFileId;
    if (fileId === undefined) throw new BureauError('upload-unnamed', `The server kept ${this.name} but did not say which file it made.`);
    this.#file = await this.#host.fetchFile(fileId);
    this.#bytesSent = this.size;
    await this.#host.forget(this.id);
    this.#setState('complete');
  }

  async #failed(error: unknown, signal: AbortSignal): Promise<void> {
    // Without the transfer code (its chunk could not be fetched), the network is the likely cause.
    const verdict = await loadTransfer().then(({ judge }) => judge(error, this.name), () => 'retry' as const);
    if (verdict === 'retry') {
      this.#setState('offline');
      this.#networkFailures += 1;
      if (isOffline()) await untilOnline(signal);
      else await pause(fullJitter(this.#networkFailures, 1000, 30_000), signal);
      if (signal.aborted || this.#state !== 'offline') return;
      this.#setState('queued');
      return;
    }
    if (verdict instanceof HttpError && verdict.code === 'csrf-failed' && !this.#csrfRefreshed) {
      this.#csrfRefreshed = true;
      await this.#host.refreshSession();
      this.#setState('queued');
      return;
    }
    this.#error = verdict;
    this.#setState('failed');
  }

  #progress(bytesSent: number): void {
    const now = performance.now();
    this.#bytesSent = bytesSent;
    this.#networkFailures = 0;
    const tick = this.#tick;
    if (tick === undefined) this.#tick = { at: now, bytes: bytesSent };
    else if (now - tick.at >= SPEED_WINDOW_MS) {
      const instant = ((bytesSent - tick.bytes) / (now - tick.at)) * 1000;
      this.#speed = this.#speed === 0 ? instant : this.#speed * 0.7 + instant * 0.3;
      this.#tick = { at: now, bytes: bytesSent };
    }
    this.#host.progressed(this);
    this.dispatchEvent(new UploadProgressEvent(this));
  }

  #stopAttempt(): void {
    this.#attempt?.abort();
    this.#attempt = undefined;
    this.#speed = 0;
    this.#tick = undefined;
  }

  #setState(state: UploadState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.dispatchEvent(new UploadStateEvent(this));
    this.#host.stateChanged(this);
  }
}
