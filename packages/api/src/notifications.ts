import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';
import { Author } from './chat.js';

/**
 * What a notification is about. `mention`: someone wrote `@you`; `reply`: a reply in a thread you
 * wrote in; `assigned`: a card was assigned to you; `due`: a card of yours is due tomorrow; `version`: someone uploaded a new version of a document you
 * follow (you uploaded one of its versions).
 */
export const NotificationKind = Type.Union([
  Type.Literal('mention'),
  Type.Literal('reply'),
  Type.Literal('assigned'),
  Type.Literal('due'),
  Type.Literal('version'),
]);
export type NotificationKind = Static<typeof NotificationKind>;
export const notificationKinds: readonly NotificationKind[] = ['mention', 'reply', 'assigned', 'due', 'version'];

/** Where a notification takes its reader: a message of a room, a card of a board, or a document in its folder. */
export const NotificationTarget = Type.Union([
  Type.Object({ type: Type.Literal('message'), roomId: Id, messageId: Id, threadId: Type.Union([Id, Type.Null()]) }),
  Type.Object({ type: Type.Literal('card'), boardId: Id, cardId: Id }),
  Type.Object({ type: Type.Literal('file'), folderId: Id, fileId: Id }),
]);
export type NotificationTarget = Static<typeof NotificationTarget>;

export const Notification = Type.Object(
  {
    id: Id,
    kind: NotificationKind,
    spaceId: Id,
    /** Who caused it; null for reminders (`due`) and for people since deleted. */
    actor: Type.Union([Author, Type.Null()]),
    /** The room's or the board's name, as it was. */
    place: Type.String(),
    /** An excerpt of the message, or the card's title, as it was (plain text). */
    excerpt: Type.String(),
    target: NotificationTarget,
    createdAt: Timestamp,
    readAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'Notification' },
);
export type Notification = Static<typeof Notification>;

/** `GET /v1/notifications`: newest first; `unreadCount` counts every unread one, not only this page's. */
export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  unreadCount: Type.Integer({ minimum: 0 }),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const NotificationsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
    unread: Type.Optional(Type.Boolean({ description: 'Only the unread ones.' })),
  },
  { additionalProperties: false },
);
export type NotificationsQuery = Static<typeof NotificationsQuery>;

export const NotificationParams = Type.Object({ notificationId: Id });
export type NotificationParams = Static<typeof NotificationParams>;

/** `PUT/DELETE /v1/notifications/muted/{placeId}`: a room or a board (a document's folder) muted or heard again. */
export const MutedParams = Type.Object({ placeId: Id });
export type MutedParams = Static<typeof MutedParams>;

/** Answer of marking read: how many are still unread. */
export const UnreadCount = Type.Object({ unreadCount: Type.Integer({ minimum: 0 }) });
export type UnreadCount = Static<typeof UnreadCount>;

/**
 * `GET/PUT /v1/notifications/preferences`: the kinds that notify, and the rooms and boards muted
 * (nothing from a muted room or board notifies, not even a mention). E-mail digest opt-out too.
 */
export const NotificationPreferences = Type.Object(
  {
    kinds: Type.Array(NotificationKind, { uniqueItems: true, maxItems: 5 }),
    muted: Type.Array(Id, { uniqueItems: true, maxItems: 500 }),
    digest: Type.Boolean(),
    language: Type.Optional(
      Type.Union([Type.Literal('fr'), Type.Literal('en'), Type.Null()], {
        description:
          'The language of your e-mails, chosen: `fr` or `en`; null follows your identity provider’s `locale`, else your browser’s language. Absent in a PUT: unchanged.',
      }),
    ),
  },
  { $id: 'NotificationPreferences', additionalProperties: false },
);
export type NotificationPreferences = Static<typeof NotificationPreferences>;

/** Data of the `notification.created` event, sent to its reader only (`spaceId` null). */
export const NotificationCreated = Type.Object({ notification: Notification, unreadCount: Type.Integer({ minimum: 0 }) });
export type NotificationCreated = Static<typeof NotificationCreated>;
/** Data of the `notification.read` event (the reader's other tabs): ids marked read, or all. */
export const NotificationRead = Type.Object({ ids: Type.Union([Type.Array(Id), Type.Literal('all')]), unreadCount: Type.Integer({ minimum: 0 }) });
export type NotificationRead = Static<typeof NotificationRead>;
