import type { Identity } from '../auth/identity.js';
import { BureauError } from '../errors/BureauError.js';
import type { Http, HttpResponse } from '../http/http.js';
import { fullJitter } from '../scheduling/backoff.js';
import { isOffline, pause, untilEvent, untilOnline } from '../scheduling/pause.js';
import { classifyFailure } from './classify.js';
import { newClientId } from './client-id.js';
import { describeError, type OutboxItem, type Write } from './item.js';
import { OutboxChangeEvent, OutboxFailedEvent, OutboxSentEvent, type OutboxEventMap } from './outbox-events.js';
import { TypedEventTarget } from '../events/typed-event-target.js';
import type { Domain } from '../domains.js';

const PREFIX = 'outbox:item:';

export interface OutboxOptions {
  http: Http;
  identity: Identity;
  /** First retry delay before jitter. Default 500 ms. */
  retryMs?: number | undefined;
  /** Longest retry delay. Default 30 s. */
  maxRetryMs?: number | undefined;
}

/** The answer of a queued write, carrying the write's id (its client id) at once. */
export type QueuedWrite<T> = Promise<HttpResponse<T>> & { readonly id: string };
/** The body of a queued write's answer, carrying the write's id at once. */
export type QueuedAnswer<T> = Promise<T> & { readonly id: string };

interface Waiter {
  resolve: (response: HttpResponse<unknown>) => void;
  reject: (error: unknown) => void;
}

/**
 * The persistent queue of the person's writes. Every write is stored (in the person's own store)
 * before its first attempt, with a fresh `Idempotency-Key`, then sent strictly in order, one at a
 * time. Network trouble, timeouts, 5xx and 429 (after `Retry-After`) are retried with backoff and
 * as soon as the browser is back `online`; a refusal (400, 403, 404, 409, 412, 413, 422…) marks
 * the item `failed`, keeps it with its body, dispatches `failed`, and the queue goes on with the
 * next item. A new client (a reload) loads what was left and replays it.
 *
 * @example
 * ```ts
 * client.outbox.addEventListener('change', () => {
 *   for (const item of client.outbox.items()) console.log(item.intent, item.state);
 * });
 * const [failed] = client.outbox.items().filter((item) => item.state === 'failed');
 * if (failed) await client.outbox.retry(failed.id);
 * ```
 */
export class Outbox extends TypedEventTarget<OutboxEventMap> {
  readonly #http: Http;
  readonly #identity: Identity;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #waiters = new Map<string, Waiter>();
  readonly #wake = new EventTarget();
  #items: OutboxItem[] = [];
  #inFlight: string | undefined;
  #lastSeq = 0;
  #loaded: Promise<void>;
  #running: AbortController | undefined;
  #closed = false;

  constructor(options: OutboxOptions) {
    super();
    this.#http = options.http;
    this.#identity = options.identity;
    this.#retryMs = options.retryMs ?? 500;
    this.#maxRetryMs = options.maxRetryMs ?? 30_000;
    this.#identity.addEventListener('owner', this.#onOwner);
    this.#loaded = this.#identity.ready.then(() => this.#load());
    this.#start();
  }

  /** The writes not yet accepted by the server, in replay order. */
  items(): readonly OutboxItem[] {
    return this.#items.map((item) => structuredClone(item));
  }

  /** Resolves once the items left by a previous client (a reload) are loaded. */
  get ready(): Promise<void> {
    return this.#loaded;
  }

  /**
   * Queues a write and resolves with the server's answer. The write is stored before it is sent;
   * aborting `signal` only stops waiting for the answer — the write stays queued (use `discard`).
   * The returned promise carries the item's `id` at once: the write's client id, its
   * `Idempotency-Key`, and the `clientId` the server echoes on the resource and its event.
   * @internal
   */
  send<T>(write: Write, options: { signal?: AbortSignal | undefined } = {}): QueuedWrite<T> {
    // Order is the order of calls: fixed before anything asynchronous happens.
    const now = Date.now();
    this.#lastSeq = Math.max(this.#lastSeq + 1, now);
    const item: OutboxItem = {
      id: newClientId(now),
      method: write.method,
      path: write.path,
      headers: write.headers ?? {},
      createdAt: new Date(now).toISOString(),
      seq: this.#lastSeq,
      state: 'pending',
      attempts: 0,
      intent: write.intent,
      ...(write.body === undefined ? {} : { body: write.body }),
      ...(write.target === undefined ? {} : { target: write.target }),
    };
    return Object.assign(this.#queue<T>(item, options.signal), { id: item.id });
  }

  async #queue<T>(item: OutboxItem, signal: AbortSignal | undefined): Promise<HttpResponse<T>> {
    signal?.throwIfAborted();
    await this.#loaded;
    const store = await this.#ownStore(signal);
    // Loading the session may have switched the data owner and reloaded the items: wait for it.
    await this.#loaded;
    await store.set(PREFIX + item.id, item);
    const answer = this.#wait(item.id, signal);
    this.#items.push(item);
    this.#items.sort((a, b) => a.seq - b.seq);
    this.#changed();
    return answer as Promise<HttpResponse<T>>;
  }

  /**
   * Puts a failed item back in the queue, at its place, with a new `Idempotency-Key`, and
   * resolves with the server's answer (e.g. once the cause of the refusal is gone).
   * @example
   * ```ts
   * await client.outbox.retry(item.id);
   * ```
   */
  async retry(id: string, options: { signal?: AbortSignal | undefined } = {}): Promise<unknown> {
    const item = this.#find(id);
    if (item.state !== 'failed') throw new BureauError('not-failed', `Outbox item ${id} has not failed`);
    item.state = 'pending';
    // The server stored its refusal under the old key and would replay it: a refusal applied
    // nothing, so a new key is safe.
    item.idempotencyKey = newClientId();
    delete item.error;
    await this.#persist(item);
    const answer = this.#wait(id, options.signal);
    this.#changed();
    return (await answer).body;
  }

  /**
   * Drops an item that is not being sent (a failed one, or one still waiting). Whoever waits for
   * its answer gets a `BureauError` with code `discarded`.
   * @example
   * ```ts
   * await client.outbox.discard(item.id);
   * ```
   */
  async discard(id: string): Promise<void> {
    this.#find(id);
    if (this.#inFlight === id) throw new BureauError('in-flight', `Outbox item ${id} is being sent and cannot be discarded`);
    await this.#identity.store?.delete(PREFIX + id);
    this.#items = this.#items.filter((item) => item.id !== id);
    this.#settle(id, (waiter) => waiter.reject(new BureauError('discarded', `Outbox item ${id} was discarded`)));
    this.#changed();
  }

  /** Stops replaying; callers still waiting get an `AbortError`. Items stay stored. */
  close(): void {
    this.#closed = true;
    this.#identity.removeEventListener('owner', this.#onOwner);
    this.#running?.abort(new DOMException('The client was closed', 'AbortError'));
    this.#running = undefined;
    this.#rejectAll(new DOMException('The client was closed', 'AbortError'));
  }

  /**
   * Forgets the in-memory items after the store was wiped (sign-out): the writes go with the rest of
   * the person's local data. Whoever still waits for one is told quietly, with an `AbortError` (a
   * cancellation, like closing the client), never with a failure to report. @internal
   */
  clear(): void {
    this.#rejectAll(new DOMException('Signed out: the write was discarded with the local data', 'AbortError'));
    this.#items = [];
    this.#changed();
  }

  readonly #onOwner = (): void => {
    this.#running?.abort(new DOMException('Another person signed in', 'AbortError'));
    this.#running = undefined;
    // The items stay stored for their author's next session; whoever waited here (a page that now
    // shows someone else) stops waiting, quietly: a cancellation, not a failure.
    this.#rejectAll(new DOMException('Another person signed in: the write waits for its author', 'AbortError'));
    this.#items = [];
    this.#loaded = this.#load();
    this.#start();
  };

  #start(): void {
    if (this.#closed) return;
    const controller = new AbortController();
    this.#running = controller;
    void this.#run(controller.signal);
  }

  async #load(): Promise<void> {
    const store = this.#identity.store;
    const entries = store ? await store.entries<OutboxItem>(PREFIX) : [];
    this.#items = entries.map(([, item]) => item).sort((a, b) => a.seq - b.seq);
    this.#lastSeq = Math.max(this.#lastSeq, ...this.#items.map((item) => item.seq));
    this.#changed();
  }

  async #ownStore(signal: AbortSignal | undefined) {
    if (this.#identity.session === undefined && this.#identity.store === null) await this.#identity.load(signal);
    const store = this.#identity.store;
    if (this.#identity.session === null || store === null) {
      throw new BureauError('unauthenticated', 'Sign in before writing: a write is kept for the person who made it');
    }
    return store;
  }

  async #run(signal: AbortSignal): Promise<void> {
    await this.#loaded;
    // The person whose items these are: only their own session may send them.
    const owner = this.#identity.owner;
    let attempt = 0;
    while (!signal.aborted) {
      const item = this.#items.find((candidate) => candidate.state === 'pending');
      if (!item) {
        await untilEvent(this.#wake, 'wake', signal);
        continue;
      }
      if (isOffline()) {
        await untilOnline(signal);
        continue;
      }
      const outcome = await this.#attempt(item, owner, signal);
      if (signal.aborted) return;
      if (outcome.kind === 'transient') {
        const delay = outcome.retryAfterMs ?? fullJitter(attempt, this.#retryMs, this.#maxRetryMs);
        attempt += 1;
        await pause(delay, signal);
      } else if (outcome.kind === 'signed-out') {
        await untilEvent(this.#identity, 'session', signal);
      } else {
        attempt = 0;
      }
    }
  }

  async #attempt(
    item: OutboxItem,
    owner: string | null,
    signal: AbortSignal,
  ): Promise<{ kind: 'done' | 'transient' | 'signed-out'; retryAfterMs?: number }> {
    this.#inFlight = item.id;
    try {
      const session = await this.#identity.current(signal);
      // Someone else is signed in now: their client takes over (the owner change restarts us).
      if (signal.aborted || session === null || session.user.id !== owner) return { kind: 'signed-out' };
      item.attempts += 1;
      await this.#persist(item);
      const response = await this.#http.request<unknown>({
        method: item.method,
        path: item.path,
        body: item.body,
        headers: { ...item.headers, 'Idempotency-Key': item.idempotencyKey ?? item.id },
        signal,
      });
      await this.#identity.store?.delete(PREFIX + item.id);
      this.#items = this.#items.filter((candidate) => candidate.id !== item.id);
      this.#settle(item.id, (waiter) => waiter.resolve(response));
      this.dispatchEvent(new OutboxSentEvent(structuredClone(item), response.body));
      this.#changed();
      return { kind: 'done' };
    } catch (error) {
      if (signal.aborted) return { kind: 'done' };
      const kind = classifyFailure(error);
      if (kind === 'transient') {
        const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
        return typeof retryAfter === 'number' ? { kind, retryAfterMs: Math.min(retryAfter * 1000, 300_000) } : { kind };
      }
      if (kind === 'signed-out') return { kind };
      await this.#fail(item, error);
      return { kind: 'done' };
    } finally {
      this.#inFlight = undefined;
    }
  }

  async #fail(item: OutboxItem, error: unknown): Promise<void> {
    item.state = 'failed';
    item.error = describeError(error);
    await this.#persist(item);
    this.#settle(item.id, (waiter) => waiter.reject(error));
    this.dispatchEvent(new OutboxFailedEvent(structuredClone(item), error));
    this.#changed();
  }

  async #persist(item: OutboxItem): Promise<void> {
    await this.#identity.store?.set(PREFIX + item.id, item);
  }

  #find(id: string): OutboxItem {
    const item = this.#items.find((candidate) => candidate.id === id);
    if (!item) throw new BureauError('not-found', `No outbox item ${id}`);
    return item;
  }

  #wait(id: string, signal: AbortSignal | undefined): Promise<HttpResponse<unknown>> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiters.delete(id);
        reject(signal?.reason);
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.set(id, {
        resolve: (response) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(response);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
    });
  }

  #settle(id: string, action: (waiter: Waiter) => void): void {
    const waiter = this.#waiters.get(id);
    if (!waiter) return;
    this.#waiters.delete(id);
    action(waiter);
  }

  #rejectAll(error: unknown): void {
    const waiters = [...this.#waiters.values()];
    this.#waiters.clear();
    for (const waiter of waiters) waiter.reject(error);
  }

  #changed(): void {
    this.#wake.dispatchEvent(new Event('wake'));
    this.dispatchEvent(new OutboxChangeEvent(this.items()));
  }
}

/**
 * The code of `client.outbox`, for {@link registerDomains}: the domains that write require it. Made,
 * it sends what earlier pages left queued; a page whose elements never write does not load it, and
 * the writes wait in the person's store for the next page that does.
 */
export const outboxDomain: Domain<'outbox'> = { name: 'outbox', create: (context) => new Outbox(context) };
