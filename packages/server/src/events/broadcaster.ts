import type { FastifyBaseLogger } from 'fastify';
import type { EventRow } from '../db/schema.js';
import { toEnvelope, type EventLog } from './log.js';

/** The SSE message of a logged event. */
export const frameOf = (id: string, type: string, data: unknown): string => `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

/** The frame of a logged event, made once for every stream that sends it (rows are shared). */
const frames = new WeakMap<EventRow, Buffer>();
export function frameOfRow(row: EventRow): Buffer {
  let made = frames.get(row);
  if (made === undefined) {
    // The payload is already JSON: spliced into the envelope as it is, not parsed and written again
    // (the envelope's fields in `toEnvelope`'s order). One with a line break (never written by
    // JSON.stringify) would end the SSE field: that one takes the long way.
    made = Buffer.from(
      /[\r\n]/.test(row.payload)
        ? frameOf(String(row.position), row.type, toEnvelope(row))
        : `id: ${row.position}\nevent: ${row.type}\ndata: {"position":"${row.position}","type":${JSON.stringify(row.type)},"spaceId":${JSON.stringify(row.space_id)},"at":${JSON.stringify(row.created_at)},"data":${row.payload}}\n\n`,
    );
    frames.set(row, made);
  }
  return made;
}

/** Whether `row` goes to `userId`, a member of `spaces`. */
export const visibleTo = (row: EventRow, userId: string, spaces: ReadonlySet<string>): boolean =>
  row.user_id === userId || (row.space_id !== null && spaces.has(row.space_id));

/** One open event stream as the broadcaster serves it. */
export interface Listener {
  readonly userId: string;
  /** The spaces the person is a member of; the broadcaster keeps them current from member.* events. */
  readonly spaces: Set<string>;
  /** The last position written to (or skipped for) this stream. */
  cursor: number;
  /** Writes a frame; false when the socket pushes back. */
  write(frame: Buffer): boolean;
  /** Holds writes until `uncork`, so that the frames of one batch leave in one system call. */
  cork(): void;
  uncork(): void;
  /** Called once the broadcaster has let go of a stream that pushed back: it catches up on its own. */
  pushedBack(): void;
}

const batchSize = 500;

/**
 * One per process: reads each commit once, encodes each frame once and writes it to the open
 * streams allowed to see it, found through an in-memory index of space → streams (and person →
 * streams for events addressed to one person). Streams resuming from an older position, and
 * streams whose socket pushed back, run their own cursor loop until they reach the broadcaster's
 * position and `attach` again. See ADR 0012.
 */
export class Broadcaster {
  /** Every event up to this position has been written to every attached stream that may see it. */
  #delivered = 0;
  readonly #bySpace = new Map<string, Set<Listener>>();
  readonly #byUser = new Map<string, Set<Listener>>();
  readonly #stop = new AbortController();
  #running: Promise<void> | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly logger: FastifyBaseLogger,
  ) {}

  /** Starts serving commits after the current head. */
  async start(): Promise<void> {
    this.#delivered = await this.log.head();
    this.#stopCommits = this.log.onCommit((rows) => this.#committed(rows));
    this.#running = this.#run();
  }

  /** Stops reading commits (the server is closing). */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#stopCommits();
    await this.#running;
  }

  #stopCommits: () => void = () => {};
  /** True while the loop waits for a commit, having written everything before it. */
  #idle = false;

  /**
   * On SQLite, a commit of this process handed over synchronously (before its POSTs are answered):
   * written at once when the loop is idle and the rows follow what it has written; otherwise the
   * loop reads them as before. Either way each row is written once, in order.
   */
  #committed(rows: readonly EventRow[]): void {
    if (!this.#idle || this.#stop.signal.aborted || rows[0]?.position !== this.#delivered + 1) return;
    try {
      this.#deliver(rows);
    } catch (error) {
      // Never into the commit's caller (its works must still be answered): the loop reads on from #delivered.
      this.logger.error({ err: error }, 'the event broadcaster could not write a commit; reading it again');
    }
  }

  get delivered(): number {
    return this.#delivered;
  }

  /**
   * Serves `listener` from now on, if it has caught up (its cursor is at or past the broadcaster's
   * position); false when it must read on by itself first.
   */
  attach(listener: Listener): boolean {
    if (listener.cursor < this.#delivered || this.#stop.signal.aborted) return false;
    addTo(this.#byUser, listener.userId, listener);
    for (const space of listener.spaces) addTo(this.#bySpace, space, listener);
    return true;
  }

  detach(listener: Listener): void {
    removeFrom(this.#byUser, listener.userId, listener);
    for (const space of listener.spaces) removeFrom(this.#bySpace, space, listener);
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      try {
        const rows = await this.log.readAfter(this.#delivered, batchSize);
        if (signal.aborted) return;
        if (rows.length === 0) {
          this.#idle = true;
          try {
            await this.log.notifier.waitBeyond(this.#delivered, signal);
          } finally {
            this.#idle = false;
          }
          continue;
        }
        this.#deliver(rows);
      } catch (error) {
        if (signal.aborted) return;
        this.logger.error({ err: error }, 'the event broadcaster could not read the log; retrying in 1 s');
        await new Promise((resolve) => setTimeout(resolve, 1000).unref());
      }
    }
  }

  #deliver(rows: readonly EventRow[]): void {
    // A space.created is followed, in its transaction, by its creator's member.added: keep it for
    // the next read when the batch ends on it, so that the creator is known when it is sent.
    const end = rows.length > 1 && rows.at(-1)?.type === 'space.created' ? rows.length - 1 : rows.length;
    this.#corked = end > 1 ? new Set() : null;
    for (let i = 0; i < end; i += 1) {
      const row = rows[i] as EventRow;
      if (row.type === 'member.added' && row.user_id !== null && row.space_id !== null) this.#join(row.user_id, row.space_id);
      if (row.space_id !== null) this.#send(row, this.#bySpace.get(row.space_id));
      if (row.user_id !== null) this.#send(row, this.#byUser.get(row.user_id));
      if (row.type === 'space.created') {
        // Its creator becomes a member in the same transaction: the next rows say who.
        for (let j = i + 1; j < rows.length; j += 1) {
          const next = rows[j] as EventRow;
          if (next.type === 'member.added' && next.space_id === row.space_id && next.user_id !== null) this.#send(row, this.#byUser.get(next.user_id));
        }
      }
      if (row.type === 'member.removed' && row.user_id !== null && row.space_id !== null) this.#leave(row.user_id, row.space_id);
      this.#delivered = row.position;
    }
    if (this.#corked !== null) for (const listener of this.#corked) listener.uncork();
    this.#corked = null;
  }

  /** The listeners written to in this batch, corked until its end (null when the batch is one row). */
  #corked: Set<Listener> | null = null;

  /** Writes `row` to the listeners that do not have it yet (a listener's cursor makes it once only). */
  #send(row: EventRow, listeners: Set<Listener> | undefined): void {
    if (listeners === undefined) return;
    let frame: Buffer | undefined;
    for (const listener of listeners) {
      if (row.position <= listener.cursor) continue;
      listener.cursor = row.position;
      frame ??= frameOfRow(row);
      if (this.#corked !== null && !this.#corked.has(listener)) {
        this.#corked.add(listener);
        listener.cork();
      }
      if (!listener.write(frame)) {
        this.detach(listener);
        listener.pushedBack();
      }
    }
  }

  #join(userId: string, spaceId: string): void {
    for (const listener of this.#byUser.get(userId) ?? []) {
      listener.spaces.add(spaceId);
      addTo(this.#bySpace, spaceId, listener);
    }
  }

  #leave(userId: string, spaceId: string): void {
    for (const listener of this.#byUser.get(userId) ?? []) {
      listener.spaces.delete(spaceId);
      removeFrom(this.#bySpace, spaceId, listener);
    }
  }
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (set === undefined) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set?.delete(value) && set.size === 0) index.delete(key);
}
