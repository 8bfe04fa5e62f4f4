/**
 * Tells waiting SSE streams that the log has grown. It carries positions, never events: this
 * process's commits announce theirs, and on PostgreSQL so do other instances' (LISTEN/NOTIFY on
 * `bureau_events`); streams then read the events from the database.
 */
export class PositionNotifier {
  #latest: number;
  readonly #waiters = new Set<() => void>();

  constructor(head: number) {
    this.#latest = head;
  }

  /** The highest position announced so far. */
  get latest(): number {
    return this.#latest;
  }

  /** Announces that events up to `position` are committed. */
  notify(position: number): void {
    if (position > this.#latest) this.#latest = position;
    for (const wake of [...this.#waiters]) wake();
  }

  /** Resolves once a position after `after` is announced, or when `signal` aborts. */
  waitBeyond(after: number, signal: AbortSignal): Promise<void> {
    if (this.#latest > after || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        if (this.#latest <= after && !signal.aborted) return;
        this.#waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.#waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
