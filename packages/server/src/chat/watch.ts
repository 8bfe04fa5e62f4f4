import type { Person } from '../conformance/harness.js';
import { readSse, type Envelope, type SseItem } from '@bureau/conformance/sse';

/** An event as a test saw it: the SSE id (absent for ephemeral events) and the envelope. */
export interface Seen {
  id: string | undefined;
  envelope: Envelope;
}

/**
 * A person's open event stream, read in the background for tests: every event is kept, and
 * `next(predicate)` resolves with the first one (already seen or still to come) that matches.
 */
export class Watch {
  readonly seen: Seen[] = [];
  readonly #waiters = new Set<{ test: (seen: Seen) => boolean; resolve: (seen: Seen) => void }>();
  readonly #controller = new AbortController();
  #failure: unknown = null;

  private constructor() {}

  /** Opens the stream of `person`; resolves once the server has started it (its `retry:` field). */
  static async open(person: Person): Promise<Watch> {
    const watch = new Watch();
    const response = await person.fetch('GET', '/v1/events', { headers: { accept: 'text/event-stream' }, signal: watch.#controller.signal });
    if (response.status !== 200) throw new Error(`GET /v1/events as ${person.id} answered ${response.status}`);
    const items = readSse(response);
    const first = await items.next();
    if (first.done || first.value.kind !== 'retry') throw new Error('The stream did not start with `retry:`');
    void watch.#read(items);
    return watch;
  }

  async #read(items: AsyncGenerator<SseItem>): Promise<void> {
    try {
      for await (const item of items) {
        if (item.kind !== 'message') continue;
        const seen: Seen = { id: item.id, envelope: JSON.parse(item.data) as Envelope };
        this.seen.push(seen);
        for (const waiter of [...this.#waiters]) {
          if (!waiter.test(seen)) continue;
          this.#waiters.delete(waiter);
          waiter.resolve(seen);
        }
      }
    } catch (error) {
      if (!(error instanceof Error && error.name === 'AbortError')) this.#failure = error;
    }
  }

  /** The first event matching `test`, among those seen already or the next ones. */
  next(test: (seen: Seen) => boolean): Promise<Seen> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const found = this.seen.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.#waiters.add({ test, resolve }));
  }

  /** Events of `type`, in order. */
  ofType(type: string): Envelope[] {
    return this.seen.filter((s) => s.envelope.type === type).map((s) => s.envelope);
  }

  close(): void {
    this.#controller.abort();
  }
}
