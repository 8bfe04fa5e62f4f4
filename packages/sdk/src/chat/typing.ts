import type { Author, EventOf } from '@bureau/api';
import type { Identity } from '../auth/identity.js';
import type { Http } from '../http/http.js';
import type { EventStream } from '../stream/stream.js';
import type { CallOptions } from '../types/call-options.js';
import { TypingChangeEvent, type TypingEventMap } from './chat-events.js';
import { chatPaths } from './keys.js';
import { TypedEventTarget } from '../events/typed-event-target.js';

/** How long someone counts as typing after their last `typing` event. */
export const TYPING_EXPIRES_MS = 6_000;
/** At most one `POST …/typing` per room in this time. */
export const TYPING_THROTTLE_MS = 3_000;
/** Beyond this gap between the server's clock and ours, an event's time is not trusted. */
const MAX_CLOCK_SKEW_MS = 30_000;

export interface TypingOptions {
  http: Http;
  stream: EventStream;
  identity: Identity;
}

/**
 * Typing indicators (`client.chat.typing`): tells the room the person is typing, at most once
 * every {@link TYPING_THROTTLE_MS} ms, and follows who else types in a room while something
 * watches it. Someone stops counting as typing {@link TYPING_EXPIRES_MS} ms after the time of
 * their last `typing` event, or as soon as their message arrives. Dispatches `change`.
 *
 * @example
 * ```ts
 * composer.addEventListener('input', () => void client.chat.typing.notify(roomId));
 * client.chat.typing.watch(roomId, (users) => {
 *   line.textContent = users.length ? `${users.map((u) => u.name).join(', ')} écrit…` : '';
 * }, { signal });
 * ```
 */
export class Typing extends TypedEventTarget<TypingEventMap> {
  readonly #http: Http;
  readonly #stream: EventStream;
  readonly #identity: Identity;
  /** roomId → userId → who, and since when (ms since the epoch). */
  readonly #typing = new Map<string, Map<string, { user: Author; at: number }>>();
  readonly #lastSent = new Map<string, number>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #watchers = 0;
  #unsubscribe: Array<() => void> = [];

  constructor(options: TypingOptions) {
    super();
    this.#http = options.http;
    this.#stream = options.stream;
    this.#identity = options.identity;
  }

  /**
   * Tells the room's other members that the person is typing (`POST /v1/rooms/{id}/typing`),
   * unless it was told less than {@link TYPING_THROTTLE_MS} ms ago. Call it on every keystroke;
   * resolves with whether a request was sent. Not queued: a typing signal is worthless later.
   * @example
   * ```ts
   * textarea.addEventListener('input', () => client.chat.typing.notify(roomId).catch(console.warn));
   * ```
   */
  async notify(roomId: string, options: CallOptions = {}): Promise<boolean> {
    const now = Date.now();
    const last = this.#lastSent.get(roomId);
    if (last !== undefined && now - last < TYPING_THROTTLE_MS) return false;
    this.#lastSent.set(roomId, now);
    try {
      await this.#http.request<undefined>({ method: 'POST', path: chatPaths.typing(roomId), signal: options.signal });
    } catch (error) {
      // A failed signal may be given again at the next keystroke.
      this.#lastSent.delete(roomId);
      throw error;
    }
    return true;
  }

  /**
   * Who is typing in a room at `now` (default: the current time), the person excluded. Only
   * known while something watches typing (`watch`).
   * @example
   * ```ts
   * const names = client.chat.typing.users(roomId).map((user) => user.name);
   * ```
   */
  users(roomId: string, now: number = Date.now()): Author[] {
    const room = this.#typing.get(roomId);
    if (!room) return [];
    const me = this.#identity.session?.user.id;
    return [...room.values()]
      .filter((entry) => entry.user.id !== me && now - entry.at < TYPING_EXPIRES_MS)
      .sort((a, b) => a.at - b.at)
      .map((entry) => entry.user);
  }

  /**
   * Calls `onUsers` with who types in the room now, then on every change, until `signal` aborts.
   * @example
   * ```ts
   * client.chat.typing.watch(roomId, (users) => render(users), { signal: controller.signal });
   * ```
   */
  watch(roomId: string, onUsers: (users: Author[]) => void, options: { signal: AbortSignal }): void {
    const { signal } = options;
    signal.throwIfAborted();
    this.#retain();
    const listener = (event: TypingChangeEvent): void => {
      if (event.roomId === roomId) onUsers([...event.users]);
    };
    this.addEventListener('change', listener);
    signal.addEventListener(
      'abort',
      () => {
        this.removeEventListener('change', listener);
        this.#release();
      },
      { once: true },
    );
    onUsers(this.users(roomId));
  }

  #retain(): void {
    this.#watchers += 1;
    if (this.#watchers > 1) return;
    this.#unsubscribe = [
      this.#stream.subscribe('typing', (event) => this.#onTyping(event)),
      this.#stream.subscribe('message.created', (event) => this.#stopped(event.data.roomId, event.data.author.id)),
    ];
  }

  #release(): void {
    this.#watchers -= 1;
    if (this.#watchers > 0) return;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#typing.clear();
  }

  #onTyping(event: EventOf<'typing'>): void {
    const { roomId, user } = event.data;
    const sent = Date.parse(event.at);
    const now = Date.now();
    const at = Number.isNaN(sent) || Math.abs(now - sent) > MAX_CLOCK_SKEW_MS ? now : sent;
    let room = this.#typing.get(roomId);
    if (!room) {
      room = new Map();
      this.#typing.set(roomId, room);
    }
    const previous = room.get(user.id);
    if (previous && previous.at >= at) return;
    room.set(user.id, { user, at });
    this.#changed(roomId);
  }

  #stopped(roomId: string, userId: string): void {
    if (this.#typing.get(roomId)?.delete(userId)) this.#changed(roomId);
  }

  /** Announces the room's typers and schedules the next expiry. */
  #changed(roomId: string): void {
    clearTimeout(this.#timers.get(roomId));
    this.#timers.delete(roomId);
    const room = this.#typing.get(roomId);
    const now = Date.now();
    for (const [userId, entry] of room ?? []) if (now - entry.at >= TYPING_EXPIRES_MS) room?.delete(userId);
    if (room && room.size > 0) {
      const next = Math.min(...[...room.values()].map((entry) => entry.at + TYPING_EXPIRES_MS));
      this.#timers.set(
        roomId,
        setTimeout(() => this.#changed(roomId), Math.max(0, next - now)),
      );
    }
    this.dispatchEvent(new TypingChangeEvent(roomId, this.users(roomId, now)));
  }
}
