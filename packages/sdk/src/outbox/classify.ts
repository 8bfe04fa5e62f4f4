import { isBureauError, isHttpError } from '../errors/guards.js';

/** What the outbox does after a failed attempt. @internal */
export type FailureKind = 'transient' | 'signed-out' | 'permanent';

/**
 * Network trouble, timeouts, 5xx, 408, 429, an idempotent request still running elsewhere and a
 * foreign abort are worth retrying; a 401 waits for the person to sign in again; any other answer (400, 403, 404,
 * 409, 412, 413, 422…) will not change by retrying.
 * @internal
 */
export function classifyFailure(error: unknown): FailureKind {
  if (isHttpError(error)) {
    if (error.status === 401) return 'signed-out';
    if (error.status >= 500 || error.status === 429 || error.status === 408) return 'transient';
    if (error.code === 'idempotency-in-progress') return 'transient';
    return 'permanent';
  }
  if (isBureauError(error) && ['network', 'timeout', 'offline'].includes(error.code)) return 'transient';
  // An abort that is not the outbox's own (it checks that first) says nothing about the write.
  if (error instanceof DOMException && error.name === 'AbortError') return 'transient';
  return 'permanent';
}
