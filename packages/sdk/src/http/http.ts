import ky, { type KyInstance } from 'ky';
import type { Identity } from '../auth/identity.js';
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
  getToken?: (() => string | Promise<string>) | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  timeoutMs?: number | undefined;
}

/**
 * The shared HTTP layer of a client: one ky instance with cookies (`credentials: 'include'`), the
 * bearer token when the host gives one, the CSRF header on mutating requests of cookie sessions,
 * a timeout, and retries of GETs only — writes are retried by the outbox, with their
 * `Idempotency-Key`. Every failure is thrown as a `BureauError`.
 * Not part of the public API (not exported from the package's index).
 */
export class Http {
  readonly baseUrl: string;
  readonly #ky: KyInstance;
  readonly #identity: Identity;
  readonly #getToken: HttpOptions['getToken'];
  /** GETs on their way, by URL and headers. */
  readonly #gets = new Map<string, Promise<HttpResponse<unknown>>>();

  constructor(options: HttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#identity = options.identity;
    this.#getToken = options.getToken;
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
    const url = this.url(request.path, request.searchParams);
    const line = { method: request.method, url };
    try {
      return await this.#ky(url, {
        method: request.method,
        headers: await this.#headers(request),
        signal: request.signal ?? null,
        timeout: false,
        retry: 0,
      });
    } catch (error) {
      throw await this.#failed(error, line, request.signal);
    }
  }

  async #send<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const url = this.url(request.path, request.searchParams);
    const line = { method: request.method, url };
    try {
      const response = await this.#ky(url, {
        method: request.method,
        headers: await this.#headers(request),
        signal: request.signal ?? null,
        ...(request.body === undefined ? {} : { json: request.body }),
      });
      const type = response.headers.get('content-type') ?? '';
      const body = response.status === 204 || !type.includes('json') ? undefined : await response.json();
      return { status: response.status, headers: response.headers, body: body as T };
    } catch (error) {
      throw await this.#failed(error, line, request.signal);
    }
  }

  async #failed(error: unknown, line: { method: string; url: string }, signal: AbortSignal | undefined): Promise<unknown> {
    const mapped = await toBureauError(error, line, signal);
    if (isHttpError(mapped) && mapped.status === 401) await this.#identity.record(null);
    return mapped;
  }

  #headers(request: HttpRequest): Promise<Record<string, string>> {
    return this.authHeaders(request.method, request.headers, request.signal);
  }

  /**
   * The headers that authenticate a request of `method`: `Authorization` from `getToken`, and the
   * session's CSRF token on anything but GET; `extra` first. Requests made outside this class (tus
   * uploads) take them from here too.
   */
  async authHeaders(method: string, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<Record<string, string>> {
    const result: Record<string, string> = { ...extra };
    if (this.#getToken) result.Authorization = `Bearer ${await this.#getToken()}`;
    if (method !== 'GET' && method !== 'HEAD') {
      const session = await this.#identity.current(signal);
      if (session?.csrfToken) result['X-CSRF-Token'] = session.csrfToken;
    }
    return result;
  }
}
