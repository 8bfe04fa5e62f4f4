import { Type, type Static } from '@sinclair/typebox';
import { ClientId, cleanTextPattern, Id, Timestamp, VisibleName } from './common.js';

import { maxMessageLength } from './constants.js';

export { maxMessageLength };

const RoomName = VisibleName(80);
const RoomTopic = Type.String({ maxLength: 500 });

/** A person as shown next to their messages. */
export const Author = Type.Object({ id: Id, name: Type.String() }, { $id: 'Author' });
export type Author = Static<typeof Author>;

/**
 * A file of the space attached to a message. Only `fileId` is sent; the server fills in `name`,
 * `size` and `type` from the file as it is NOW each time it presents the message. A file moved to
 * the trash or purged since is presented as `{ fileId }` alone: clients say it is no longer available.
 */
export const Attachment = Type.Object(
  {
    fileId: Id,
    name: Type.Optional(Type.String()),
    size: Type.Optional(Type.Integer({ minimum: 0 })),
    type: Type.Optional(Type.String()),
  },
  { $id: 'Attachment' },
);
export type Attachment = Static<typeof Attachment>;

/** One emoji on a message: who reacted with it, in order. */
export const Reaction = Type.Object(
  { emoji: Type.String({ minLength: 1, maxLength: 32 }), count: Type.Integer({ minimum: 1 }), userIds: Type.Array(Id) },
  { $id: 'Reaction' },
);
export type Reaction = Static<typeof Reaction>;

/**
 * A chat message. Text is plain text with a small Markdown subset (bold, italic, code, links) that
 * clients render without ever injecting HTML. `@userId` tokens of space members are mentions.
 * A deleted message stays as a tombstone: `deletedAt` set, `text` empty, no reactions.
 */
export const Message = Type.Object(
  {
    id: Id,
    roomId: Id,
    spaceId: Id,
    author: Author,
    text: Type.String({ maxLength: maxMessageLength }),
    /** The thread's root message when this is a reply; replies never nest deeper. */
    threadId: Type.Union([Id, Type.Null()]),
    replyCount: Type.Integer({ minimum: 0 }),
    lastReplyAt: Type.Union([Timestamp, Type.Null()]),
    reactions: Type.Array(Reaction),
    mentions: Type.Array(Id),
    attachments: Type.Array(Attachment),
    createdAt: Timestamp,
    editedAt: Type.Union([Timestamp, Type.Null()]),
    deletedAt: Type.Union([Timestamp, Type.Null()]),
    version: Type.Integer({ minimum: 1 }),
    clientId: ClientId,
  },
  { $id: 'Message' },
);
export type Message = Static<typeof Message>;

/** A room of a space, with the reader's unread counts. */
export const Room = Type.Object(
  {
    id: Id,
    spaceId: Id,
    name: RoomName,
    topic: RoomTopic,
    archived: Type.Boolean(),
    /** Who created the room (null for rooms made by an import or the seed): with space owners, may change it. */
    createdBy: Type.Union([Id, Type.Null()]),
    lastMessage: Type.Union([Message, Type.Null()]),
    /** Top-level messages of others after the reader's read marker. */
    unreadCount: Type.Integer({ minimum: 0 }),
    /** Of those, the ones that mention the reader. */
    unreadMentions: Type.Integer({ minimum: 0 }),
    /** The reader's read marker: the last message they have read, or null. */
    lastReadMessageId: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer({ minimum: 1 }),
    clientId: ClientId,
  },
  { $id: 'Room' },
);
export type Room = Static<typeof Room>;

export const RoomParams = Type.Object({ roomId: Id });
export type RoomParams = Static<typeof RoomParams>;
export const MessageParams = Type.Object({ messageId: Id });
export type MessageParams = Static<typeof MessageParams>;
export const ReactionParams = Type.Object({ messageId: Id, emoji: Type.String({ minLength: 1, maxLength: 32 }) });
export type ReactionParams = Static<typeof ReactionParams>;

/** `POST /v1/spaces/{spaceId}/rooms` — members and owners; guests get 403. */
export const CreateRoom = Type.Object({ name: RoomName, topic: Type.Optional(RoomTopic) }, { additionalProperties: false });
export type CreateRoom = Static<typeof CreateRoom>;

/** `PATCH /v1/rooms/{roomId}` — rename, change topic, archive/unarchive; space owners and the room's creator. */
export const UpdateRoom = Type.Object(
  { name: Type.Optional(RoomName), topic: Type.Optional(RoomTopic), archived: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateRoom = Static<typeof UpdateRoom>;

/** `GET /v1/spaces/{spaceId}/rooms` query. */
export const RoomsQuery = Type.Object(
  {
    archived: Type.Optional(Type.Boolean({ default: false })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type RoomsQuery = Static<typeof RoomsQuery>;

/**
 * `GET /v1/rooms/{roomId}/messages` — top-level messages, newest page first; `items` are in
 * chronological order inside a page and `nextCursor` fetches the older page.
 * `GET /v1/messages/{messageId}/replies` takes the same query for a thread.
 */
export const MessagesQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    /** `nextCursor` of a page: the page of older messages. */
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
    /** `newerCursor` of a page: the page of newer messages. */
    after: Type.Optional(Type.String({ maxLength: 512 })),
    /** A message of the list: the page centred on it (half older, half newer), to jump to it. */
    around: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type MessagesQuery = Static<typeof MessagesQuery>;

/**
 * A page of messages, chronological. `nextCursor` pages to older messages (null: the oldest is
 * here); `newerCursor` to newer ones (null or absent: the newest is here). `position` is the
 * event-log position the page was read at: every change up to it is in the page, every later one
 * comes as an event after it, so that a client may fetch the page and open the event stream at the
 * same time (see `Bureau-Position` on `GET /v1/events`) and fetch again only if the stream started
 * after it. A server that leaves it out makes clients open the stream first.
 */
export const MessagePage = Type.Object({
  items: Type.Array(Message),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  newerCursor: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  position: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,15}$',
      description: 'The event-log position the page was read at (the `id` of the last event it reflects).',
    }),
  ),
});
export type MessagePage = Static<typeof MessagePage>;

/**
 * `POST /v1/rooms/{roomId}/messages`. Each attachment must be a file of the room's space that is not
 * in the trash, named once: 422 with the pointer `/attachments/<i>/fileId` otherwise.
 */
export const SendMessage = Type.Object(
  {
    text: Type.String({ maxLength: maxMessageLength, pattern: cleanTextPattern }),
    threadId: Type.Optional(Id),
    attachments: Type.Optional(Type.Array(Type.Object({ fileId: Id }, { additionalProperties: false }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export type SendMessage = Static<typeof SendMessage>;

/** `PATCH /v1/messages/{messageId}` — own messages only. */
export const EditMessage = Type.Object({ text: Type.String({ maxLength: maxMessageLength, pattern: cleanTextPattern }) }, { additionalProperties: false });
export type EditMessage = Static<typeof EditMessage>;

/** `PUT /v1/rooms/{roomId}/read` — moves the reader's marker forward (never backward). */
export const ReadMarker = Type.Object({ messageId: Id }, { additionalProperties: false });
export type ReadMarker = Static<typeof ReadMarker>;

/** `GET /v1/rooms/{roomId}/search?q=` — accent- and case-insensitive full text. */
export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

/** Data of the `read.updated` event, sent to the reader only (their other tabs and devices). */
export const ReadUpdated = Type.Object({
  roomId: Id,
  messageId: Id,
  unreadCount: Type.Integer({ minimum: 0 }),
  unreadMentions: Type.Integer({ minimum: 0 }),
});
export type ReadUpdated = Static<typeof ReadUpdated>;

/** Data of the ephemeral `typing` event (not in the log, no SSE id). `POST /v1/rooms/{roomId}/typing`. */
export const Typing = Type.Object({ roomId: Id, user: Author });
export type Typing = Static<typeof Typing>;

/** Data of the ephemeral `presence` event: a person has at least one open stream, or none any more. */
export const Presence = Type.Object({
  userId: Id,
  status: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
});
export type Presence = Static<typeof Presence>;

/** `GET /v1/spaces/{spaceId}/presence` — who in the space has an open stream now. */
export const PresenceList = Type.Object({ online: Type.Array(Id) }, { $id: 'PresenceList' });
export type PresenceList = Static<typeof PresenceList>;

/** A room as every member sees it: without the reader's own counts and marker. */
export const RoomSnapshot = Type.Omit(Room, ['unreadCount', 'unreadMentions', 'lastReadMessageId']);
export type RoomSnapshot = Static<typeof RoomSnapshot>;
