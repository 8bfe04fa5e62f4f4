/**
 * A small asynchronous key-value store: what the cache, the outbox and the identity keep their
 * data in. Values must be structured-cloneable plain data.
 * Not part of the public API (not exported from the package's index).
 */
export interface KvStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix`, in key order. */
  entries<T>(prefix: string): Promise<Array<[string, T]>>;
  /** Removes every entry and, where possible, the store itself. */
  destroy(): Promise<void>;
  /** Lets go of the underlying connection; the next operation reopens it. */
  close(): Promise<void>;
}

/** Which storage backs the cache and outbox of a client. */
export type StorageKind = 'indexeddb' | 'memory';

/** Opens (or creates) a named store. Not part of the public API. */
export type OpenStore = (name: string) => KvStore;
