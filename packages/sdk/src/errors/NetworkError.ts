import { BureauError } from './BureauError.js';
import type { RequestLine } from './HttpError.js';

/**
 * The request did not get an answer: DNS, TLS, connection reset, CORS refusal… `cause` is the
 * underlying error (usually the `TypeError` of `fetch`). Writes made through the outbox are
 * retried; reads may be retried by the caller.
 *
 * @example
 * ```ts
 * if (isNetworkError(error)) showBanner('Connexion perdue, nouvel essai…');
 * ```
 */
export class NetworkError extends BureauError {
  override name = 'NetworkError';
  readonly method: string;
  readonly url: string;

  constructor(request: RequestLine, cause: unknown) {
    super('network', `${request.method} ${request.url} failed: no answer from the server`, { cause });
    this.method = request.method;
    this.url = request.url;
  }
}
