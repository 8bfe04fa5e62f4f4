import { randomUUID } from 'node:crypto';
import type { EventOf } from '@bureau/api';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { PostgresListener } from '../events/pg-listener.js';

/** The NOTIFY channel that relays typing between instances (PostgreSQL). */
const typingChannel = 'bureau_typing';

type EphemeralEvent = EventOf<'typing'> | EventOf<'presence'>;

/** Writes one SSE frame on one open stream. */
export type FrameWriter = (frame: string) => void;

/** An ephemeral event as an SSE message: no `id`, so that it never moves a client's resume position. */
const frameOf = (event: EphemeralEvent): string => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * Delivery of ephemeral events (typing, presence) to open event streams. Nothing is stored: a
 * person who is not connected misses them, as intended. Who may see an event is decided at
 * publication from the current memberships. Presence is derived from this instance's open streams:
 * `online` when a person's first stream opens, `offline` when their last one closes. Typing also
 * reaches other instances when `relayThrough` is given their shared connection.
 */
export class EphemeralBus {
  readonly #streams = new Map<string, Set<FrameWriter>>();
  #closing = false;
  /** Names this instance in relayed events, so that it skips its own. */
  readonly #instance = randomUUID();
  #relay: PostgresListener | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * With several instances (PostgreSQL), `typing` is also sent to the other instances on a NOTIFY
   * channel (the event itself: a few hundred bytes) and each one delivers it to its own streams.
   * Presence is not relayed: it stays per instance (docs/deploy.md).
   */
  async relayThrough(listener: PostgresListener): Promise<void> {
    this.#relay = listener;
    await listener.listen(typingChannel, (payload) => {
      this.#relayed(payload).catch((error: unknown) => this.log.error({ err: error }, 'relayed typing could not be delivered'));
    });
  }

  /** Registers an open stream of `userId`; the returned function unregisters it. */
  subscribe(userId: string, write: FrameWriter): () => void {
    let writers = this.#streams.get(userId);
    const first = !writers;
    if (!writers) {
      writers = new Set();
      this.#streams.set(userId, writers);
    }
    writers.add(write);
    if (first) this.#announce(userId, 'online');
    return () => {
      const set = this.#streams.get(userId);
      if (!set?.delete(write) || set.size > 0) return;
      this.#streams.delete(userId);
      this.#announce(userId, 'offline');
    };
  }

  /** The server is closing: streams end, but nobody is announced offline any more. */
  close(): void {
    this.#closing = true;
  }

  /** The people among `userIds` with at least one open stream. */
  online(userIds: readonly string[]): string[] {
    return userIds.filter((id) => this.#streams.has(id));
  }

  /** Sends `typing` to the members of the room's space, except the typer, on every instance. */
  async typing(event: EventOf<'typing'>): Promise<void> {
    await this.#deliverTyping(event);
    if (this.#relay !== null) {
      await sql`select pg_notify(${typingChannel}, ${JSON.stringify({ from: this.#instance, event })})`.execute(this.db);
    }
  }

  async #deliverTyping(event: EventOf<'typing'>): Promise<void> {
    if (event.spaceId === null) return;
    const members = await this.db.selectFrom('memberships').select('user_id').where('space_id', '=', event.spaceId).execute();
    this.#send(
      members.map((m) => m.user_id).filter((id) => id !== event.data.user.id),
      event,
    );
  }

  async #relayed(payload: string): Promise<void> {
    const { from, event } = JSON.parse(payload) as { from: string; event: EventOf<'typing'> };
    if (from === this.#instance || event.type !== 'typing') return;
    await this.#deliverTyping(event);
  }

  #announce(userId: string, status: 'online' | 'offline'): void {
    if (this.#closing) return;
    const event: EventOf<'presence'> = { position: null, type: 'presence', spaceId: null, at: new Date().toISOString(), data: { userId, status } };
    this.#coMembers(userId).then(
      (audience) => this.#send(audience, event),
      (error: unknown) => this.log.error({ err: error }, 'presence could not be announced'),
    );
  }

  /** Everyone who shares a space with `userId`, except them. */
  async #coMembers(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('memberships as mine')
      .innerJoin('memberships as theirs', 'theirs.space_id', 'mine.space_id')
      .select('theirs.user_id')
      .distinct()
      .where('mine.user_id', '=', userId)
      .where('theirs.user_id', '!=', userId)
      .execute();
    return rows.map((row) => row.user_id);
  }

  #send(audience: readonly string[], event: EphemeralEvent): void {
    const frame = frameOf(event);
    for (const userId of audience) for (const write of this.#streams.get(userId) ?? []) write(frame);
  }
}
