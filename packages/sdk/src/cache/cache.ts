import type { Identity, OwnerEvent } from '../auth/identity.js';
import type { Snapshot, SnapshotSource, Watcher, WatchOptions } from './snapshot.js';

type Loader<T> = (signal: AbortSignal) => Promise<T>;

interface Watch {
  key: string;
  load: Loader<unknown>;
  onValue: Watcher<unknown>;
  options: WatchOptions;
  fresh: boolean;
}

/**
 * The last known state of what the person has seen, in their own store, for an instant first
 * paint (stale-while-revalidate). Keys are `<domain>:<resource>:<id>`. Values written through
 * `set` reach every active watch of that key.
 * Not part of the public API (not exported from the package's index).
 */
export class Cache {
  readonly #identity: Identity;
  readonly #watches = new Set<Watch>();
  /** Values set while nobody was bound yet (a first visit before the session is known). */
  readonly #unsaved = new Map<string, unknown>();

  constructor(identity: Identity) {
    this.#identity = identity;
    // Another person's data: watched keys show theirs. Nobody (signed out): nothing to fetch. A
    // first sign-in: what was fetched is already theirs, written to their store from now on.
    identity.addEventListener('owner', (event) => {
      const unsaved = [...this.#unsaved];
      this.#unsaved.clear();
      if (identity.owner === null) return;
      if (!(event as OwnerEvent).first) return this.refresh('');
      for (const [key, value] of unsaved) identity.store?.set(key, value).catch((error: unknown) => reportError(error));
    });
  }

  /** The cached value, when the browser has one for the current person. */
  async get<T>(key: string): Promise<T | undefined> {
    await this.#identity.ready;
    const store = this.#identity.store;
    if (!store || this.#identity.session === null) return undefined;
    return store.get<T>(key);
  }

  /** Stores a value and hands it to the watches of its key. */
  async set(key: string, value: unknown, source: SnapshotSource): Promise<void> {
    this.#notify(key, { value, source });
    await this.#identity.ready;
    const store = this.#identity.store;
    if (store) await store.set(key, value);
    else if (this.#identity.session === undefined) this.#unsaved.set(key, value);
  }

  /** Rewrites a cached value in place (`undefined` from `change` leaves it as it is). */
  async update<T>(key: string, change: (current: T) => T | undefined): Promise<void> {
    const current = await this.get<T>(key);
    if (current === undefined) return;
    const next = change(current);
    if (next !== undefined) await this.set(key, next, 'stream');
  }

  /** Forgets a cached value. */
  async delete(key: string): Promise<void> {
    await this.#identity.ready;
    await this.#identity.store?.delete(key);
  }

  /**
   * Hands `onValue` the cached value at once (if any and if the network has not answered first),
   * then the fresh one, written through; then every later value of the key until the signal
   * aborts. Resolves once the fresh value has been delivered; rejects when fetching it failed
   * (the cached value, if any, has been delivered).
   */
  async watch<T>(key: string, load: Loader<T>, onValue: Watcher<T>, options: WatchOptions): Promise<void> {
    const { signal } = options;
    signal.throwIfAborted();
    const watch: Watch = { key, load, onValue: onValue as Watcher<unknown>, options, fresh: false };
    this.#watches.add(watch);
    signal.addEventListener('abort', () => this.#watches.delete(watch), { once: true });
    const paintCached = this.get<T>(key).then(
      (cached) => {
        if (cached !== undefined && !watch.fresh && !signal.aborted) onValue({ value: cached, source: 'cache' });
      },
      // An unreadable cache costs the instant paint, not the fresh value.
      (error: unknown) => reportError(error),
    );
    await Promise.all([paintCached, this.#fetch(watch)]);
  }

  /** Refetches every watched key starting with `prefix` (`''`: all), e.g. after a `reset` event. */
  refresh(prefix: string): void {
    const seen = new Set<string>();
    for (const watch of this.#watches) {
      if (!watch.key.startsWith(prefix) || seen.has(watch.key)) continue;
      seen.add(watch.key);
      this.#fetch(watch).catch((error: unknown) => {
        if (watch.options.signal.aborted) return;
        if (watch.options.onError) watch.options.onError(error);
        else reportError(error);
      });
    }
  }

  /** Whether a key is being watched (so a change is worth a refetch). */
  isWatched(key: string): boolean {
    for (const watch of this.#watches) if (watch.key === key) return true;
    return false;
  }

  async #fetch(watch: Watch): Promise<void> {
    const value = await watch.load(watch.options.signal);
    await this.set(watch.key, value, 'network');
  }

  #notify(key: string, snapshot: Snapshot<unknown>): void {
    for (const watch of [...this.#watches]) {
      if (watch.key !== key || watch.options.signal.aborted) continue;
      if (snapshot.source === 'network') watch.fresh = true;
      try {
        watch.onValue(snapshot);
      } catch (error) {
        reportError(error);
      }
    }
  }
}

/** Each client's cache, made by the first domain that reads through it (keyed by its identity). */
const caches = new WeakMap<Identity, Cache>();

/**
 * A domain's context with its client's cache: the cache is code of the domains that read through
 * it (spaces, chat, boards, files), not of the SDK's core, so a page that only shows the bell never
 * loads it. One cache per client, shared by its domains. @internal
 */
export function withCache<Context extends { readonly identity: Identity }>(context: Context): Context & { readonly cache: Cache } {
  let cache = caches.get(context.identity);
  if (cache === undefined) {
    cache = new Cache(context.identity);
    caches.set(context.identity, cache);
  }
  // The context's getters (the outbox, made on first use) stay lazy: read through the prototype.
  return Object.create(context, { cache: { value: cache } }) as Context & { readonly cache: Cache };
}
