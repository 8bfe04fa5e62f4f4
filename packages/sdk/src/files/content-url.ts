import { filesPaths } from './keys.js';

/** Options of the download URL helpers. */
export interface ContentUrlOptions {
  /** An older content version. */
  version?: number | undefined;
}

/**
 * The URL that downloads a file (`Content-Disposition: attachment`), made from the client's
 * `baseUrl` alone: code that only links to a file (a chat message's attachment) need not load the
 * files domain (`client.files.contentUrl` is the same URL). It relies on the session cookie: with
 * bearer tokens, fetch it instead.
 * @example
 * ```ts
 * link.href = fileContentUrl(client, attachment.fileId);
 * ```
 */
export function fileContentUrl(client: { readonly baseUrl: string }, fileId: string, options: ContentUrlOptions = {}): string {
  const url = new URL(client.baseUrl + filesPaths.content(fileId));
  if (options.version !== undefined) url.searchParams.set('version', String(options.version));
  return url.href;
}
