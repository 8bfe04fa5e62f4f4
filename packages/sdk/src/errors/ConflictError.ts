import type { Problem } from '@bureau/api';
import { HttpError, type RequestLine } from './HttpError.js';

/**
 * The write conflicts with the resource's current state: `412 precondition-failed` (the `If-Match`
 * version is stale) or `409 conflict`. `current` is the current representation when the server
 * sent one (the `current` member of the problem), so that a UI can show it and let the person
 * merge.
 *
 * @example
 * ```ts
 * try {
 *   await client.spaces.rename(space.id, name, { ifMatch: space.version });
 * } catch (error) {
 *   if (isConflictError(error)) showLatest(error.current);
 *   else throw error;
 * }
 * ```
 */
export class ConflictError<T = unknown> extends HttpError {
  override name = 'ConflictError';
  /** The resource as it is now on the server, when the server sent it. */
  readonly current: T | undefined;

  constructor(request: RequestLine, problem: Problem, requestId: string | undefined) {
    super(request, problem, requestId);
    const current: unknown = (problem as Problem & { current?: unknown }).current;
    this.current = current === undefined ? undefined : (current as T);
  }
}
