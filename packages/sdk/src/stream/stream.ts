import type { BureauEvent, BureauEventType, EventOf } from '@bureau/api';
import { createParser } from 'eventsource-parser';
import type { Identity } from '../auth/identity.js';
import { BureauError } from '../errors/BureauError.js';
import { isHttpError } from '../errors/guards.js';
import type { Http } from '../http/http.js';
import { fullJitter } from '../scheduling/backoff.js';
import { isOffline, pause, untilEvent, untilOnline } from '../scheduling/pause.js';
import { StreamErrorEvent, StreamStatusEvent, type EventStreamEventMap, type StreamStatus } from './stream-events.js';
import { TypedEventTarget } from '../events/typed-event-target.js';

/** A handler of one event type, or of every event (`'*'`). */
export type EventHandler<E extends BureauEvent = BureauEvent> = (event: E) => void;

export interface EventStreamOptions {
  http: Http;
  identity: Identity;
  /** First reconnection delay before jitter, until the server sends `retry:`. Default 1000 ms. */
  retryMs?: number | undefined;
  /** Longest reconnection delay. Default 30 s. */
  maxRetryMs?: number | undefined;
  /** Silence after which a connection is considered dead (the server pings every 15 s). Default 45 s. */
  idleTimeoutMs?: number | undefined;
}

/**
 * The client's one Server-Sent Events connection (`GET /v1/events`), read over `fetch` so that it
 * carries the same credentials as every other request. It connects while it has subscribers,
 * resumes with `Last-Event-ID` from the last position it delivered (so that no event is lost or
 * delivered twice), reconnects with exponential backoff and full jitter (reset after a good
 * connection, based on the server's `retry:`), waits for `online` when the browser is offline,
 * and stops for good on `close()`.
 *
 * @example
 * ```ts
 * const unsubscribe = client.stream.subscribe('space.updated', (event) => {
 *   console.log(event.data.name);
 * });
 * client.stream.addEventListener('status', (event) => console.log(event.status));
 * ```
 */
export class EventStream extends TypedEventTarget<EventStreamEventMap> {
  readonly #http: Http;
  readonly #identity: Identity;
  readonly #handlers = new Map<string, Set<EventHandler>>();
  readonly #maxRetryMs: number;
  readonly #idleTimeoutMs: number;
  #retryMs: number;
  #status: StreamStatus = 'closed';
  #position: string | undefined;
  #running: AbortController | undefined;
  #closed = false;
  #connectedBefore = false;

  constructor(options: EventStreamOptions) {
    super();
    this.#http = options.http;
    this.#identity = options.identity;
    this.#retryMs = options.retryMs ?? 1_000;
    this.#maxRetryMs = options.maxRetryMs ?? 30_000;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
    this.#identity.addEventListener('owner', this.#onOwner);
  }

  /** The connection's state; a `status` event is dispatched on every change. */
  get status(): StreamStatus {
    return this.#status;
  }

  /** The position of the last event delivered, sent as `Last-Event-ID` on reconnection. */
  get position(): string | undefined {
    return this.#position;
  }

  /**
   * Calls `handler` with every event of `type` (or every event for `'*'`), in log order, until the
   * returned function is called. The first subscription opens the connection; the last
   * unsubscription closes it.
   * @example
   * ```ts
   * const off = client.stream.subscribe('*', (event) => console.log(event.position, event.type));
   * off();
   * ```
   */
  subscribe<K extends BureauEventType>(type: K, handler: EventHandler<EventOf<K>>): () => void;
  subscribe(type: '*', handler: EventHandler): () => void;
  subscribe(type: string, handler: EventHandler<never>): () => void {
    // A wrapper per subscription: the same handler subscribed twice is unsubscribed one at a time.
    const generic: EventHandler = (event) => (handler as EventHandler)(event);
    let set = this.#handlers.get(type);
    if (!set) {
      set = new Set();
      this.#handlers.set(type, set);
    }
    set.add(generic);
    this.#start();
    return () => {
      this.#handlers.get(type)?.delete(generic);
      if (this.#subscriberCount() === 0) this.#stop();
    };
  }

  /**
   * Resolves once events from now on will be delivered (the connection is open, or a position is
   * known to resume from), or once the first attempt failed or was stopped, so that nobody waits
   * on a stream that cannot open. Domains fetch fresh state after this, so that no change falls
   * between their fetch and the stream.
   * @internal
   */
  whenListening(signal: AbortSignal): Promise<void> {
    if (this.#status !== 'connecting' || this.#position !== undefined || !this.#running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.removeEventListener('status', onStatus);
        this.removeEventListener('error', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const onStatus = (): void => {
        if (this.#status !== 'connecting') done();
      };
      this.addEventListener('status', onStatus);
      this.addEventListener('error', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Closes the connection for good: aborts the request in flight, never reconnects, drops every
   * subscription.
   */
  close(): void {
    this.#closed = true;
    this.#identity.removeEventListener('owner', this.#onOwner);
    this.#handlers.clear();
    this.#stop();
  }

  #subscriberCount(): number {
    let count = 0;
    for (const set of this.#handlers.values()) count += set.size;
    return count;
  }

  #start(): void {
    if (this.#closed || this.#running) return;
    const controller = new AbortController();
    this.#running = controller;
    void this.#run(controller.signal);
  }

  #stop(): void {
    this.#running?.abort(new DOMException('The event stream was stopped', 'AbortError'));
    this.#running = undefined;
    this.#setStatus('closed');
  }

  readonly #onOwner = (): void => {
    // Another person's events start from their own view: forget the position, reconnect.
    this.#position = undefined;
    if (this.#running) {
      this.#stop();
      this.#start();
    }
  };

  async #run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      if (this.#identity.session === null) {
        // Signed out: nothing to stream until a session appears.
        this.#setStatus('closed');
        await untilEvent(this.#identity, 'session', signal);
        continue;
      }
      if (isOffline()) {
        this.#setStatus('offline');
        await untilOnline(signal);
        continue;
      }
      this.#setStatus('connecting');
      try {
        const response = await this.#http.open({
          method: 'GET',
          path: '/v1/events',
          headers: this.#position === undefined ? { Accept: 'text/event-stream' } : { Accept: 'text/event-stream', 'Last-Event-ID': this.#position },
          signal,
        });
        this.#setStatus('open');
        attempt = 0;
        if (this.#position === undefined && this.#connectedBefore) this.#resetLocally();
        this.#connectedBefore = true;
        await this.#read(response, signal);
      } catch (error) {
        if (signal.aborted) break;
        this.dispatchEvent(new StreamErrorEvent(error));
        // A 401 recorded the signed-out session: the loop now waits for the next one.
        if (isHttpError(error) && error.status === 401) continue;
      }
      if (signal.aborted) break;
      this.#setStatus(isOffline() ? 'offline' : 'connecting');
      await pause(fullJitter(attempt, this.#retryMs, this.#maxRetryMs), signal);
      attempt += 1;
    }
  }

  async #read(response: Response, signal: AbortSignal): Promise<void> {
    if (!response.body) throw new BureauError('stream-protocol', 'The event stream response has no body');
    const parser = createParser({
      onEvent: (message) => this.#deliver(message.id, message.data),
      onRetry: (ms) => {
        this.#retryMs = ms;
      },
      onError: (error) => this.dispatchEvent(new StreamErrorEvent(error)),
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    // A connection that stays silent longer than a few heartbeats is dead (a half-open TCP
    // connection, a sleeping laptop): give it up and reconnect.
    const idle = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const touch = (): void => {
      clearTimeout(timer);
      timer = setTimeout(
        () => idle.abort(new BureauError('stream-idle', `No data on the event stream for ${this.#idleTimeoutMs} ms`)),
        this.#idleTimeoutMs,
      );
    };
    // The browser says the network is gone: the connection is as good as dead, and the person
    // should be told at once (status `offline`) rather than after the idle timeout.
    const offline = (): void => idle.abort(new BureauError('stream-offline', 'The browser went offline'));
    globalThis.addEventListener?.('offline', offline);
    const stop = AbortSignal.any([signal, idle.signal]);
    const cancel = (): void => {
      reader.cancel(stop.reason).catch((error: unknown) => this.dispatchEvent(new StreamErrorEvent(error)));
    };
    stop.addEventListener('abort', cancel, { once: true });
    try {
      touch();
      for (;;) {
        const { done, value } = await reader.read();
        if (idle.signal.aborted) throw idle.signal.reason;
        if (done) return;
        touch();
        parser.feed(value);
      }
    } finally {
      clearTimeout(timer);
      globalThis.removeEventListener?.('offline', offline);
      stop.removeEventListener('abort', cancel);
    }
  }

  #deliver(id: string | undefined, data: string): void {
    let event: BureauEvent;
    try {
      event = JSON.parse(data) as BureauEvent;
    } catch (error) {
      this.dispatchEvent(new StreamErrorEvent(new BureauError('stream-protocol', `Unreadable event ${id ?? ''}`, { cause: error })));
      return;
    }
    // Ephemeral events (typing, presence) are not in the log: dispatched, the resume position kept.
    if (event.position === null) return this.#dispatch(event);
    const position = id ?? event.position;
    if (event.type !== 'reset' && this.#position !== undefined && BigInt(position) <= BigInt(this.#position)) return;
    this.#position = position;
    this.#dispatch(event);
  }

  #dispatch(event: BureauEvent): void {
    for (const key of [event.type, '*']) {
      for (const handler of [...(this.#handlers.get(key) ?? [])]) {
        try {
          handler(event);
        } catch (error) {
          reportError(error);
        }
      }
    }
  }

  /**
   * Without a position (no event arrived before the connection was lost), the server cannot say
   * what was missed: tell subscribers to refetch, as a server `reset` would.
   */
  #resetLocally(): void {
    const reset: EventOf<'reset'> = {
      position: '0',
      type: 'reset',
      spaceId: null,
      at: new Date().toISOString(),
      data: { reason: 'unknown-position' },
    };
    this.#dispatch(reset);
  }

  #setStatus(status: StreamStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.dispatchEvent(new StreamStatusEvent(status));
  }
}
