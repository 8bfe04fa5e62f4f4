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

/** What a tab does while it follows, and once it leads. @internal */
export interface TabRoles {
  /** Called with each message of the other tabs (in the order each tab sent them). */
  receive(message: TabMessage): void;
  /** Runs while this tab leads: holds the one connection until `signal` aborts. */
  lead(signal: AbortSignal): Promise<void>;
}

/**
 * Whether this browser lets tabs share one stream: Web Locks to elect the leader, BroadcastChannel
 * to hand the events on. Older browsers (and Node) keep one stream per client.
 * @internal
 */
export function canShareAcrossTabs(): boolean {
  return typeof BroadcastChannel === 'function' && typeof navigator !== 'undefined' && typeof navigator.locks?.request === 'function';
}

/**
 * One person's place among the tabs of an origin that share a stream. Every tab that needs events
 * joins with the same `name` (the API origin and the person's id: two people's tabs never share)
 * and queues for the lock of that name; the tab that holds it leads — it alone connects and posts
 * what it receives — the others follow from the channel. When the leader goes (closed tab, no more
 * subscribers, another person), the browser hands the lock to the next tab in the queue, which
 * resumes the connection from the last position it received. Resolves once `signal` aborts.
 * @internal
 */
export class TabShare {
  readonly #channel: BroadcastChannel;
  readonly #name: string;
  readonly #roles: TabRoles;
  #open = true;

  constructor(name: string, roles: TabRoles) {
    this.#name = `bureau-stream:${name}`;
    this.#channel = new BroadcastChannel(this.#name);
    this.#channel.onmessage = (event: MessageEvent<TabMessage>) => roles.receive(event.data);
    this.#roles = roles;
  }

  /** Follows, and leads when this tab's turn comes, until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    this.post({ kind: 'hello' });
    try {
      await navigator.locks.request(this.#name, { signal }, () => this.#roles.lead(signal));
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
}
