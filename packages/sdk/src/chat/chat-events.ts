import type { ChatMessage } from './chat-message.js';

/**
 * Dispatched by a {@link Timeline} whenever what it shows changes: a page loaded (from the cache or
 * the network), a message arrived, changed, was sent, failed, or was discarded.
 *
 * `from` says where the change starts: the messages before that index are the same objects, in the
 * same places, as in the previous change's `messages` (a message arriving in a room of 10,000 has
 * `from` 10,000: only what follows is new). A consumer that keeps something per message redoes it
 * from there, at the cost of what changed.
 * @example
 * ```ts
 * timeline.addEventListener('change', ({ messages, from }) => {
 *   while (list.children.length > from) list.lastElementChild?.remove();
 *   list.append(...messages.slice(from).map(toRow));
 * });
 * ```
 */
export class TimelineChangeEvent extends Event {
  readonly messages: readonly ChatMessage[];
  /** The index of the first message that may differ from the previous change's (0: any may). */
  readonly from: number;
  constructor(messages: readonly ChatMessage[], from = 0) {
    super('change');
    this.messages = messages;
    this.from = from;
  }
}

/**
 * Dispatched by a {@link Timeline} when refreshing it failed (after a `reset`, or its first load).
 * The timeline keeps what it shows.
 * @example
 * ```ts
 * timeline.addEventListener('error', (event) => console.warn(event.error));
 * ```
 */
export class TimelineErrorEvent extends Event {
  readonly error: unknown;
  constructor(error: unknown) {
    super('error');
    this.error = error;
  }
}

/** The events a {@link Timeline} dispatches. */
export interface TimelineEventMap {
  change: TimelineChangeEvent;
  error: TimelineErrorEvent;
}

/**
 * Dispatched by `client.chat.typing` when the people typing in a room change.
 * @example
 * ```ts
 * client.chat.typing.addEventListener('change', (event) => {
 *   if (event.roomId === roomId) line.textContent = event.users.map((u) => u.name).join(', ');
 * });
 * ```
 */
export class TypingChangeEvent extends Event {
  readonly roomId: string;
  readonly users: ReadonlyArray<{ id: string; name: string }>;
  constructor(roomId: string, users: ReadonlyArray<{ id: string; name: string }>) {
    super('change');
    this.roomId = roomId;
    this.users = users;
  }
}

/** The events `client.chat.typing` dispatches. */
export interface TypingEventMap {
  change: TypingChangeEvent;
}
