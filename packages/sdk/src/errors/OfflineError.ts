import { BureauError } from './BureauError.js';
import type { RequestLine } from './HttpError.js';

/**
 * The request failed while the browser reports being offline (`navigator.onLine === false`).
 * Writes made through the outbox wait for the `online` event and are replayed.
 *
 * @example
 * ```ts
 * if (isOfflineError(error)) showBanner('Hors ligne : vos modifications partiront au retour du réseau.');
 * ```
 */
export class OfflineError extends BureauError {
  override name = 'OfflineError';
  readonly method: string;
  readonly url: string;

  constructor(request: RequestLine, cause: unknown) {
    super('offline', `${request.method} ${request.url} failed: the browser is offline`, { cause });
    this.method = request.method;
    this.url = request.url;
  }
}
