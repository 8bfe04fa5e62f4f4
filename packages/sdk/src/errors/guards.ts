import { BureauError } from './BureauError.js';
import { ConflictError } from './ConflictError.js';
import { HttpError } from './HttpError.js';
import { NetworkError } from './NetworkError.js';
import { OfflineError } from './OfflineError.js';
import { TimeoutError } from './TimeoutError.js';

// Each guard checks the class and the `name`, so that an error from a second copy of the SDK on
// the page (another bundle) is recognised too, as long as it has the same shape.

function hasName(error: unknown, names: readonly string[]): boolean {
  return error instanceof Error && names.includes(error.name) && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Whether `error` is any error of the SDK.
 * @example
 * ```ts
 * if (isBureauError(error)) console.warn(error.code);
 * ```
 */
export function isBureauError(error: unknown): error is BureauError {
  return (
    error instanceof BureauError ||
    hasName(error, ['BureauError', 'HttpError', 'ConflictError', 'NetworkError', 'OfflineError', 'TimeoutError'])
  );
}

/**
 * Whether `error` is an error answer of the server (including {@link ConflictError}).
 * @example
 * ```ts
 * if (isHttpError(error) && error.status === 404) showNotFound();
 * ```
 */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError || hasName(error, ['HttpError', 'ConflictError']);
}

/**
 * Whether `error` is a 409/412 conflict carrying the current representation.
 * @example
 * ```ts
 * if (isConflictError<Space>(error)) render(error.current);
 * ```
 */
export function isConflictError<T = unknown>(error: unknown): error is ConflictError<T> {
  return error instanceof ConflictError || hasName(error, ['ConflictError']);
}

/**
 * Whether `error` is a request that got no answer.
 * @example
 * ```ts
 * if (isNetworkError(error)) retryLater();
 * ```
 */
export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError || hasName(error, ['NetworkError']);
}

/**
 * Whether `error` is a request that failed because the browser is offline.
 * @example
 * ```ts
 * if (isOfflineError(error)) waitForOnline();
 * ```
 */
export function isOfflineError(error: unknown): error is OfflineError {
  return error instanceof OfflineError || hasName(error, ['OfflineError']);
}

/**
 * Whether `error` is a request that timed out.
 * @example
 * ```ts
 * if (isTimeoutError(error)) retryLater();
 * ```
 */
export function isTimeoutError(error: unknown): error is TimeoutError {
  return error instanceof TimeoutError || hasName(error, ['TimeoutError']);
}
