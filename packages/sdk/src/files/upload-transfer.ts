// How an upload's bytes travel: tus-js-client driven for one `Upload`, and what its failures mean.
// A lazy chunk of the bundle, fetched with tus-js-client by the first upload: a page where nobody
// uploads downloads neither.
import { tusMetadataKeys } from '@bureau/api/constants';
import type { DetailedError, HttpRequest as TusRequest, HttpResponse as TusResponse } from 'tus-js-client';
import { BureauError } from '../errors/BureauError.js';
import { HttpError } from '../errors/HttpError.js';
import { readProblem } from '../http/problem.js';
import { loadTus } from './tus-loader.js';
import type { UploadRecord } from './upload.js';

/** What `send` tells its upload, and asks of it. @internal */
export interface TransferHooks {
  endpoint: string;
  chunkSize: number;
  /** Cookies go by themselves; these are the CSRF header or the bearer token. */
  headers(): Promise<Record<string, string>>;
  /** The server made the upload: its URL, to resume it after a reload. */
  urlAvailable(url: string): void;
  /** The server said which bytes it has (a resume after a pause, a cut or a reload). */
  resumedAt(offset: number): void;
  /** The server made the file (the last byte is in). */
  madeFile(fileId: string): void;
  progress(bytesSent: number): void;
}

/** Options of every tus request: cookies, the CSRF header, the bearer token. */
function requestOptions(headers: () => Promise<Record<string, string>>): { onBeforeRequest: (request: TusRequest) => Promise<void> } {
  return {
    onBeforeRequest: async (request: TusRequest) => {
      const xhr: unknown = request.getUnderlyingObject();
      // The session cookie goes with every request to the API's origin.
      if (xhr instanceof XMLHttpRequest) xhr.withCredentials = true;
      for (const [name, value] of Object.entries(await headers())) request.setHeader(name, value);
    },
  };
}

/**
 * Sends `source` by tus 1.0 from the server's offset (creating the upload when `record.url` is
 * null) until the last byte is in; resolves early when `signal` aborts. @internal
 */
export async function send(source: Blob, record: UploadRecord, signal: AbortSignal, hooks: TransferHooks): Promise<void> {
  const tus = await loadTus();
  signal.throwIfAborted();
  const metadata: Record<string, string> = {
    [tusMetadataKeys.spaceId]: record.spaceId,
    [tusMetadataKeys.folderId]: record.folderId,
    [tusMetadataKeys.filename]: record.name,
    [tusMetadataKeys.filetype]: record.type,
    // The upload's id is its client id: the server echoes it as the file's `clientId`.
    [tusMetadataKeys.clientId]: record.id,
    ...(record.fileId === undefined ? {} : { [tusMetadataKeys.fileId]: record.fileId }),
  };
  await new Promise<void>((resolve, reject) => {
    const upload = new tus.Upload(source, {
      ...requestOptions(hooks.headers),
      endpoint: hooks.endpoint,
      uploadUrl: record.url,
      uploadSize: source.size,
      metadata,
      chunkSize: hooks.chunkSize,
      retryDelays: [0, 1000, 3000],
      storeFingerprintForResuming: false,
      onUploadUrlAvailable: () => {
        if (upload.url) hooks.urlAvailable(upload.url);
      },
      onAfterResponse: (request: TusRequest, response: TusResponse) => {
        if (request.getMethod() === 'HEAD' && response.getStatus() === 200) hooks.resumedAt(Number(response.getHeader('Upload-Offset') ?? 0));
        const made = response.getHeader('Bureau-File-Id');
        if (made) hooks.madeFile(made);
      },
      onProgress: (bytesSent: number) => hooks.progress(bytesSent),
      onSuccess: () => resolve(),
      onError: (error: Error | DetailedError) => reject(error),
    });
    signal.addEventListener('abort', () => {
      upload.abort(false).then(resolve, reject);
    }, { once: true });
    upload.start();
  });
}

/** Deletes an upload's bytes on the server (tus termination). @internal */
export async function terminate(url: string, headers: () => Promise<Record<string, string>>): Promise<void> {
  const tus = await loadTus();
  await tus.Upload.terminate(url, requestOptions(headers));
}

/**
 * What a failure of `send` means: `'retry'` when the network or the server is in trouble (no
 * answer, 5xx, an offset the server disagrees with, 423, 429) — or the error to show. @internal
 */
export async function judge(error: unknown, name: string): Promise<'retry' | BureauError> {
  const detailed = error as Partial<DetailedError>;
  const response = detailed.originalResponse ?? null;
  const status = response?.getStatus() ?? 0;
  const noAnswer = detailed.originalRequest !== undefined && (response === null || status === 0);
  if (noAnswer || status >= 500 || status === 409 || status === 423 || status === 429) return 'retry';
  // Not an answer of the server (tus-js-client refused something itself, or an unexpected bug).
  if (response === null) return new BureauError('upload-failed', `The upload of ${name} stopped: ${String(error)}`, { cause: error });
  return toHttpError(error, response);
}

/** The `HttpError` of a tus answer (its body is problem details for our own refusals). */
async function toHttpError(error: unknown, response: TusResponse): Promise<HttpError> {
  const request = (error as Partial<DetailedError>).originalRequest;
  const type = response.getHeader('Content-Type') ?? 'text/plain';
  const status = response.getStatus();
  const problem = await readProblem(new Response(response.getBody() || null, { status, headers: { 'content-type': type } }));
  const line = { method: request?.getMethod() ?? 'PATCH', url: request?.getURL() ?? '' };
  return new HttpError(line, problem, response.getHeader('X-Request-Id') ?? undefined);
}
