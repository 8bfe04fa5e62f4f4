import type { Session } from '@bureau/api';
import { untilSettledOrAborted } from '../scheduling/pause.js';
import type { KvStore, OpenStore } from '../storage/kv-store.js';

/** Loads the session from the server: `null` when signed out. Not part of the public API. */
export type SessionLoader = () => Promise<Session | null>;

export interface IdentityOptions {
  /** Origin of the API: local data of two Bureau servers never mix. */
  apiOrigin: string;
  openStore: OpenStore;
  loadSession: SessionLoader;
}

const META_DB = 'bureau-meta';

/**
 * Dispatched by the identity when the data owner changes. `first` is true when this client binds
 * its first person without any before (a first sign-in on this browser): what it fetched so far was
 * fetched with that person's credentials already, so nothing needs fetching again.
 */
export class OwnerEvent extends Event {
  readonly first: boolean;
  constructor(first: boolean) {
    super('owner');
    this.first = first;
  }
}

/**
 * Who the client acts for, and whose local data (cache and outbox) it uses.
 *
 * The session comes from the server (`GET /v1/session`); the *data owner* is the user of the last
 * known session, remembered (the id only, never a token) in a small meta store so that a reload
 * while offline still finds its outbox and cache. Dispatches `owner` ({@link OwnerEvent}) when the
 * data owner changes (cache and outbox rebind) and `session` when the session changes.
 * Not part of the public API (not exported from the package's index).
 */
export class Identity extends EventTarget {
  readonly #options: IdentityOptions;
  readonly #meta: KvStore;
  #session: Session | null | undefined = undefined;
  #owner: string | null = null;
  #store: KvStore | null = null;
  #loading: Promise<Session | null> | undefined;
  /** Resolves once the remembered data owner is known. */
  readonly ready: Promise<void>;

  constructor(options: IdentityOptions) {
    super();
    this.#options = options;
    this.#meta = options.openStore(META_DB);
    // The remembered person is where this client starts from, not a change: no `owner` event.
    this.ready = this.#meta.get<string>(this.#metaKey).then((owner) => {
      if (owner !== undefined && this.#owner === null) this.#bind(owner);
    });
  }

  /** The session: `undefined` while unknown, `null` when signed out. */
  get session(): Session | null | undefined {
    return this.#session;
  }

  /** The user whose local data is in use, or `null`. */
  get owner(): string | null {
    return this.#owner;
  }

  /** The data owner's store, or `null` when nobody has signed in on this browser. */
  get store(): KvStore | null {
    return this.#store;
  }

  /**
   * Loads the session once (concurrent callers share the request) and records it. The shared
   * request is not tied to any caller's signal: an abort only stops that caller's wait.
   */
  load(signal?: AbortSignal): Promise<Session | null> {
    this.#loading ??= this.#options.loadSession().finally(() => {
      this.#loading = undefined;
    });
    return untilSettledOrAborted(this.#loading, signal);
  }

  /** The known session, or loads it. */
  current(signal?: AbortSignal): Promise<Session | null> {
    return this.#session === undefined ? this.load(signal) : Promise.resolve(this.#session);
  }

  /** Records the session the server reported; switches the data owner when another user signed in. */
  async record(session: Session | null): Promise<void> {
    await this.ready;
    const first = this.#owner === null && this.#session === undefined;
    this.#session = session;
    if (session && session.user.id !== this.#owner) {
      await this.#meta.set(this.#metaKey, session.user.id);
      this.#bind(session.user.id);
      this.dispatchEvent(new OwnerEvent(first));
    }
    this.dispatchEvent(new Event('session'));
  }

  /** Wipes the data owner's local data and forgets them: after a sign-out. */
  async forget(): Promise<void> {
    await this.ready;
    const store = this.#store;
    this.#session = null;
    this.#owner = null;
    this.#store = null;
    this.dispatchEvent(new OwnerEvent(false));
    this.dispatchEvent(new Event('session'));
    await this.#meta.delete(this.#metaKey);
    if (store) await store.destroy();
  }

  /** Lets go of the database connections (a closed client). */
  async close(): Promise<void> {
    await Promise.all([this.#meta.close(), this.#store?.close()]);
  }

  get #metaKey(): string {
    return `last-user:${this.#options.apiOrigin}`;
  }

  #bind(owner: string): void {
    const previous = this.#store;
    if (previous) previous.close().catch((error: unknown) => reportError(error));
    this.#owner = owner;
    this.#store = this.#options.openStore(`bureau:${this.#options.apiOrigin}:${owner}`);
  }
}
