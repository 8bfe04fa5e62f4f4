import { HTTPError as KyHttpError, TimeoutError as KyTimeoutError } from 'ky';
import { ConflictError } from '../errors/ConflictError.js';
import { HttpError, type RequestLine } from '../errors/HttpError.js';
import { NetworkError } from '../errors/NetworkError.js';
import { OfflineError } from '../errors/OfflineError.js';
import { TimeoutError } from '../errors/TimeoutError.js';
import { parseRetryAfter, readProblem } from './problem.js';

/**
 * The one place where errors of ky and `fetch` become {@link BureauError}s. An abort requested by
 * the caller stays the caller's abort reason (usually a `DOMException` named `AbortError`).
 * @internal
 */
export async function toBureauError(error: unknown, request: RequestLine, signal: AbortSignal | undefined): Promise<unknown> {
  if (signal?.aborted) return signal.reason;
  if (error instanceof KyHttpError) return fromResponse(error.response, request);
  if (error instanceof KyTimeoutError) return new TimeoutError(request, error);
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return new OfflineError(request, error);
  return new NetworkError(request, error);
}

/** The {@link HttpError} (or {@link ConflictError}) of an error response. @internal */
export async function fromResponse(response: Response, request: RequestLine): Promise<HttpError> {
  const problem = await readProblem(response);
  const requestId = response.headers.get('x-request-id') ?? problem.requestId;
  if (response.status === 409 || response.status === 412) return new ConflictError(request, problem, requestId);
  return new HttpError(request, problem, requestId, parseRetryAfter(response.headers.get('retry-after')));
}
