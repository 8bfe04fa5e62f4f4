import type { CreateSpace, Member, Page, Role, Space, UpdateSpace, User } from '@bureau/api';
import type { Identity } from '../auth/identity.js';
import { type Cache, withCache } from '../cache/cache.js';
import type { Watcher, WatchOptions } from '../cache/snapshot.js';
import type { Http } from '../http/http.js';
import { outboxDomain, type Outbox } from '../outbox/outbox.js';
import type { EventStream } from '../stream/stream.js';
import type { CallOptions, PageOptions } from '../types/call-options.js';
import { SpacesCacheSync } from './cache-sync.js';
import { spaceKeys } from './keys.js';
import type { Domain } from '../domains.js';

export interface SpacesServiceOptions {
  http: Http;
  cache: Cache;
  outbox: Outbox;
  stream: EventStream;
  identity: Identity;
}

/** Options of writes that may be guarded by the version the person saw. */
export interface GuardedWriteOptions extends CallOptions {
  /** The `version` the change is based on: sent as `If-Match`; a newer one on the server → `ConflictError`. */
  ifMatch?: number | undefined;
}

/** Hard limit on pages followed by the `watch…` methods, which show whole lists. */
const MAX_PAGES = 50;

/**
 * Spaces and their members. Reads go to the network (`list`, `get`, `members`) or paint from the
 * cache first and follow changes (`watchList`, `watch`, `watchMembers`); writes go through the
 * outbox and resolve with the server's answer.
 *
 * @example
 * ```ts
 * const space = await client.spaces.create({ name: 'Espace RH 360' });
 * await client.spaces.putMember(space.id, 'camille', 'member');
 * ```
 */
export class SpacesService {
  readonly #http: Http;
  readonly #cache: Cache;
  readonly #outbox: Outbox;
  readonly #sync: SpacesCacheSync;
  readonly #stream: EventStream;

  constructor(options: SpacesServiceOptions) {
    this.#http = options.http;
    this.#cache = options.cache;
    this.#outbox = options.outbox;
    this.#stream = options.stream;
    this.#sync = new SpacesCacheSync(options.cache, options.identity, options.stream);
  }

  /**
   * One page of the spaces the person belongs to (`GET /v1/spaces`).
   * @example
   * ```ts
   * const { items, nextCursor } = await client.spaces.list({ limit: 20 });
   * ```
   */
  async list(options: PageOptions = {}): Promise<Page<Space>> {
    const { body } = await this.#http.request<Page<Space>>({
      method: 'GET',
      path: '/v1/spaces',
      searchParams: { limit: options.limit, cursor: options.cursor },
      signal: options.signal,
    });
    return body;
  }

  /**
   * One space (`GET /v1/spaces/{id}`); a space the person does not belong to is a 404 `HttpError`.
   * @example
   * ```ts
   * const space = await client.spaces.get('spc_123');
   * ```
   */
  async get(spaceId: string, options: CallOptions = {}): Promise<Space> {
    const { body } = await this.#http.request<Space>({
      method: 'GET',
      path: `/v1/spaces/${encodeURIComponent(spaceId)}`,
      signal: options.signal,
    });
    return body;
  }

  /**
   * One page of a space's members (`GET /v1/spaces/{id}/members`).
   * @example
   * ```ts
   * const { items } = await client.spaces.members(space.id);
   * ```
   */
  async members(spaceId: string, options: PageOptions = {}): Promise<Page<Member>> {
    const { body } = await this.#http.request<Page<Member>>({
      method: 'GET',
      path: `/v1/spaces/${encodeURIComponent(spaceId)}/members`,
      searchParams: { limit: options.limit, cursor: options.cursor },
      signal: options.signal,
    });
    return body;
  }

  /**
   * People of the directory whose name contains `q`, case and accents ignored (`GET /v1/users`):
   * whom an owner may add to a space.
   * @example
   * ```ts
   * const { items } = await client.spaces.directory('theo'); // Théo Garnier
   * ```
   */
  async directory(q: string, options: PageOptions = {}): Promise<Page<User>> {
    const { body } = await this.#http.request<Page<User>>({
      method: 'GET',
      path: '/v1/users',
      searchParams: { q, limit: options.limit, cursor: options.cursor },
      signal: options.signal,
    });
    return body;
  }

  /**
   * Creates a space; the person becomes its owner. Queued in the outbox: offline, it waits
   * (across reloads) and resolves when the server has it.
   * @example
   * ```ts
   * const space = await client.spaces.create({ name: 'Comité social', description: 'CSE 2026' });
   * ```
   */
  async create(input: CreateSpace, options: CallOptions = {}): Promise<Space> {
    const { body } = await this.#outbox.send<Space>(
      { method: 'POST', path: '/v1/spaces', body: input, intent: 'spaces.create' },
      options,
    );
    await this.#remember(body).catch((error: unknown) => reportError(error));
    return body;
  }

  /**
   * Renames a space (owners only; a guest or member gets a 403 `HttpError`).
   * @example
   * ```ts
   * await client.spaces.rename(space.id, 'Espace RH', { ifMatch: space.version });
   * ```
   */
  rename(spaceId: string, name: string, options: GuardedWriteOptions = {}): Promise<Space> {
    return this.update(spaceId, { name }, options);
  }

  /**
   * Changes a space's name and/or description (owners only).
   * @example
   * ```ts
   * await client.spaces.update(space.id, { description: 'Ressources humaines' });
   * ```
   */
  async update(spaceId: string, change: UpdateSpace, options: GuardedWriteOptions = {}): Promise<Space> {
    const { body } = await this.#outbox.send<Space>(
      {
        method: 'PATCH',
        path: `/v1/spaces/${encodeURIComponent(spaceId)}`,
        body: change,
        ...(options.ifMatch === undefined ? {} : { headers: { 'If-Match': `"${options.ifMatch}"` } }),
        intent: 'spaces.update',
        target: spaceId,
      },
      options,
    );
    await this.#remember(body).catch((error: unknown) => reportError(error));
    return body;
  }

  /**
   * Adds a person to a space or changes their role (owners only).
   * @example
   * ```ts
   * await client.spaces.putMember(space.id, 'ines', 'guest');
   * ```
   */
  async putMember(spaceId: string, userId: string, role: Role, options: CallOptions = {}): Promise<Member> {
    const { body } = await this.#outbox.send<Member>(
      {
        method: 'PUT',
        path: `/v1/spaces/${encodeURIComponent(spaceId)}/members/${encodeURIComponent(userId)}`,
        body: { role },
        intent: 'spaces.putMember',
        target: spaceId,
      },
      options,
    );
    return body;
  }

  /**
   * Removes a person from a space (owners), or leaves it (the person themself).
   * @example
   * ```ts
   * await client.spaces.removeMember(space.id, 'lea');
   * ```
   */
  async removeMember(spaceId: string, userId: string, options: CallOptions = {}): Promise<void> {
    await this.#outbox.send<undefined>(
      {
        method: 'DELETE',
        path: `/v1/spaces/${encodeURIComponent(spaceId)}/members/${encodeURIComponent(userId)}`,
        intent: 'spaces.removeMember',
        target: spaceId,
      },
      options,
    );
  }

  /**
   * Every space of the person: the cached list at once (when there is one), the server's when it
   * answers, then every change the event stream brings, until `signal` aborts. Resolves once the
   * server's list has been delivered; rejects if it could not be fetched.
   * @example
   * ```ts
   * const controller = new AbortController();
   * await client.spaces.watchList(({ value, source }) => render(value, source), { signal: controller.signal });
   * ```
   */
  watchList(onValue: Watcher<Space[]>, options: WatchOptions): Promise<void> {
    return this.#watch(spaceKeys.list, (signal) => this.#all((cursor) => this.list({ cursor, limit: 100, signal })), onValue, options);
  }

  /**
   * One space, cached first, then fresh, then live.
   * @example
   * ```ts
   * await client.spaces.watch(spaceId, ({ value }) => (title.textContent = value.name), { signal });
   * ```
   */
  watch(spaceId: string, onValue: Watcher<Space>, options: WatchOptions): Promise<void> {
    return this.#watch(spaceKeys.space(spaceId), (signal) => this.get(spaceId, { signal }), onValue, options);
  }

  /**
   * A space's members, cached first, then fresh, then live.
   * @example
   * ```ts
   * await client.spaces.watchMembers(spaceId, ({ value }) => renderMembers(value), { signal });
   * ```
   */
  watchMembers(spaceId: string, onValue: Watcher<Member[]>, options: WatchOptions): Promise<void> {
    return this.#watch(
      spaceKeys.members(spaceId),
      (signal) => this.#all((cursor) => this.members(spaceId, { cursor, limit: 100, signal })),
      onValue,
      options,
    );
  }

  async #watch<T>(key: string, load: (signal: AbortSignal) => Promise<T>, onValue: Watcher<T>, options: WatchOptions): Promise<void> {
    options.signal.throwIfAborted();
    const release = this.#sync.retain();
    options.signal.addEventListener('abort', release, { once: true });
    // Fresh state is fetched once the stream listens, so that no change falls in between.
    const listenThenLoad = async (signal: AbortSignal): Promise<T> => {
      await this.#stream.whenListening(signal);
      return load(signal);
    };
    await this.#cache.watch(key, listenThenLoad, onValue, options);
  }

  async #all<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < MAX_PAGES; i += 1) {
      const result = await page(cursor);
      items.push(...result.items);
      if (result.nextCursor === null) return items;
      cursor = result.nextCursor;
    }
    return items;
  }

  /** Writes a space the server returned into the cache (the space and its place in the list). */
  async #remember(space: Space): Promise<void> {
    await this.#cache.update<Space>(spaceKeys.space(space.id), () => space);
    await this.#cache.update<Space[]>(spaceKeys.list, (spaces) =>
      spaces.some((s) => s.id === space.id) ? spaces.map((s) => (s.id === space.id ? space : s)) : [...spaces, space],
    );
  }
}

/** The code of `client.spaces` (spaces and their members), for {@link registerDomains}. */
export const spacesDomain: Domain<'spaces'> = { name: 'spaces', requires: [outboxDomain], create: (context) => new SpacesService(withCache(context)) };
