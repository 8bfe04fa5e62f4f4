import type { BureauEvent, BureauEventType, EventOf } from '@bureau/api';
import { createParser } from 'eventsource-parser';
import type { Identity } from '../auth/identity.js';
import { BureauError } from '../errors/BureauError.js';
import { isHttpError } from '../errors/guards.js';
import type { Http } from '../http/http.js';
import { fullJitter } from '../scheduling/backoff.js';
import { isOffline, pause, untilEvent, untilOnline } from '../scheduling/pause.js';
import { StreamErrorEvent, StreamStatusEvent, type EventStreamEventMap, type StreamStatus } from './stream-events.js';
import { TabShare } from './tab-share.js';
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
 * The client's Server-Sent Events (`GET /v1/events`), read over `fetch` so that it carries the same
 * credentials as every other request. The tabs of one person on one origin share one connection
 * (browsers allow six per origin over HTTP/1.1): the tab elected with Web Locks connects and hands
 * every event to the others over a `BroadcastChannel`; when it goes, the next one resumes (see
 * docs/adr). Browsers without Web Locks keep one connection per client. It connects while it has subscribers,
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
/**
 * Whether state read at event-log position `read` misses nothing of a stream listening after
 * `listening` (both from `whenListening` and a read's `position`; unknown on either side: no).
 * @internal
 */
export function covers(listening: string | undefined, read: string | undefined): boolean {
  return listening !== undefined && read !== undefined && BigInt(listening) <= BigInt(read);
}

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
  /** The person whose events `#position` counts. */
  #positionOf: string | undefined;
  /** This tab's place among the person's tabs sharing a stream, while it has one. */
  #tabs: TabShare | undefined;
  /** Whether this tab, following, has heard the leader's open connection since it joined. */
  #heardLeader = false;

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
   * on a stream that cannot open. Resolves with the position after which every event reaches the
   * subscribers registered now, when known. Domains either fetch fresh state after this, or fetch it
   * meanwhile and compare: state read at that position or later missed nothing (ADR 0022).
   * @internal
   */
  whenListening(signal: AbortSignal): Promise<string | undefined> {
    if (this.#status !== 'connecting' || this.#position !== undefined || !this.#running) return Promise.resolve(this.#position);
    return new Promise((resolve) => {
      const done = (): void => {
        this.removeEventListener('status', onStatus);
        this.removeEventListener('error', done);
        signal.removeEventListener('abort', done);
        // Read now, as the connection opens: no event was delivered since.
        resolve(this.#position);
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
    // Connecting from now (not after the session is read): `whenListening` waits for it.
    if (this.#identity.session !== null) this.#setStatus('connecting');
    void this.#run(controller.signal);
  }

  #stop(): void {
    this.#running?.abort(new DOMException('The event stream was stopped', 'AbortError'));
    this.#running = undefined;
    this.#setStatus('closed');
  }

  /** Signed out in this tab: the person's other tabs forget them too (their data is wiped already). */
  readonly #onOwner = (): void => {
    if (this.#identity.owner === null) this.#tabs?.post({ kind: 'signed-out' });
  };

  /**
   * While subscribed: waits for a session, then streams as its person — through the tabs' shared
   * stream where the browser allows it, else on a connection of its own — until the person changes.
   */
  async #run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      if (this.#identity.session === null) {
        // Signed out: nothing to stream until a session appears.
        this.#setStatus('closed');
        await untilEvent(this.#identity, 'session', signal);
        continue;
      }
      let userId: string;
      try {
        userId = await this.#userId(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.dispatchEvent(new StreamErrorEvent(error));
        this.#setStatus(isOffline() ? 'offline' : 'connecting');
        await (isOffline() ? untilOnline(signal) : pause(fullJitter(attempt, this.#retryMs, this.#maxRetryMs), signal));
        attempt += 1;
        continue;
      }
      attempt = 0;
      if (this.#positionOf !== userId) {
        // Another person's events start from their own view: no position, nothing to reset.
        this.#position = undefined;
        this.#connectedBefore = false;
        this.#positionOf = userId;
      }
      const scope = this.#asLongAsSignedInAs(userId, signal);
      try {
        if (canShareAcrossTabs()) await this.#share(`${new URL(this.#http.baseUrl).origin}|${userId}`, scope.signal);
        else await this.#connect(scope.signal);
      } finally {
        scope.abort();
      }
    }
  }

  /** The id of the session's person, loading the session first if nobody asked for it yet. */
  async #userId(signal: AbortSignal): Promise<string> {
    const session = this.#identity.session ?? (await this.#identity.current(signal));
    // Signed out meanwhile: the loop waits for the next session.
    if (session === null) await untilEvent(this.#identity, 'session', signal);
    signal.throwIfAborted();
    return this.#identity.session?.user.id ?? (await this.#userId(signal));
  }

  /** A signal that aborts with `parent`, or when the session ends or becomes another person's. */
  #asLongAsSignedInAs(userId: string, parent: AbortSignal): AbortController {
    const scope = new AbortController();
    const check = (): void => {
      if (this.#identity.session?.user.id !== userId) scope.abort(new DOMException('The session changed', 'AbortError'));
    };
    const stop = (): void => scope.abort(parent.reason);
    this.#identity.addEventListener('session', check);
    parent.addEventListener('abort', stop, { once: true });
    scope.signal.addEventListener('abort', () => {
      this.#identity.removeEventListener('session', check);
      parent.removeEventListener('abort', stop);
    });
    return scope;
  }

  /** Follows the person's leading tab, and leads when its turn comes, until `signal` aborts. */
  async #share(name: string, signal: AbortSignal): Promise<void> {
    const stream = this;
    const tabs = new TabShare(name, {
      get status(): StreamStatus {
        return stream.#status;
      },
      get position(): string | undefined {
        return stream.#position;
      },
      lead: (leading) => this.#connect(leading),
      deliver: (id, data) => this.#deliver(id, data),
      reset: () => this.#dispatch(localReset()),
      heard: (status, position) => this.#heard(status, position),
      signedOut: () => this.#identity.forget().catch((error: unknown) => reportError(error)),
    });
    this.#tabs = tabs;
    this.#heardLeader = false;
    this.#setStatus('connecting');
    try {
      await tabs.run(signal);
    } finally {
      if (this.#tabs === tabs) this.#tabs = undefined;
    }
  }

  /** The leading tab's connection state, heard by a follower. */
  #heard(status: StreamStatus, position: string | undefined): void {
    if (status === 'open' && !this.#heardLeader) {
      // From now on this tab hears what the leader hears; it resumes from there if it leads. What
      // happened between its own last position (from before it stopped) and the leader's, it
      // cannot hear: its subscribers refetch.
      this.#heardLeader = true;
      this.#connectedBefore = true;
      if (this.#position !== undefined && position !== this.#position) this.#dispatch(localReset());
      this.#position = position ?? this.#position;
    }
    // A leader leaving ('closed') hands over to the next tab: still connecting, as far as this one knows.
    this.#setStatus(status === 'closed' ? 'connecting' : status);
  }

  /** Holds this client's own connection, reconnecting with backoff, until `signal` aborts. */
  async #connect(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
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
        const missed = this.#position === undefined && this.#connectedBefore;
        // A new stream starts where the server says: a reconnection resumes from there at worst.
        this.#position ??= startOf(response);
        this.#setStatus('open');
        attempt = 0;
        if (missed) this.#resetLocally();
        this.#connectedBefore = true;
        await this.#read(response, signal);
      } catch (error) {
        if (signal.aborted) break;
        this.dispatchEvent(new StreamErrorEvent(error));
        // A 401 recorded the signed-out session, which ends `signal`'s scope.
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
    if (this.#tabs?.leading) this.#tabs.post({ kind: 'event', id, data });
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
    if (this.#tabs?.leading) this.#tabs.post({ kind: 'reset' });
    this.#dispatch(localReset());
  }

  #setStatus(status: StreamStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    if (this.#tabs?.leading) this.#tabs.post({ kind: 'status', status, position: this.#position });
    this.dispatchEvent(new StreamStatusEvent(status));
  }
}

/**
 * Whether this browser lets tabs share one stream: Web Locks to elect the leader, BroadcastChannel
 * to hand the events on. Older browsers (and Node) keep one stream per client.
 */
function canShareAcrossTabs(): boolean {
  return typeof BroadcastChannel === 'function' && typeof navigator !== 'undefined' && typeof navigator.locks?.request === 'function';
}

/** The position a new stream starts after (`Bureau-Position`), when the server says. */
function startOf(response: Response): string | undefined {
  const position = response.headers.get('Bureau-Position');
  return position !== null && /^[0-9]{1,15}$/.test(position) ? position : undefined;
}

/** The `reset` a client tells its subscribers when it cannot know what it missed. */
function localReset(): EventOf<'reset'> {
  return { position: '0', type: 'reset', spaceId: null, at: new Date().toISOString(), data: { reason: 'unknown-position' } };
}
