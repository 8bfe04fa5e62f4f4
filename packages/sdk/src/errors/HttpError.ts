import type { Problem } from '@bureau/api';
import { BureauError } from './BureauError.js';

/** Where a failed request went, for messages and diagnostics. */
export interface RequestLine {
  method: string;
  url: string;
}

/**
 * The server answered with an error status. `problem` is its RFC 9457 problem details document
 * (a generic one is synthesised when the body is not `application/problem+json`), `code` is
 * `problem.code`, and `requestId` is the `X-Request-Id` to quote to an administrator.
 *
 * @example
 * ```ts
 * try {
 *   await client.spaces.rename(id, 'Nouveau nom');
 * } catch (error) {
 *   if (isHttpError(error) && error.code === 'forbidden') showReadOnlyNotice();
 *   else throw error;
 * }
 * ```
 */
export class HttpError extends BureauError {
  override name = 'HttpError';
  /** The HTTP status, 400–599. */
  readonly status: number;
  /** The problem details the server sent. */
  readonly problem: Problem;
  /** The server's `X-Request-Id`, when it sent one. */
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;
  /** Seconds to wait before retrying, from `Retry-After`, when the server sent it. */
  readonly retryAfter: number | undefined;

  constructor(request: RequestLine, problem: Problem, requestId: string | undefined, retryAfter?: number) {
    const detail = problem.detail ? ` — ${problem.detail}` : '';
    super(problem.code, `${request.method} ${request.url} failed with ${problem.status} ${problem.title} (${problem.code})${detail}`);
    this.status = problem.status;
    this.problem = problem;
    this.requestId = requestId;
    this.method = request.method;
    this.url = request.url;
    this.retryAfter = retryAfter;
  }
}
