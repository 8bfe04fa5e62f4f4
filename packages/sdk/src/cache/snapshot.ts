/** Where a value handed to a watcher comes from. */
export type SnapshotSource = 'cache' | 'network' | 'stream';

/**
 * One value of a watched resource: first the cached one (`source: 'cache'`, at once, when the
 * browser has one), then the server's (`'network'`), then every change the event stream brings
 * (`'stream'`) or a refetch brings (`'network'`).
 */
export interface Snapshot<T> {
  value: T;
  source: SnapshotSource;
}

/** Receives the successive values of a watched resource. */
export type Watcher<T> = (snapshot: Snapshot<T>) => void;

/** Options of every `watch…` method. */
export interface WatchOptions {
  /** Stops watching. Required: a watch lasts until it is aborted. */
  signal: AbortSignal;
  /**
   * Receives the failures of refetches made after the first answer (e.g. after a `reset` event).
   * Without it they go to `reportError` (the page's `error` event).
   */
  onError?: ((error: unknown) => void) | undefined;
}
