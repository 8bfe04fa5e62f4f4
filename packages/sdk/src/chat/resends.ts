import { BureauError } from '../errors/BureauError.js';
import type { OutboxItem } from '../outbox/item.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxChangeEvent } from '../outbox/outbox-events.js';
import type { CallOptions } from '../types/call-options.js';

interface Waiting {
  old: OutboxItem;
  /** Items already in the outbox when the new one was asked for. */
  known: ReadonlySet<string>;
  queued: () => void;
}

/**
 * Retries of chat writes the server refused. The server keeps its answer under the write's
 * `Idempotency-Key` (a 4xx too), so sending the same item again would only replay the refusal: a
 * retry queues the same write anew, under a new key, and only then discards the failed item, so
 * that nothing the person wrote is lost if queueing fails. The new item keeps the local id of the
 * message it sends and the failed one is hidden as soon as its replacement is queued, so that a
 * timeline row never shows twice nor changes key.
 *
 * Listens to the outbox before any timeline does, so that timelines see the new item already
 * linked to its local id.
 * @internal
 */
export class Resends {
  readonly #outbox: Outbox;
  /** Outbox item id → the local id of the message it sends (its first item's id). */
  readonly #aliases = new Map<string, string>();
  /** Failed items whose replacement is queued: no longer shown. */
  readonly #replaced = new Set<string>();
  readonly #waiting = new Set<Waiting>();

  constructor(outbox: Outbox) {
    this.#outbox = outbox;
    outbox.addEventListener('change', this.#onChange);
  }

  /** The local id of the message an outbox item sends. */
  localIdOf(itemId: string): string {
    return this.#aliases.get(itemId) ?? itemId;
  }

  /** Whether an item is a failed write already queued anew (to be left out of views). */
  isReplaced(itemId: string): boolean {
    return this.#replaced.has(itemId);
  }

  /**
   * The id of the outbox item now carrying a write: `id` itself, or — given the local id of a
   * message whose sending was retried — the id of the item that replaced the first one.
   */
  itemIdOf(id: string): string {
    const items = this.#outbox.items();
    if (items.some((item) => item.id === id)) return id;
    return items.find((item) => this.#aliases.get(item.id) === id)?.id ?? id;
  }

  /** Queues a failed write again under a new key; resolves with the server's answer. */
  async resend(id: string, options: CallOptions = {}): Promise<unknown> {
    const writeId = this.itemIdOf(id);
    const old = this.#outbox.items().find((item) => item.id === writeId);
    if (!old) throw new BureauError('not-found', `No outbox item ${writeId}`);
    if (old.state !== 'failed') throw new BureauError('not-failed', `Outbox item ${writeId} has not failed`);
    let queued = false;
    let waiting: Waiting | undefined;
    const isQueued = new Promise<void>((resolve) => {
      waiting = {
        old,
        known: new Set(this.#outbox.items().map((item) => item.id)),
        queued: () => {
          queued = true;
          resolve();
        },
      };
      this.#waiting.add(waiting);
    });
    const answer = this.#outbox.send<unknown>(
      {
        method: old.method,
        path: old.path,
        headers: old.headers,
        intent: old.intent,
        ...(old.body === undefined ? {} : { body: old.body }),
        ...(old.target === undefined ? {} : { target: old.target }),
      },
      options,
    );
    try {
      // Either the new item is stored, or sending could not even queue it (then the old one stays).
      await Promise.race([isQueued, answer.then(() => undefined, () => undefined)]);
      if (queued) await this.#outbox.discard(old.id);
      return (await answer).body;
    } finally {
      if (waiting) this.#waiting.delete(waiting);
      this.#replaced.delete(old.id);
    }
  }

  readonly #onChange = (event: OutboxChangeEvent): void => {
    for (const waiting of [...this.#waiting]) {
      const { old, known } = waiting;
      const body = JSON.stringify(old.body);
      const fresh = event.items.find(
        (item) =>
          !known.has(item.id) &&
          !this.#aliases.has(item.id) &&
          item.intent === old.intent &&
          item.path === old.path &&
          JSON.stringify(item.body) === body,
      );
      if (!fresh) continue;
      this.#aliases.set(fresh.id, this.localIdOf(old.id));
      this.#replaced.add(old.id);
      this.#waiting.delete(waiting);
      waiting.queued();
    }
  };
}
