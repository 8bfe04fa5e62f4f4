import { BureauError } from './BureauError.js';
import type { RequestLine } from './HttpError.js';

/**
 * The server did not answer within the client's timeout.
 *
 * @example
 * ```ts
 * if (isTimeoutError(error)) showBanner('Le serveur met trop de temps à répondre.');
 * ```
 */
export class TimeoutError extends BureauError {
  override name = 'TimeoutError';
  readonly method: string;
  readonly url: string;

  constructor(request: RequestLine, cause?: unknown) {
    super('timeout', `${request.method} ${request.url} timed out`, { cause });
    this.method = request.method;
    this.url = request.url;
  }
}
