import type { StreamStatus } from './stream-events.js';

/**
 * What the tabs of one person say to each other about their shared event stream, on a
 * `BroadcastChannel` of the page's origin. Events travel as the server sent them (position and
 * JSON text); no token or credential ever does.
 * @internal
 */
export type TabMessage =
  /** The leader received an event: every follower delivers it (deduplicated by position). */
  | { kind: 'event'; id: string | undefined; data: string }
  /** The leader reconnected without knowing what it missed: every follower refetches too. */
  | { kind: 'reset' }
  /** The leader's connection state, and the position it delivered last (a follower's resume point). */
  | { kind: 'status'; status: StreamStatus; position: string | undefined }
  /** A new follower asks the leader for its status. */
  | { kind: 'hello' }
  /** The person signed out in one tab: every tab of theirs forgets them too. */
  | { kind: 'signed-out' };

/** What the shared stream asks of its client's stream. @internal */
export interface TabHost {
  /** The client's connection state and last position, told to followers. */
  readonly status: StreamStatus;
  readonly position: string | undefined;
  /** Holds the one connection while this tab leads, until `signal` aborts. */
  lead(signal: AbortSignal): Promise<void>;
  /** An event the leader received (deduplicated by position). */
  deliver(id: string | undefined, data: string): void;
  /** The leader could not resume: subscribers refetch. */
  reset(): void;
  /** The leader's connection state. */
  heard(status: StreamStatus, position: string | undefined): void;
  /** The person signed out in another tab. */
  signedOut(): void;
}

/**
 * One person's place among the tabs of an origin that share a stream. Every tab that needs events
 * joins with the same `name` (the API origin and the person's id: two people's tabs never share)
 * and queues for the lock of that name; the tab that holds it leads — it alone connects and posts
 * what it receives — the others follow from the channel. When
 * the leader goes (closed tab, no more subscribers, another person), the browser hands the lock to
 * the next tab in the queue, which resumes the connection from the last position it received.
 * @internal
 */
export class TabShare {
  /** Whether this tab holds the connection. */
  leading = false;
  readonly #channel: BroadcastChannel;
  readonly #name: string;
  readonly #host: TabHost;
  #open = true;

  constructor(name: string, host: TabHost) {
    this.#name = `bureau-stream:${name}`;
    this.#host = host;
    this.#channel = new BroadcastChannel(this.#name);
    this.#channel.onmessage = (event: MessageEvent<TabMessage>) => this.#receive(event.data);
  }

  /** Follows, and leads when this tab's turn comes, until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    this.post({ kind: 'hello' });
    try {
      await navigator.locks.request(this.#name, { signal }, async () => {
        this.leading = true;
        try {
          await this.#host.lead(signal);
        } finally {
          this.leading = false;
          this.post({ kind: 'status', status: 'closed', position: this.#host.position });
        }
      });
    } catch (error) {
      // Aborted while waiting in the queue: this tab stops following, nothing went wrong.
      if (!signal.aborted) throw error;
    } finally {
      this.close();
    }
  }

  /** Tells the other tabs. */
  post(message: TabMessage): void {
    if (this.#open) this.#channel.postMessage(message);
  }

  /** Leaves the channel (idempotent): nothing more is received or posted. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#channel.close();
  }

  #receive(message: TabMessage): void {
    const host = this.#host;
    if (message.kind === 'signed-out') {
      this.close();
      host.signedOut();
    } else if (this.leading) {
      if (message.kind === 'hello') this.post({ kind: 'status', status: host.status, position: host.position });
    } else if (message.kind === 'event') host.deliver(message.id, message.data);
    else if (message.kind === 'reset') host.reset();
    else if (message.kind === 'status') host.heard(message.status, message.position);
  }
}
