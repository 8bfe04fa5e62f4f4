/** The state of the client's event stream. */
export type StreamStatus = 'connecting' | 'open' | 'closed' | 'offline';

/**
 * Dispatched by `client.stream` when its {@link StreamStatus} changes.
 * @example
 * ```ts
 * client.stream.addEventListener('status', (event) => banner.hidden = event.status !== 'offline');
 * ```
 */
export class StreamStatusEvent extends Event {
  readonly status: StreamStatus;
  constructor(status: StreamStatus) {
    super('status');
    this.status = status;
  }
}

/**
 * Dispatched by `client.stream` when a connection attempt fails or a message cannot be read; the
 * stream reconnects on its own (with backoff), this is for diagnostics.
 * @example
 * ```ts
 * client.stream.addEventListener('error', (event) => console.warn(event.error));
 * ```
 */
export class StreamErrorEvent extends Event {
  readonly error: unknown;
  constructor(error: unknown) {
    super('error');
    this.error = error;
  }
}

/** The events `client.stream` dispatches. */
export interface EventStreamEventMap {
  status: StreamStatusEvent;
  error: StreamErrorEvent;
}
