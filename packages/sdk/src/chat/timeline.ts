import type { Attachment, EventOf, Message, MessagePage } from '@bureau/api';
import type { Identity, OwnerEvent } from '../auth/identity.js';
import type { Cache } from '../cache/cache.js';
import type { OutboxItem } from '../outbox/item.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxChangeEvent, OutboxSentEvent } from '../outbox/outbox-events.js';
import type { EventStream } from '../stream/stream.js';
import type { CallOptions } from '../types/call-options.js';
import { TimelineChangeEvent, TimelineErrorEvent, type TimelineEventMap } from './chat-events.js';
import type { ChatMessage } from './chat-message.js';
import { chatIntents, chatKeys } from './keys.js';
import { byCreation, deriveView, isSendOf, type DerivedMemo, type Me, type Scope } from './local-echo.js';
import { TypedEventTarget } from '../events/typed-event-target.js';

/** Messages kept in the cache per room, for the first paint of the next visit. */
const CACHED_MESSAGES = 50;
/** While messages arrive, the cached page is rewritten this long after the first (and when closed). */
const REMEMBER_EVERY_MS = 2_000;

/** Where the messages a timeline shows come from so far. */
export type TimelineSource = 'none' | 'cache' | 'network';

/** The writes a timeline delegates to `client.chat`. Not for hosts (not exported from the package's index). */
export interface TimelineWriter {
  send(roomId: string, text: string, options?: CallOptions & { threadId?: string | undefined }): Promise<Message>;
  edit(messageId: string, text: string, options?: CallOptions): Promise<Message>;
  delete(messageId: string, options?: CallOptions): Promise<void>;
  react(message: Message, emoji: string, options?: CallOptions): Promise<Message>;
  retry(writeId: string, options?: CallOptions): Promise<unknown>;
  discard(writeId: string): Promise<void>;
}

/** What a timeline is made of. Not for hosts (not exported from the package's index). */
export interface TimelineOptions {
  scope: Scope;
  identity: Identity;
  cache: Cache;
  outbox: Outbox;
  stream: EventStream;
  writer: TimelineWriter;
  /** Files attached from this browser, by id: what the local copies show of them. */
  attached: ReadonlyMap<string, Attachment>;
  loadPage: (cursor: string | undefined, signal: AbortSignal) => Promise<MessagePage>;
  /** The message to open at, instead of the latest page (the room's top-level messages only). */
  around?: string | undefined;
  /** The page centred on a message. */
  loadAround?: ((messageId: string, signal: AbortSignal) => Promise<MessagePage>) | undefined;
  /** The page after a page's `newerCursor`. */
  loadNewer?: ((newerCursor: string, signal: AbortSignal) => Promise<MessagePage>) | undefined;
}

/**
 * The live, ordered messages of a room (or of one thread), made by `client.chat.timeline(roomId)`
 * or `client.chat.thread(roomId, messageId)`: the cached last page at once, then the server's
 * latest page, older pages on `loadOlder()`, every change the event stream brings, and the
 * person's own writes still in the outbox, shown at once (see {@link ChatMessage}). Dispatches
 * `change` on every change. `close()` it when done.
 *
 * @example
 * ```ts
 * const timeline = client.chat.timeline(roomId);
 * timeline.addEventListener('change', () => render(timeline.messages));
 * await timeline.ready;
 * await timeline.send('Bonjour à tous !');
 * if (timeline.hasOlder) await timeline.loadOlder();
 * timeline.close();
 * ```
 *
 * Opened `around` a message (`client.chat.timeline(roomId, { around: messageId })`), it shows the
 * page centred on that message instead, and `loadNewer()` pages towards the latest; until the
 * latest is loaded (`hasNewer` false) new messages of the room are left to `loadNewer()`, so that
 * the timeline never shows a hole.
 */
export class Timeline extends TypedEventTarget<TimelineEventMap> {
  /** The room shown. */
  readonly roomId: string;
  /** The thread's root message, or `null` for the room's top-level messages. */
  readonly threadId: string | null;
  /**
   * Resolves once the server's latest page is shown; rejects if it could not be fetched (the
   * cached page and the pending messages, if any, are shown; an `error` event says so too).
   */
  readonly ready: Promise<void>;
  readonly #options: TimelineOptions;
  readonly #controller = new AbortController();
  readonly #server = new Map<string, Message>();
  /** The same messages in creation order, kept in order as they come (never re-sorted whole). */
  #ordered: Message[] = [];
  /** Server message id → the local id it was sent under from this browser. */
  readonly #localIds = new Map<string, string>();
  #items: readonly OutboxItem[] = [];
  /**
   * What is shown, grown in place when messages are appended (never frozen: a frozen array of
   * 10,000 takes V8's slow path to copy, ~2 µs a message). Hosts get frozen copies (`#shown`).
   */
  #view: ChatMessage[] = [];
  /** The frozen copy of `#view` that hosts were given since its last change, if any. */
  #shown: readonly ChatMessage[] | undefined = Object.freeze([]);
  /** The message shown for each server message without a queued change (see `deriveView`). */
  #derived: DerivedMemo = new WeakMap();
  /**
   * What changed since the view was last derived: only server messages appended at the end (how
   * many), or anything else (`-1`). Appended ones are derived alone and put after the view's server
   * part: a message arriving in a room of 10,000 costs one message, not 10,000.
   */
  #appended = -1;
  /** The outbox items, space and count of local sends the view was derived with. */
  #viewItems: readonly OutboxItem[] | undefined;
  #viewSpaceId = '';
  #viewSends = 0;
  #cursor: string | null | undefined = undefined;
  #source: TimelineSource = 'none';
  #older: Promise<number> | undefined;
  /** The `newerCursor` of the newest page loaded; null once the latest messages are loaded. */
  #newerCursor: string | null = null;
  #newer: Promise<number> | undefined;
  #spaceId = '';
  readonly #unsubscribe: Array<() => void> = [];
  /** The write of the cached page waiting to follow changes (see `#rememberSoon`). */
  #rememberTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: TimelineOptions) {
    super();
    this.#options = options;
    this.roomId = options.scope.roomId;
    this.threadId = options.scope.threadId;
    const { stream, outbox, identity } = options;
    this.#unsubscribe.push(
      stream.subscribe('message.created', (event) => this.#onMessage(event)),
      stream.subscribe('message.updated', (event) => this.#onMessage(event)),
      stream.subscribe('reset', () => this.#refresh()),
    );
    outbox.addEventListener('change', this.#onOutboxChange);
    outbox.addEventListener('sent', this.#onSent);
    identity.addEventListener('session', this.#onSession);
    identity.addEventListener('owner', this.#onOwner);
    this.ready = this.#open();
    this.ready.catch((error: unknown) => {
      if (!this.#controller.signal.aborted) this.dispatchEvent(new TimelineErrorEvent(error));
    });
  }

  /** The messages, oldest first; the ones still in the outbox last, in the order written. */
  get messages(): readonly ChatMessage[] {
    this.#shown ??= Object.freeze(this.#view.slice());
    return this.#shown;
  }

  /** Whether older messages are left to load with `loadOlder()` (false until the server answered). */
  get hasOlder(): boolean {
    return typeof this.#cursor === 'string';
  }

  /**
   * Whether newer messages are left to load with `loadNewer()`: opened `around` a message far from
   * the latest, until the latest are loaded.
   */
  get hasNewer(): boolean {
    return this.#newerCursor !== null;
  }

  /** Where the messages shown come from so far: nothing yet, the cache, or the server. */
  get source(): TimelineSource {
    return this.#source;
  }

  /**
   * Loads the page of messages before the oldest shown; resolves with how many were added.
   * Concurrent calls share one request.
   * @example
   * ```ts
   * list.addEventListener('scroll', () => { if (list.scrollTop === 0 && timeline.hasOlder) void timeline.loadOlder(); });
   * ```
   */
  loadOlder(options: CallOptions = {}): Promise<number> {
    this.#older ??= this.#loadOlder(options.signal).finally(() => {
      this.#older = undefined;
    });
    return this.#older;
  }

  /**
   * Loads the page of messages after the newest shown (opened `around` a message); resolves with
   * how many were added. Concurrent calls share one request.
   * @example
   * ```ts
   * if (timeline.hasNewer) await timeline.loadNewer();
   * ```
   */
  loadNewer(options: CallOptions = {}): Promise<number> {
    this.#newer ??= this.#loadNewer(options.signal).finally(() => {
      this.#newer = undefined;
    });
    return this.#newer;
  }

  /**
   * Sends a message to this room (or thread): shown at once as `pending`, then `sent`. Resolves
   * with the server's message; see `client.chat.send`.
   * @example
   * ```ts
   * await timeline.send('Réunion à 14 h, salle B.');
   * ```
   */
  send(text: string, options: CallOptions = {}): Promise<Message> {
    return this.#options.writer.send(this.roomId, text, { ...options, threadId: this.threadId ?? undefined });
  }

  /**
   * Adds the person's reaction `emoji` to a message of this timeline, or removes it if present.
   * @example
   * ```ts
   * await timeline.react(message.id, '👍');
   * ```
   */
  react(messageId: string, emoji: string, options: CallOptions = {}): Promise<Message> {
    const message = this.#view.find((m) => m.id === messageId);
    if (!message) return Promise.reject(new RangeError(`Message ${messageId} is not in this timeline`));
    return this.#options.writer.react(message, emoji, options);
  }

  /**
   * Sends again a write that failed (a message, edit, deletion or reaction), by its `writeId`.
   * @example
   * ```ts
   * if (message.status === 'failed' && message.writeId) await timeline.retry(message.writeId);
   * ```
   */
  retry(writeId: string, options: CallOptions = {}): Promise<unknown> {
    return this.#options.writer.retry(writeId, options);
  }

  /**
   * Gives up a write that failed or waits: a message not sent disappears, a change is undone.
   * @example
   * ```ts
   * await timeline.discard(message.writeId!);
   * ```
   */
  discard(writeId: string): Promise<void> {
    return this.#options.writer.discard(writeId);
  }

  /** Stops following the room. The timeline must not be used afterwards. */
  close(): void {
    // What arrived since the cached page was last written is in the next visit's first paint.
    if (this.#rememberTimer !== undefined) {
      clearTimeout(this.#rememberTimer);
      this.#rememberTimer = undefined;
      this.#remember().catch((error: unknown) => reportError(error));
    }
    this.#controller.abort(new DOMException('The timeline was closed', 'AbortError'));
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#options.outbox.removeEventListener('change', this.#onOutboxChange);
    this.#options.outbox.removeEventListener('sent', this.#onSent);
    this.#options.identity.removeEventListener('session', this.#onSession);
    this.#options.identity.removeEventListener('owner', this.#onOwner);
  }

  /**
   * The cached page at once, the server's page as soon as it comes: asked for at the same time as
   * the event stream opens, not after. The page says at which event-log position it was read; if
   * the stream started after that (or either cannot say), what fell between is fetched again, so
   * that no message is missed (ADR 0022).
   */
  async #open(): Promise<void> {
    const { outbox, cache, stream, loadPage, loadAround, scope, around } = this.#options;
    const signal = this.#controller.signal;
    if (around !== undefined && loadAround === undefined) throw new TypeError('This timeline cannot open around a message');
    const listening = stream.whenListening(signal);
    const load = (): Promise<MessagePage> => (around === undefined ? loadPage(undefined, signal) : (loadAround as NonNullable<typeof loadAround>)(around, signal));
    const first = load();
    // Awaited below; a failure meanwhile is not left unhandled.
    first.catch(() => {});
    // The cached page is read beside the outbox's items (both from the person's store), not after.
    const cachedRead = around === undefined && scope.threadId === null ? cache.get<Message[]>(chatKeys.messages(scope.roomId)) : undefined;
    cachedRead?.catch(() => {});
    await outbox.ready;
    this.#items = outbox.items();
    const cached = await cachedRead;
    if (cached && this.#source === 'none' && !signal.aborted) {
      this.#merge(cached);
      this.#source = 'cache';
    }
    this.#render();
    const page = await first;
    signal.throwIfAborted();
    this.#takePage(page);
    if (!covers(await listening, page.position)) {
      signal.throwIfAborted();
      this.#takePage(await load());
    }
    signal.throwIfAborted();
    await this.#remember();
  }

  /** Takes in the first page (the latest, or the one around the message opened at) and shows it. */
  #takePage(page: MessagePage): void {
    if (this.#options.around === undefined) {
      if (this.#takeLatest(page) || this.#cursor === undefined) this.#cursor = page.nextCursor;
    } else {
      this.#merge(page.items);
      this.#cursor ??= page.nextCursor;
      this.#newerCursor = page.newerCursor ?? null;
    }
    this.#source = 'network';
    this.#render();
  }

  async #loadNewer(signal: AbortSignal | undefined): Promise<number> {
    if (this.#cursor === undefined) await this.ready;
    const cursor = this.#newerCursor;
    const { loadNewer } = this.#options;
    if (cursor === null || loadNewer === undefined) return 0;
    const stop = signal ? AbortSignal.any([signal, this.#controller.signal]) : this.#controller.signal;
    const page = await loadNewer(cursor, stop);
    stop.throwIfAborted();
    const before = this.#server.size;
    this.#merge(page.items);
    this.#newerCursor = page.newerCursor ?? null;
    this.#render();
    await this.#remember();
    return this.#server.size - before;
  }

  /**
   * Takes in the server's latest page. When it does not reach back to what is shown (more than a
   * page was missed: a cached page from long ago, a `reset`), what is shown is dropped, so that
   * the timeline never shows a hole; `loadOlder` brings the rest. Returns whether it did so.
   */
  #takeLatest(page: MessagePage): boolean {
    const newest = this.#sorted().at(-1);
    const oldest = page.items[0];
    const gap =
      page.nextCursor !== null && newest !== undefined && oldest !== undefined && byCreation(oldest, newest) > 0 && !this.#server.has(oldest.id);
    if (gap) this.#forgetServer();
    this.#merge(page.items);
    return gap;
  }

  async #loadOlder(signal: AbortSignal | undefined): Promise<number> {
    if (this.#cursor === undefined) await this.ready;
    const cursor = this.#cursor;
    if (typeof cursor !== 'string') return 0;
    const stop = signal ? AbortSignal.any([signal, this.#controller.signal]) : this.#controller.signal;
    const page = await this.#options.loadPage(cursor, stop);
    stop.throwIfAborted();
    const before = this.#server.size;
    this.#merge(page.items);
    this.#cursor = page.nextCursor;
    this.#render();
    return this.#server.size - before;
  }

  #refresh(): void {
    const signal = this.#controller.signal;
    const { around, loadAround } = this.#options;
    // Far from the latest messages: the page around the message opened at, not the latest one.
    if (this.#newerCursor !== null && around !== undefined && loadAround !== undefined) {
      loadAround(around, signal).then(
        (page) => {
          if (signal.aborted) return;
          this.#merge(page.items);
          this.#cursor ??= page.nextCursor;
          this.#render();
        },
        (error: unknown) => {
          if (!signal.aborted) this.dispatchEvent(new TimelineErrorEvent(error));
        },
      );
      return;
    }
    this.#options
      .loadPage(undefined, signal)
      .then(async (page) => {
        if (signal.aborted) return;
        if (this.#takeLatest(page) || this.#cursor === undefined) this.#cursor = page.nextCursor;
        this.#render();
        await this.#remember();
      })
      .catch((error: unknown) => {
        if (!signal.aborted) this.dispatchEvent(new TimelineErrorEvent(error));
      });
  }

  #inScope(message: Message): boolean {
    return message.roomId === this.roomId && message.threadId === this.threadId;
  }

  #onMessage(event: EventOf<'message.created'> | EventOf<'message.updated'>): void {
    const message = event.data;
    const known = this.#server.has(message.id);
    if (!known && !this.#inScope(message)) return;
    // Newer pages are still to load: this message comes with them, after the ones between.
    if (!known && this.#newerCursor !== null) return;
    if (!known && event.type === 'message.updated' && !this.#withinLoaded(message)) return;
    this.#merge([message]);
    this.#render();
    this.#rememberSoon();
  }

  /** Whether a message falls within the loaded range (not older than the oldest loaded one). */
  #withinLoaded(message: Message): boolean {
    if (this.#cursor === null) return true;
    const oldest = this.#ordered[0];
    return oldest !== undefined && byCreation(message, oldest) >= 0;
  }

  readonly #onOutboxChange = (event: OutboxChangeEvent): void => {
    this.#items = event.items;
    this.#render();
  };

  readonly #onSent = (event: OutboxSentEvent): void => {
    const { item, body } = event;
    this.#items = this.#items.filter((candidate) => candidate.id !== item.id);
    if (isSendOf(item, this.#options.scope)) {
      const message = body as Message;
      this.#localIds.set(message.id, item.id);
      // Far from the latest: the message comes with the newer pages, after the ones between.
      if (this.#newerCursor === null) this.#merge([message]);
    } else if (item.target !== undefined && this.#server.has(item.target)) {
      const current = this.#server.get(item.target) as Message;
      if (item.intent === chatIntents.delete) {
        this.#replace(current, { ...current, text: '', deletedAt: item.createdAt, reactions: [] });
      } else if (item.intent === chatIntents.edit || item.intent === chatIntents.react) {
        this.#merge([body as Message]);
      }
    }
    this.#render();
    this.#rememberSoon();
  };

  readonly #onSession = (): void => {
    // Who writes may have changed: the changes queued in their name are derived again.
    this.#appended = -1;
    this.#render();
  };

  /**
   * Another person's data (or nobody's, after a sign-out): forget what was shown, refetch. A first
   * sign-in keeps what was fetched (already theirs) and only picks up their outbox.
   */
  readonly #onOwner = (event: Event): void => {
    if ((event as OwnerEvent).first) {
      this.#items = this.#options.outbox.items();
      this.#render();
      return;
    }
    this.#forgetServer();
    this.#localIds.clear();
    this.#cursor = undefined;
    this.#source = 'none';
    this.#items = this.#options.outbox.items();
    this.#render();
    if (this.#options.identity.owner !== null) this.#refresh();
  };

  /**
   * Takes in server messages, keeping the newest version of each: a new version takes its place in
   * the order, new messages are merged in (appended when newer than all, as live ones are;
   * prepended when older than all, as an older page is), without sorting what was there.
   */
  #merge(messages: readonly Message[]): void {
    const added: Message[] = [];
    for (const message of messages) {
      const current = this.#server.get(message.id);
      if (current && current.version > message.version) continue;
      if (current) this.#replace(current, message);
      else {
        this.#server.set(message.id, message);
        added.push(message);
      }
      if (!this.#spaceId) this.#spaceId = message.spaceId;
    }
    if (added.length === 0) return;
    added.sort(byCreation);
    const ordered = this.#ordered;
    if (ordered.length === 0 || byCreation(added[0] as Message, ordered.at(-1) as Message) > 0) {
      ordered.push(...added);
      if (this.#appended >= 0) this.#appended += added.length;
      return;
    }
    this.#appended = -1;
    if (byCreation(added.at(-1) as Message, ordered[0] as Message) < 0) this.#ordered = added.concat(ordered);
    else this.#ordered = mergeOrdered(ordered, added);
  }

  /** Puts a new version of a message in the place of the current one (same creation time and id). */
  #replace(current: Message, next: Message): void {
    this.#appended = -1;
    this.#server.set(next.id, next);
    const ordered = this.#ordered;
    let low = 0;
    let high = ordered.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (byCreation(ordered[middle] as Message, current) < 0) low = middle + 1;
      else high = middle;
    }
    if (ordered[low]?.id === current.id) ordered[low] = next;
    else this.#ordered = [...this.#server.values()].sort(byCreation);
  }

  #forgetServer(): void {
    this.#appended = -1;
    this.#server.clear();
    this.#ordered = [];
  }

  #sorted(): readonly Message[] {
    return this.#ordered;
  }

  #render(): void {
    if (this.#controller.signal.aborted) return;
    const { identity, scope } = this.#options;
    const user = identity.session?.user;
    const me: Me = {
      author: { id: user?.id ?? identity.owner ?? '', name: user?.name ?? '' },
      spaceId: this.#spaceId,
      attached: this.#options.attached,
    };
    const items = this.#items;
    const ordered = this.#sorted();
    const view = this.#view;
    let from: number;
    if (this.#appended >= 0 && items === this.#viewItems && me.spaceId === this.#viewSpaceId) {
      // Only new messages at the end: the server part of the view stays, the new ones (and the
      // local copies of sends still queued, after them) follow it, in place.
      const tail = deriveView(ordered.slice(ordered.length - this.#appended), items, scope, me, this.#localIds, this.#derived);
      from = view.length - this.#viewSends;
      view.length = from;
      for (const message of tail) view.push(message);
    } else {
      const next = deriveView(ordered, items, scope, me, this.#localIds, this.#derived);
      // What stays the same at the start (the same objects: see `deriveView`'s memo) is told to
      // consumers, who keep what they made of it.
      from = 0;
      const shared = Math.min(view.length, next.length);
      while (from < shared && view[from] === next[from]) from += 1;
      this.#view = next;
    }
    this.#appended = 0;
    this.#viewItems = items;
    this.#viewSpaceId = me.spaceId;
    this.#viewSends = items.reduce((count, item) => (isSendOf(item, scope) ? count + 1 : count), 0);
    this.#shown = undefined;
    this.dispatchEvent(new TimelineChangeEvent(this.messages, from));
  }

  /**
   * Writes the cached page a while after a message arrived or was sent, once for all that came
   * meanwhile (a burst of 200 messages writes it once or twice, not 200 times; each write copies
   * 50 messages into IndexedDB), and when the timeline closes.
   */
  #rememberSoon(): void {
    this.#rememberTimer ??= setTimeout(() => {
      this.#rememberTimer = undefined;
      this.#remember().catch((error: unknown) => reportError(error));
    }, REMEMBER_EVERY_MS);
  }

  /** Writes the room's latest messages to the cache for the next visit's first paint. */
  async #remember(): Promise<void> {
    if (this.threadId !== null || this.#source !== 'network' || this.#newerCursor !== null) return;
    const latest = this.#sorted().slice(-CACHED_MESSAGES);
    await this.#options.cache.set(chatKeys.messages(this.roomId), latest, 'network');
  }
}

/**
 * Whether a stream that delivers every event after `listening` covers what happened since a page
 * read at `read`: both known, and the stream started no later than the page.
 */
function covers(listening: string | undefined, read: string | undefined): boolean {
  return listening !== undefined && read !== undefined && BigInt(listening) <= BigInt(read);
}

/** Two lists in creation order as one, in one pass. */
function mergeOrdered(a: readonly Message[], b: readonly Message[]): Message[] {
  const merged: Message[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(byCreation(a[i] as Message, b[j] as Message) <= 0 ? (a[i++] as Message) : (b[j++] as Message));
  while (i < a.length) merged.push(a[i++] as Message);
  while (j < b.length) merged.push(b[j++] as Message);
  return merged;
}
