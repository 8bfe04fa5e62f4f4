import type { OutboxItem } from './item.js';

/**
 * Dispatched by `client.outbox` whenever its items change (queued, sent, failed, retried,
 * discarded, or loaded after a reload). `items` is the new list, in replay order.
 * @example
 * ```ts
 * client.outbox.addEventListener('change', (event) => render(event.items));
 * ```
 */
export class OutboxChangeEvent extends Event {
  readonly items: readonly OutboxItem[];
  constructor(items: readonly OutboxItem[]) {
    super('change');
    this.items = items;
  }
}

/**
 * Dispatched when the server refused a write for good. The item stays, `failed`, with its body
 * and `error`, until `retry(id)` or `discard(id)`.
 * @example
 * ```ts
 * client.outbox.addEventListener('failed', (event) => toast(event.item.error?.message));
 * ```
 */
export class OutboxFailedEvent extends Event {
  readonly item: OutboxItem;
  readonly error: unknown;
  constructor(item: OutboxItem, error: unknown) {
    super('failed');
    this.item = item;
    this.error = error;
  }
}

/**
 * Dispatched when a write reached the server and was accepted; `body` is the server's answer.
 * @example
 * ```ts
 * client.outbox.addEventListener('sent', (event) => markSent(event.item.id));
 * ```
 */
export class OutboxSentEvent extends Event {
  readonly item: OutboxItem;
  readonly body: unknown;
  constructor(item: OutboxItem, body: unknown) {
    super('sent');
    this.item = item;
    this.body = body;
  }
}

/** The events `client.outbox` dispatches. */
export interface OutboxEventMap {
  change: OutboxChangeEvent;
  failed: OutboxFailedEvent;
  sent: OutboxSentEvent;
}
