import type { GetToken, TokenSource } from './token-source.js';

/** What the HTTP layer asks of the host's tokens. Not part of the public API. */
export type Tokens = Pick<TokenSource, 'token' | 'renew'>;

/**
 * The host's token source, its code loaded on first use: pages in cookie mode never download it
 * (the drop-in bundle's budget counts every byte).
 */
export function lazyTokens(getToken: GetToken): Tokens {
  let source: Promise<TokenSource> | undefined;
  const load = (): Promise<TokenSource> => (source ??= import('./token-source.js').then((module) => new module.TokenSource(getToken)));
  return {
    token: async () => (await load()).token(),
    renew: async (rejected) => (await load()).renew(rejected),
  };
}
