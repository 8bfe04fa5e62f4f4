/**
 * What a host's `getToken` may return: the access token itself, or the token with its expiry
 * (the shape of an OAuth token response, and of the demo's `POST /v1/auth/dev-token`).
 */
export type AccessTokenResult = string | { accessToken: string; expiresAt?: string | number | Date | undefined };

/**
 * A host's source of access tokens. Bureau calls it when it has no token, when the one it holds
 * expires within a minute, and once more when the server refused the one it sent (401), with
 * `{ forceRefresh: true }`: return a fresh token then, not a cached one.
 */
export type GetToken = (options: { forceRefresh: boolean }) => AccessTokenResult | Promise<AccessTokenResult>;

/** A token is renewed this long before it expires, so that no request carries one that lapses in flight. */
const renewBeforeMs = 60_000;

interface Held {
  token: string;
  /** Epoch milliseconds, or null when the expiry is unknown (then only a 401 renews it). */
  expiresAt: number | null;
}

/**
 * Holds the host's current access token: asks `getToken` for one when there is none or it is about
 * to expire, shares one call among concurrent requests, and renews after a refusal. The token is
 * kept in memory only, never in web storage.
 * Not part of the public API (not exported from the package's index).
 */
export class TokenSource {
  readonly #getToken: GetToken;
  #held: Held | undefined;
  #pending: Promise<Held> | undefined;

  constructor(getToken: GetToken) {
    this.#getToken = getToken;
  }

  /** A token good for at least a minute more (or of unknown expiry). */
  async token(): Promise<string> {
    const held = this.#held;
    if (held && (held.expiresAt === null || held.expiresAt - Date.now() > renewBeforeMs)) return held.token;
    return (await this.#fetch(false)).token;
  }

  /** After the server refused `rejected`: a fresh token from the host (one call shared by all who ask). */
  async renew(rejected: string): Promise<string> {
    if (this.#held && this.#held.token !== rejected) return this.#held.token;
    this.#held = undefined;
    return (await this.#fetch(true)).token;
  }

  #fetch(forceRefresh: boolean): Promise<Held> {
    this.#pending ??= (async () => {
      try {
        const held = read(await this.#getToken({ forceRefresh }));
        this.#held = held;
        return held;
      } finally {
        this.#pending = undefined;
      }
    })();
    return this.#pending;
  }
}

function read(result: AccessTokenResult): Held {
  const token = typeof result === 'string' ? result : result?.accessToken;
  if (typeof token !== 'string' || token === '') {
    throw new TypeError('getToken must return an access token (a string) or { accessToken, expiresAt }');
  }
  const given = typeof result === 'string' ? undefined : result.expiresAt;
  const expiresAt = given === undefined ? jwtExpiry(token) : new Date(given).getTime();
  return { token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : null };
}

/** The `exp` of a JWT, unverified (the server verifies): only to know when to ask for another. */
function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    // Not a JWT (an opaque token): its expiry is unknown, a 401 will tell.
    return null;
  }
}
