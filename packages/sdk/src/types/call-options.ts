/** Options every SDK method takes. */
export interface CallOptions {
  /** Aborts the call. For writes, only stops waiting: the write stays in the outbox. */
  signal?: AbortSignal | undefined;
}

/** Options of list methods: one page of at most `limit` items after `cursor`. */
export interface PageOptions extends CallOptions {
  limit?: number | undefined;
  cursor?: string | undefined;
}
