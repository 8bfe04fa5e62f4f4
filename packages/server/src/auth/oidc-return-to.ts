import { ProblemError } from '../http/problem.js';

/**
 * Where the browser may be sent once signed in: a path on this server (`/espace-rh`), or an
 * absolute `http(s)` URL whose origin is this server's public origin or one of the allowed
 * origins. Anything else — another site, `//evil.example`, `/\evil.example`, `javascript:` — is
 * refused with a 400 problem, so the sign-in can never be turned into an open redirect.
 *
 * Returns the absolute URL to redirect to; without `returnTo`, the server's home page.
 *
 * @example
 * resolveReturnTo('/espace-rh?tab=chat', 'https://bureau.example', []); // 'https://bureau.example/espace-rh?tab=chat'
 */
export function resolveReturnTo(returnTo: string | undefined, publicUrl: string, allowedOrigins: readonly string[]): string {
  const home = new URL(publicUrl);
  if (returnTo === undefined || returnTo === '') return new URL('/', home).href;

  const target = isRelativePath(returnTo) ? new URL(returnTo, home) : parseAbsolute(returnTo);
  const trusted = new Set([home.origin, ...allowedOrigins.map(originOf)]);
  if (!target || !trusted.has(target.origin) || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
    throw new ProblemError('bad-request', 'returnTo must be a path on this server or a URL of an allowed origin.');
  }
  return target.href;
}

/** `/path` but not `//host` nor `/\host`, which browsers read as another host. */
function isRelativePath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

function parseAbsolute(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

/** `https://intranet.example/` and `https://intranet.example` name the same origin. */
function originOf(origin: string): string {
  return URL.canParse(origin) ? new URL(origin).origin : origin;
}
