import type { AuthInfo, Page, Rules, Session } from '@bureau/api';
import { isHttpError } from '../errors/guards.js';
import type { Http } from '../http/http.js';
import type { CallOptions } from '../types/call-options.js';
import type { Identity } from './identity.js';

export interface AuthServiceOptions {
  http: Http;
  identity: Identity;
}

/**
 * Who is signed in, and how to sign in.
 *
 * @example
 * ```ts
 * const session = await client.auth.session();
 * if (!session) location.assign(client.auth.loginUrl(location.href));
 * ```
 */
export class AuthService {
  readonly #http: Http;
  readonly #identity: Identity;

  constructor(options: AuthServiceOptions) {
    this.#http = options.http;
    this.#identity = options.identity;
  }

  /**
   * The current session (`GET /v1/session`), or `null` when signed out (401). Callers at the same
   * time share one request (the element, the chat and the stream of a page ask at once); aborting
   * `signal` stops only this caller's wait.
   * @example
   * ```ts
   * const session = await client.auth.session({ signal });
   * console.log(session?.user.name ?? 'signed out');
   * ```
   */
  session(options: CallOptions = {}): Promise<Session | null> {
    return this.#identity.load(options.signal);
  }

  /**
   * The session this client already knows (from any earlier `session()`, e.g. `<bureau-client>`'s),
   * or reads it as `session()` does when none is known yet: no second `GET /v1/session` for a page.
   * @example
   * ```ts
   * const me = (await client.auth.current({ signal }))?.user.id;
   * ```
   */
  current(options: CallOptions = {}): Promise<Session | null> {
    return this.#identity.current(options.signal);
  }

  /** Asks the server for the session and records it (what `session()` callers share). @internal */
  async fetchSession(): Promise<Session | null> {
    let session: Session | null;
    try {
      session = (await this.#http.request<Session>({ method: 'GET', path: '/v1/session' })).body;
    } catch (error) {
      if (!(isHttpError(error) && error.status === 401)) throw error;
      session = null;
    }
    await this.#identity.record(session);
    return session;
  }

  /**
   * How this server lets people sign in (`GET /v1/auth`): modes, OIDC login URL, demo users.
   * @example
   * ```ts
   * const { modes, devUsers } = await client.auth.info();
   * ```
   */
  async info(options: CallOptions = {}): Promise<AuthInfo> {
    return (await this.#http.request<AuthInfo>({ method: 'GET', path: '/v1/auth', signal: options.signal })).body;
  }

  /**
   * The rules of use of the person's spaces that they have not accepted yet (`GET /v1/me/rules-to-accept`):
   * what comes before anything else once somebody is signed in, so it is here, in the client's core,
   * rather than in the lazy governance service (which offers it too).
   */
  async rulesToAccept(options: CallOptions = {}): Promise<Page<Rules>> {
    return (await this.#http.request<Page<Rules>>({ method: 'GET', path: '/v1/me/rules-to-accept', signal: options.signal })).body;
  }

  /**
   * Signs in as a seeded person — demo servers only (`POST /v1/auth/dev`); other servers answer 404.
   * @example
   * ```ts
   * await client.auth.signInDev('karim');
   * ```
   */
  async signInDev(userId: string, options: CallOptions = {}): Promise<Session> {
    const { body } = await this.#http.request<Session>({
      method: 'POST',
      path: '/v1/auth/dev',
      body: { userId },
      signal: options.signal,
    });
    await this.#identity.record(body);
    return body;
  }

  /**
   * The URL that starts an OIDC sign-in and comes back to `returnTo` (which the server accepts
   * only on its own origin or an allowed one).
   * @example
   * ```ts
   * location.assign(client.auth.loginUrl(location.href));
   * ```
   */
  loginUrl(returnTo: string): string {
    return this.#http.url('/v1/auth/login', { returnTo });
  }
}
