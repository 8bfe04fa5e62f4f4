import type { FileItem } from '@bureau/api';
import type { Upload } from './upload.js';

/**
 * Dispatched by an {@link Upload} (and re-dispatched by `client.files.uploads`) as bytes go up.
 * @example
 * ```ts
 * upload.addEventListener('progress', () => (bar.value = upload.bytesSent / upload.size));
 * ```
 */
export class UploadProgressEvent extends Event {
  readonly upload: Upload;
  constructor(upload: Upload) {
    super('progress');
    this.upload = upload;
  }
}

/**
 * Dispatched by an {@link Upload} (and re-dispatched by `client.files.uploads`) when its `state`
 * changes: queued, uploading, paused, offline (waiting for the network), needs-file (after a
 * reload, the person must pick the file again), complete, failed or cancelled.
 * @example
 * ```ts
 * upload.addEventListener('statechange', () => (label.textContent = upload.state));
 * ```
 */
export class UploadStateEvent extends Event {
  readonly upload: Upload;
  constructor(upload: Upload) {
    super('statechange');
    this.upload = upload;
  }
}

/**
 * Dispatched by `client.files.uploads` when an upload became a file (or a new version of one).
 * @example
 * ```ts
 * client.files.uploads.addEventListener('complete', (event) => announce(event.file.name));
 * ```
 */
export class UploadCompleteEvent extends Event {
  readonly upload: Upload;
  readonly file: FileItem;
  constructor(upload: Upload, file: FileItem) {
    super('complete');
    this.upload = upload;
    this.file = file;
  }
}

/**
 * Dispatched by `client.files.uploads` when its list of uploads changes (one added, restored
 * after a reload, finished and removed, cancelled).
 * @example
 * ```ts
 * client.files.uploads.addEventListener('change', () => render(client.files.uploads.list()));
 * ```
 */
export class UploadsChangeEvent extends Event {
  readonly uploads: readonly Upload[];
  constructor(uploads: readonly Upload[]) {
    super('change');
    this.uploads = uploads;
  }
}

/** The events an {@link Upload} dispatches. */
export interface UploadEventMap {
  progress: UploadProgressEvent;
  statechange: UploadStateEvent;
}

/** The events `client.files.uploads` dispatches. */
export interface UploadManagerEventMap extends UploadEventMap {
  complete: UploadCompleteEvent;
  change: UploadsChangeEvent;
}
