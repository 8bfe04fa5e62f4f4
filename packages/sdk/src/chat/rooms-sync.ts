import type { BureauEvent, EventOf, Message, ReadUpdated, Room } from '@bureau/api';
import type { Identity } from '../auth/identity.js';
import type { Cache } from '../cache/cache.js';
import type { EventStream } from '../stream/stream.js';
import { chatKeys } from './keys.js';

/**
 * Keeps the cached room lists of the watched spaces in step with the event stream: rooms created,
 * renamed or archived, each room's last message, and the reader's unread counts (a top-level
 * message of someone else adds one, and one mention if it names the reader; `read.updated`, from
 * any tab of the reader, sets them). Refetches everything on `reset`.
 * @internal
 */
export class RoomsSync {
  readonly #cache: Cache;
  readonly #identity: Identity;
  readonly #stream: EventStream;
  /** roomId → spaceId, for `read.updated`, which carries no space. */
  readonly #spaceOf = new Map<string, string>();
  #users = 0;
  #unsubscribe: (() => void) | undefined;
  /** Changes are applied one after the other: each reads what the previous one wrote. */
  #queue: Promise<void> = Promise.resolve();

  constructor(cache: Cache, identity: Identity, stream: EventStream) {
    this.#cache = cache;
    this.#identity = identity;
    this.#stream = stream;
  }

  /** Follows the stream until the returned function is called (reference-counted). */
  retain(): () => void {
    this.#users += 1;
    this.#unsubscribe ??= this.#stream.subscribe('*', (event) => {
      this.#serially(() => this.#apply(event)).catch((error: unknown) => reportError(error));
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#users -= 1;
      if (this.#users === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
    };
  }

  /** Learns which space the rooms of a fetched list belong to. */
  learn(rooms: readonly Room[]): void {
    for (const room of rooms) this.#spaceOf.set(room.id, room.spaceId);
  }

  /** Applies the reader's new marker and counts (the answer of `markRead`). */
  read(update: ReadUpdated): Promise<void> {
    return this.#serially(() => this.#read(update));
  }

  #serially(change: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(change);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #read(update: ReadUpdated): Promise<void> {
    const spaceId = this.#spaceOf.get(update.roomId);
    if (spaceId === undefined) return;
    await this.#updateRoom(spaceId, update.roomId, (room) => ({
      ...room,
      unreadCount: update.unreadCount,
      unreadMentions: update.unreadMentions,
      lastReadMessageId: update.messageId,
    }));
  }

  async #apply(event: BureauEvent): Promise<void> {
    switch (event.type) {
      case 'room.created':
      case 'room.updated':
        return this.#roomChanged(event);
      case 'message.created':
        return this.#messageCreated(event.data);
      case 'message.updated':
        return this.#messageUpdated(event.data);
      case 'read.updated':
        return this.#read(event.data);
      case 'reset':
        this.#cache.refresh('chat:rooms:');
        return;
      default:
        return;
    }
  }

  async #roomChanged(event: EventOf<'room.created'> | EventOf<'room.updated'>): Promise<void> {
    const snapshot = event.data;
    this.#spaceOf.set(snapshot.id, snapshot.spaceId);
    await this.#cache.update<Room[]>(chatKeys.rooms(snapshot.spaceId), (rooms) => {
      const current = rooms.find((room) => room.id === snapshot.id);
      if (snapshot.archived) return current ? rooms.filter((room) => room !== current) : undefined;
      if (current) return rooms.map((room) => (room === current ? { ...room, ...snapshot } : room));
      return [...rooms, { ...snapshot, unreadCount: 0, unreadMentions: 0, lastReadMessageId: null }];
    });
  }

  async #messageCreated(message: Message): Promise<void> {
    if (message.threadId !== null) return;
    this.#spaceOf.set(message.roomId, message.spaceId);
    const me = this.#identity.session?.user.id;
    const fromOther = message.author.id !== me;
    await this.#updateRoom(message.spaceId, message.roomId, (room) => ({
      ...room,
      lastMessage: message,
      unreadCount: room.unreadCount + (fromOther ? 1 : 0),
      unreadMentions: room.unreadMentions + (fromOther && me !== undefined && message.mentions.includes(me) ? 1 : 0),
    }));
  }

  async #messageUpdated(message: Message): Promise<void> {
    let previewGone = false;
    await this.#updateRoom(message.spaceId, message.roomId, (room) => {
      if (room.lastMessage?.id !== message.id) return room;
      previewGone = message.deletedAt !== null;
      return { ...room, lastMessage: message };
    });
    // The preview was deleted: the server knows which message comes before it.
    if (previewGone) this.#cache.refresh(chatKeys.rooms(message.spaceId));
  }

  async #updateRoom(spaceId: string, roomId: string, change: (room: Room) => Room): Promise<void> {
    await this.#cache.update<Room[]>(chatKeys.rooms(spaceId), (rooms) =>
      rooms.some((room) => room.id === roomId) ? rooms.map((room) => (room.id === roomId ? change(room) : room)) : undefined,
    );
  }
}
