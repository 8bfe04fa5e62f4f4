import type { Attachment, CreateRoom, Message, MessagePage, Page, PresenceList, ReadUpdated, Room, SendMessage, UpdateRoom } from '@bureau/api';
import type { Identity } from '../auth/identity.js';
import { type Cache, withCache } from '../cache/cache.js';
import type { Watcher, WatchOptions } from '../cache/snapshot.js';
import type { Http } from '../http/http.js';
import { outboxDomain, type Outbox } from '../outbox/outbox.js';
import type { GuardedWriteOptions } from '../spaces/spaces-service.js';
import type { EventStream } from '../stream/stream.js';
import type { CallOptions, PageOptions } from '../types/call-options.js';
import { Drafts } from './drafts.js';
import { followPresence } from './presence.js';
import { chatIntents, chatKeys, chatPaths } from './keys.js';
import { RoomsSync } from './rooms-sync.js';
import { Timeline, type TimelineOptions, type TimelineWriter } from './timeline.js';
import { Typing } from './typing.js';
import type { Domain } from '../domains.js';

export interface ChatServiceOptions {
  http: Http;
  cache: Cache;
  outbox: Outbox;
  stream: EventStream;
  identity: Identity;
}

/** Options of `rooms()`. */
export interface RoomsOptions extends PageOptions {
  /** List the archived rooms instead of the active ones. */
  archived?: boolean | undefined;
}

/** Options of `send()`. */
export interface SendOptions extends CallOptions {
  /** Sends a reply in the thread of this (top-level) message. */
  threadId?: string | undefined;
  /**
   * Files of the room's space to attach (at most 10). Only `fileId` goes to the server; `name`,
   * `size` and `type`, when given (e.g. from `client.files`), show on the local copy while it is
   * pending — the server's message then carries the file as it is.
   */
  attachments?: readonly Attachment[] | undefined;
}

/** Options of `timeline()` and `thread()`. */
export interface TimelineOpenOptions {
  /** Messages per page (1–100). Default 50. */
  pageSize?: number | undefined;
  /**
   * A top-level message of the room to open the timeline at (a search result, a notification):
   * the page around it first, then `loadOlder()` and `loadNewer()` from there (`timeline()` only).
   */
  around?: string | undefined;
}

/** Options of `messages()`: a page before `cursor` (older), after `after` (newer), or around a message. */
export interface MessagesOptions extends PageOptions {
  /** A page's `newerCursor`: the page of newer messages. */
  after?: string | undefined;
  /** A message of the room: the page centred on it. */
  around?: string | undefined;
}

/** Messages per page of a timeline. */
const PAGE_SIZE = 50;
/** Hard limit on pages followed by `watchRooms`, which shows whole lists. */
const MAX_PAGES = 20;

/**
 * Chat rooms and messages (`client.chat`). Reads go to the network (`rooms`, `messages`,
 * `replies`, `search`, `presence`) or paint from the cache first and follow the event stream
 * (`watchRooms`, `timeline`, `thread`). Every write goes through the outbox: a message shows at
 * once in the timelines of its room as `pending`, survives a reload while offline, is sent
 * exactly once (its outbox id is its `Idempotency-Key`), then shows as `sent` — or `failed`,
 * with the error, until `retry` or `discard`.
 *
 * @example
 * ```ts
 * const { items: rooms } = await client.chat.rooms('espace-rh-360');
 * const timeline = client.chat.timeline(rooms[0].id);
 * timeline.addEventListener('change', () => render(timeline.messages));
 * await client.chat.send(rooms[0].id, 'Bonjour @camille !');
 * ```
 */
export class ChatService implements TimelineWriter {
  /** Typing indicators: tell the room, follow who types. */
  readonly typing: Typing;
  /** Unsent text per room, kept across reloads, wiped on sign-out. */
  readonly drafts: Drafts;
  readonly #http: Http;
  readonly #cache: Cache;
  readonly #outbox: Outbox;
  readonly #stream: EventStream;
  readonly #identity: Identity;
  readonly #sync: RoomsSync;
  /** What this browser knows of the files it attaches, for the local copies (see `send`). */
  readonly #attached = new Map<string, Attachment>();

  constructor(options: ChatServiceOptions) {
    this.#http = options.http;
    this.#cache = options.cache;
    this.#outbox = options.outbox;
    this.#stream = options.stream;
    this.#identity = options.identity;
    this.#sync = new RoomsSync(options.cache, options.identity, options.stream);
    this.typing = new Typing({ http: options.http, stream: options.stream, identity: options.identity });
    this.drafts = new Drafts(options.identity);
  }

  /**
   * One page of a space's rooms (`GET /v1/spaces/{id}/rooms`), each with the reader's unread
   * counts, read marker and last message.
   * @example
   * ```ts
   * const { items, nextCursor } = await client.chat.rooms(spaceId, { limit: 20 });
   * ```
   */
  async rooms(spaceId: string, options: RoomsOptions = {}): Promise<Page<Room>> {
    const { body } = await this.#http.request<Page<Room>>({
      method: 'GET',
      path: chatPaths.rooms(spaceId),
      searchParams: {
        archived: options.archived === undefined ? undefined : String(options.archived),
        limit: options.limit,
        cursor: options.cursor,
      },
      signal: options.signal,
    });
    this.#sync.learn(body.items);
    return body;
  }

  /**
   * One room (`GET /v1/rooms/{id}`); a room of a space the person is not in is a 404 `HttpError`.
   * @example
   * ```ts
   * const room = await client.chat.room(roomId);
   * ```
   */
  async room(roomId: string, options: CallOptions = {}): Promise<Room> {
    const { body } = await this.#http.request<Room>({ method: 'GET', path: chatPaths.room(roomId), signal: options.signal });
    this.#sync.learn([body]);
    return body;
  }

  /**
   * The active rooms of a space (with `archived: true`, the archived ones): the cached list at
   * once, the server's when it answers, then every change the stream brings — new rooms, renames,
   * last messages and unread counts — until `signal` aborts. Resolves once the server's list has been delivered.
   * @example
   * ```ts
   * await client.chat.watchRooms(spaceId, ({ value }) => renderRooms(value), { signal: controller.signal });
   * // The archived rooms, live the same way (a room archived or brought back moves between the lists):
   * await client.chat.watchRooms(spaceId, ({ value }) => renderArchive(value), { signal, archived: true });
   * ```
   */
  async watchRooms(spaceId: string, onValue: Watcher<Room[]>, options: WatchOptions & { archived?: boolean }): Promise<void> {
    const archived = options.archived === true;
    options.signal.throwIfAborted();
    const release = this.#sync.retain();
    options.signal.addEventListener('abort', release, { once: true });
    const load = async (signal: AbortSignal): Promise<Room[]> => {
      await this.#stream.whenListening(signal);
      const rooms: Room[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < MAX_PAGES; i += 1) {
        const page = await this.rooms(spaceId, { limit: 100, cursor, signal, archived });
        rooms.push(...page.items);
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      return rooms;
    };
    await this.#cache.watch(archived ? chatKeys.archivedRooms(spaceId) : chatKeys.rooms(spaceId), load, onValue, options);
  }

  /**
   * Creates a room in a space (members and owners; a guest gets a 403 `HttpError`).
   * @example
   * ```ts
   * const room = await client.chat.createRoom(spaceId, { name: 'Recrutements', topic: 'Postes ouverts' });
   * ```
   */
  async createRoom(spaceId: string, input: CreateRoom, options: CallOptions = {}): Promise<Room> {
    const { body } = await this.#outbox.send<Room>(
      { method: 'POST', path: chatPaths.rooms(spaceId), body: input, intent: chatIntents.createRoom, target: spaceId },
      options,
    );
    this.#sync.learn([body]);
    return body;
  }

  /**
   * Changes a room's name, topic or archived state (space owners and the room's creator).
   * @example
   * ```ts
   * await client.chat.updateRoom(room.id, { topic: 'Campagne 2027' }, { ifMatch: room.version });
   * ```
   */
  async updateRoom(roomId: string, change: UpdateRoom, options: GuardedWriteOptions = {}): Promise<Room> {
    const { body } = await this.#outbox.send<Room>(
      {
        method: 'PATCH',
        path: chatPaths.room(roomId),
        body: change,
        ...(options.ifMatch === undefined ? {} : { headers: { 'If-Match': `"${options.ifMatch}"` } }),
        intent: chatIntents.updateRoom,
        target: roomId,
      },
      options,
    );
    return body;
  }

  /**
   * Renames a room.
   * @example
   * ```ts
   * await client.chat.renameRoom(room.id, 'Recrutements 2027');
   * ```
   */
  renameRoom(roomId: string, name: string, options: GuardedWriteOptions = {}): Promise<Room> {
    return this.updateRoom(roomId, { name }, options);
  }

  /**
   * Archives a room: it leaves the active list and takes no new messages (409).
   * @example
   * ```ts
   * await client.chat.archiveRoom(room.id);
   * ```
   */
  archiveRoom(roomId: string, options: GuardedWriteOptions = {}): Promise<Room> {
    return this.updateRoom(roomId, { archived: true }, options);
  }

  /**
   * Brings an archived room back.
   * @example
   * ```ts
   * await client.chat.unarchiveRoom(room.id);
   * ```
   */
  unarchiveRoom(roomId: string, options: GuardedWriteOptions = {}): Promise<Room> {
    return this.updateRoom(roomId, { archived: false }, options);
  }

  /**
   * One page of a room's top-level messages (`GET /v1/rooms/{id}/messages`): without a cursor the
   * latest; `nextCursor` fetches the page before, `newerCursor` (with `after`) the page after;
   * `around` the page centred on one message. Items are oldest first inside a page.
   * @example
   * ```ts
   * const latest = await client.chat.messages(roomId);
   * const older = latest.nextCursor ? await client.chat.messages(roomId, { cursor: latest.nextCursor }) : null;
   * ```
   */
  async messages(roomId: string, options: MessagesOptions = {}): Promise<MessagePage> {
    const { body } = await this.#http.request<MessagePage>({
      method: 'GET',
      path: chatPaths.messages(roomId),
      searchParams: { limit: options.limit, cursor: options.cursor, after: options.after, around: options.around },
      signal: options.signal,
    });
    return body;
  }

  /**
   * One page of a thread's replies (`GET /v1/messages/{id}/replies`), paged like `messages`.
   * @example
   * ```ts
   * const { items } = await client.chat.replies(message.id);
   * ```
   */
  async replies(messageId: string, options: PageOptions = {}): Promise<MessagePage> {
    const { body } = await this.#http.request<MessagePage>({
      method: 'GET',
      path: chatPaths.replies(messageId),
      searchParams: { limit: options.limit, cursor: options.cursor },
      signal: options.signal,
    });
    return body;
  }

  /**
   * The live timeline of a room's top-level messages (see {@link Timeline}). `close()` it when done.
   * @example
   * ```ts
   * const timeline = client.chat.timeline(roomId);
   * timeline.addEventListener('change', (event) => render(event.messages));
   * ```
   */
  timeline(roomId: string, options: TimelineOpenOptions = {}): Timeline {
    const limit = options.pageSize ?? PAGE_SIZE;
    return this.#timeline(roomId, null, (cursor, signal) => this.messages(roomId, { cursor, limit, signal }), {
      around: options.around,
      loadAround: (around, signal) => this.messages(roomId, { around, limit, signal }),
      loadNewer: (after, signal) => this.messages(roomId, { after, limit, signal }),
    });
  }

  /**
   * The live timeline of one thread: the replies to a top-level message of the room.
   * @example
   * ```ts
   * const thread = client.chat.thread(roomId, message.id);
   * await thread.send('Je m’en occupe.');
   * ```
   */
  thread(roomId: string, messageId: string, options: TimelineOpenOptions = {}): Timeline {
    const limit = options.pageSize ?? PAGE_SIZE;
    return this.#timeline(roomId, messageId, (cursor, signal) => this.replies(messageId, { cursor, limit, signal }));
  }

  /**
   * Sends a message (or, with `threadId`, a reply). It shows at once in the room's timelines as
   * `pending`; offline it waits in the outbox, across reloads. Resolves with the server's message;
   * rejects with the `HttpError` of a permanent refusal (the message then stays, `failed`).
   * @example
   * ```ts
   * const message = await client.chat.send(roomId, 'Le **planning** est en ligne.');
   * await client.chat.send(roomId, 'La note signée', { attachments: [{ fileId: file.id, name: file.name, size: file.size }] });
   * ```
   */
  async send(roomId: string, text: string, options: SendOptions = {}): Promise<Message> {
    const attachments = options.attachments ?? [];
    for (const attachment of attachments) this.#attached.set(attachment.fileId, attachment);
    const body: SendMessage = {
      text,
      ...(options.threadId === undefined ? {} : { threadId: options.threadId }),
      ...(attachments.length === 0 ? {} : { attachments: attachments.map(({ fileId }) => ({ fileId })) }),
    };
    const { body: message } = await this.#outbox.send<Message>(
      { method: 'POST', path: chatPaths.messages(roomId), body, intent: chatIntents.send, target: roomId },
      options,
    );
    return message;
  }

  /**
   * Replies in the thread of a top-level message.
   * @example
   * ```ts
   * await client.chat.reply(roomId, message.id, 'Merci !');
   * ```
   */
  reply(roomId: string, threadId: string, text: string, options: Omit<SendOptions, 'threadId'> = {}): Promise<Message> {
    return this.send(roomId, text, { ...options, threadId });
  }

  /**
   * Changes the text of one of the person's messages (shown at once; marked edited).
   * @example
   * ```ts
   * await client.chat.edit(message.id, 'Réunion à 15 h (et non 14 h).');
   * ```
   */
  async edit(messageId: string, text: string, options: CallOptions = {}): Promise<Message> {
    const { body } = await this.#outbox.send<Message>(
      { method: 'PATCH', path: chatPaths.message(messageId), body: { text }, intent: chatIntents.edit, target: messageId },
      options,
    );
    return body;
  }

  /**
   * Deletes a message (the person's own; space owners any): a tombstone stays in its place.
   * @example
   * ```ts
   * await client.chat.delete(message.id);
   * ```
   */
  async delete(messageId: string, options: CallOptions = {}): Promise<void> {
    await this.#outbox.send<undefined>(
      { method: 'DELETE', path: chatPaths.message(messageId), intent: chatIntents.delete, target: messageId },
      options,
    );
  }

  /**
   * Toggles the person's reaction `emoji` on a message: adds it, or removes it if the message
   * (as given, e.g. from a timeline) already has it from them.
   * @example
   * ```ts
   * await client.chat.react(message, '👍');
   * ```
   */
  async react(message: Message, emoji: string, options: CallOptions = {}): Promise<Message> {
    // Who the person is without asking the server: a reaction may be toggled offline.
    const me = this.#identity.session?.user.id ?? this.#identity.owner;
    const mine = message.reactions.some((reaction) => reaction.emoji === emoji && me !== null && reaction.userIds.includes(me));
    const { body } = await this.#outbox.send<Message>(
      {
        method: mine ? 'DELETE' : 'PUT',
        path: chatPaths.reaction(message.id, emoji),
        intent: chatIntents.react,
        target: message.id,
      },
      options,
    );
    return body;
  }

  /**
   * Sends again a chat write that failed (a message, edit, deletion or reaction), by its
   * `writeId`: the same outbox item goes back in the queue at its place (`outbox.retry`), so the
   * message keeps its `localId`. Resolves with the server's answer, or rejects with the new refusal
   * (the write stays `failed`). A message's `localId` is the same id.
   * @example
   * ```ts
   * if (message.status === 'failed') await client.chat.retry(message.writeId!);
   * ```
   */
  retry(writeId: string, options: CallOptions = {}): Promise<unknown> {
    return this.#outbox.retry(writeId, options);
  }

  /**
   * Gives up a chat write that failed or still waits: an unsent message disappears from its
   * timeline, a change is undone. A message's `localId` is the same id.
   * @example
   * ```ts
   * await client.chat.discard(message.writeId!);
   * ```
   */
  discard(writeId: string): Promise<void> {
    return this.#outbox.discard(writeId);
  }

  /**
   * Moves the person's read marker in a room forward to `messageId` (never backward); the room's
   * unread counts follow, here and in the person's other tabs.
   * @example
   * ```ts
   * const last = timeline.messages.at(-1);
   * if (last?.status === 'sent') await client.chat.markRead(roomId, last.id);
   * ```
   */
  async markRead(roomId: string, messageId: string, options: CallOptions = {}): Promise<ReadUpdated> {
    const { body } = await this.#outbox.send<ReadUpdated>(
      { method: 'PUT', path: chatPaths.read(roomId), body: { messageId }, intent: chatIntents.read, target: roomId },
      options,
    );
    await this.#sync.read(body);
    return body;
  }

  /**
   * Searches a room's messages, accent- and case-insensitively (« conges » finds « congés »),
   * newest first; deleted messages are never found.
   * @example
   * ```ts
   * const { items } = await client.chat.search(roomId, 'congés');
   * ```
   */
  async search(roomId: string, q: string, options: PageOptions = {}): Promise<Page<Message>> {
    const { body } = await this.#http.request<Page<Message>>({
      method: 'GET',
      path: chatPaths.search(roomId),
      searchParams: { q, limit: options.limit, cursor: options.cursor },
      signal: options.signal,
    });
    return body;
  }

  /**
   * Who in a space has the Bureau open now (`GET /v1/spaces/{id}/presence`).
   * @example
   * ```ts
   * const { online } = await client.chat.presence(spaceId);
   * ```
   */
  async presence(spaceId: string, options: CallOptions = {}): Promise<PresenceList> {
    const { body } = await this.#http.request<PresenceList>({
      method: 'GET',
      path: chatPaths.presence(spaceId),
      signal: options.signal,
    });
    return body;
  }

  /**
   * Who in a space is online now, then on every change (`presence` events), until `signal` aborts.
   * Resolves once the server's list has been delivered.
   * @example
   * ```ts
   * await client.chat.watchPresence(spaceId, (online) => renderDots(online), { signal });
   * ```
   */
  watchPresence(spaceId: string, onOnline: (online: ReadonlySet<string>) => void, options: WatchOptions): Promise<void> {
    return followPresence(this.#stream, (signal) => this.presence(spaceId, { signal }), spaceId, onOnline, options);
  }

  #timeline(
    roomId: string,
    threadId: string | null,
    loadPage: (cursor: string | undefined, signal: AbortSignal) => Promise<MessagePage>,
    anchored: Pick<TimelineOptions, 'around' | 'loadAround' | 'loadNewer'> = {},
  ): Timeline {
    return new Timeline({
      ...anchored,
      scope: { roomId, threadId },
      identity: this.#identity,
      cache: this.#cache,
      outbox: this.#outbox,
      stream: this.#stream,
      writer: this,
      attached: this.#attached,
      loadPage,
    });
  }
}

/** The code of `client.chat` (rooms, messages, typing, read markers and drafts), for {@link registerDomains}. */
export const chatDomain: Domain<'chat'> = { name: 'chat', requires: [outboxDomain], create: (context) => new ChatService(withCache(context)) };
