import ky, { type KyInstance } from 'ky';
import type { Identity } from '../auth/identity.js';
import type { Tokens } from '../auth/lazy-tokens.js';
import { isHttpError } from '../errors/guards.js';
import { untilSettledOrAborted } from '../scheduling/pause.js';
import { toBureauError } from './to-bureau-error.js';

/** HTTP methods the SDK uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request to the Bureau API. `path` is absolute from the API root, e.g. `/v1/spaces`. */
export interface HttpRequest {
  method: Method;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  searchParams?: Record<string, string | number | undefined>;
  signal?: AbortSignal | undefined;
}

/** A successful answer: `body` is the parsed JSON, `undefined` for 204. */
export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpOptions {
  baseUrl: string;
  identity: Identity;
  /** The host's access tokens (bearer mode); without it, the session cookie. */
  tokens?: Tokens | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  timeoutMs?: number | undefined;
}

/**
 * The shared HTTP layer of a client: one ky instance with cookies (`credentials: 'include'`), the
 * bearer token when the host gives one (asked for again, and the request sent once more, when the
 * server refuses it), the CSRF header on mutating requests of cookie sessions,
 * a timeout, and retries of GETs only — writes are retried by the outbox, with their
 * `Idempotency-Key`. Every failure is thrown as a `BureauError`.
 * Not part of the public API (not exported from the package's index).
 */
export class Http {
  readonly baseUrl: string;
  readonly #ky: KyInstance;
  readonly #identity: Identity;
  readonly #tokens: Tokens | undefined;
  /** GETs on their way, by URL and headers. */
  readonly #gets = new Map<string, Promise<HttpResponse<unknown>>>();

  constructor(options: HttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#identity = options.identity;
    this.#tokens = options.tokens;
    const fetchImpl = options.fetch;
    this.#ky = ky.create({
      credentials: 'include',
      timeout: options.timeoutMs ?? 15_000,
      retry: { limit: 2, methods: ['get'], statusCodes: [408, 429, 500, 502, 503, 504], backoffLimit: 3_000, maxRetryAfter: 10_000 },
      throwHttpErrors: true,
      // Late-bound so that a host (or a test) may swap `globalThis.fetch`; always called unbound.
      fetch: (input, init) => (fetchImpl ?? globalThis.fetch)(input, init),
    });
  }

  /** The absolute URL of an API path. */
  url(path: string, searchParams?: HttpRequest['searchParams']): string {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(searchParams ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.href;
  }

  /**
   * Sends a request and parses its JSON answer. A stale CSRF token is refreshed once. A GET of a URL
   * already on its way is not sent again: its callers share the answer (each gets its own copy of
   * the body), and each caller's signal stops only that caller's wait. A read after a write never
   * joins a read sent before the write ended.
   */
  request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    if (request.method !== 'GET') {
      this.#gets.clear();
      return this.#request<T>(request).finally(() => this.#gets.clear());
    }
    const key = this.url(request.path, request.searchParams) + JSON.stringify(request.headers ?? {});
    const inFlight = this.#gets.get(key) as Promise<HttpResponse<T>> | undefined;
    if (inFlight) return untilSettledOrAborted(inFlight, request.signal).then((response) => ({ ...response, body: structuredClone(response.body) }));
    const shared = this.#request<T>({ ...request, signal: undefined }).finally(() => this.#gets.delete(key));
    this.#gets.set(key, shared);
    return untilSettledOrAborted(shared, request.signal);
  }

  async #request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    try {
      return await this.#send<T>(request);
    } catch (error) {
      if (!(isHttpError(error) && error.code === 'csrf-failed')) throw error;
      await this.#identity.load(request.signal);
      return this.#send<T>(request);
    }
  }

  /**
   * Opens a long-lived response (the event stream): no timeout, no retry, the body unread.
   */
  async open(request: HttpRequest): Promise<Response> {
    return this.#authorized(request, (headers, url) =>
      this.#ky(url, { method: request.method, headers, signal: request.signal ?? null, timeout: false, retry: 0 }),
    );
  }

  async #send<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const response = await this.#authorized(request, (headers, url) =>
      this.#ky(url, {
        method: request.method,
        headers,
        signal: request.signal ?? null,
        ...(request.body === undefined ? {} : { json: request.body }),
      }),
    );
    const type = response.headers.get('content-type') ?? '';
    const body = response.status === 204 || !type.includes('json') ? undefined : await response.json();
    return { status: response.status, headers: response.headers, body: body as T };
  }

  /**
   * Sends with the current credentials. In bearer mode a 401 means the token was refused (expired,
   * revoked): the host is asked for a fresh one and the request goes once more. A 401 that stands
   * records the signed-out state.
   */
  async #authorized(request: HttpRequest, send: (headers: Record<string, string>, url: string) => Promise<Response>): Promise<Response> {
    const url = this.url(request.path, request.searchParams);
    const line = { method: request.method, url };
    const attempt = async (token: string | undefined): Promise<Response> => {
      try {
        return await send(await this.#headers(request.method, request.headers, token, request.signal), url);
      } catch (error) {
        throw await toBureauError(error, line, request.signal);
      }
    };
    // A failing `getToken` is the host's own error: it reaches the caller as the host threw it.
    const token = await this.#tokens?.token();
    try {
      try {
        return await attempt(token);
      } catch (error) {
        if (token === undefined || !isUnauthorized(error)) throw error;
      }
      return await attempt(await this.#tokens!.renew(token));
    } catch (error) {
      if (isUnauthorized(error)) await this.#identity.record(null);
      throw error;
    }
  }

  /**
   * The headers that authenticate a request of `method`: `Authorization` from the host's token, and
   * the session's CSRF token on anything but GET; `extra` first. Requests made outside this class
   * (tus uploads) take them from here too.
   */
  async authHeaders(method: string, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<Record<string, string>> {
    return this.#headers(method, extra, await this.#tokens?.token(), signal);
  }

  async #headers(method: string, extra: Record<string, string> | undefined, token: string | undefined, signal: AbortSignal | undefined): Promise<Record<string, string>> {
    const result: Record<string, string> = { ...extra };
    if (token !== undefined) result.Authorization = `Bearer ${token}`;
    if (method !== 'GET' && method !== 'HEAD') {
      const session = await this.#identity.current(signal);
      if (session?.csrfToken) result['X-CSRF-Token'] = session.csrfToken;
    }
    return result;
  }
}

const isUnauthorized = (error: unknown): boolean => isHttpError(error) && error.status === 401;
