import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';
import { Member, Space } from './spaces.js';
import { Message, Presence, ReadUpdated, RoomSnapshot, Typing } from './chat.js';
import {
  BoardCreatedEvent,
  BoardUpdatedEvent,
  ColumnCreatedEvent,
  ColumnUpdatedEvent,
  ColumnDeletedEvent,
  CardCreatedEvent,
  CardUpdatedEvent,
  CardMovedEvent,
  CardDeletedEvent,
  CardArchivedEvent,
  CardRestoredEvent,
  CommentCreatedEvent,
} from './boards.js';
import { NotificationCreated, NotificationPreferences, NotificationRead } from './notifications.js';
import { FileCreatedEvent, FileDeletedEvent, FileUpdatedEvent, FolderCreatedEvent, FolderDeletedEvent, FolderUpdatedEvent } from './files.js';

/**
 * Every event of `GET /v1/events` is an SSE message whose `id` is the event's position in the
 * durable log, whose `event` is its `type`, and whose `data` is this envelope as JSON.
 */
const envelope = <K extends string, D extends TSchema>(type: K, data: D) =>
  Type.Object({
    position: Type.String({ description: 'Decimal position in the log; also the SSE `id`.' }),
    type: Type.Literal(type),
    spaceId: Type.Union([Id, Type.Null()]),
    at: Timestamp,
    data,
  });

/** A space as every member sees it: without the reader's own role. */
export const SpaceSnapshot = Type.Omit(Space, ['role']);
export const SpaceCreatedEvent = envelope('space.created', SpaceSnapshot);
export const SpaceUpdatedEvent = envelope('space.updated', SpaceSnapshot);
export const MemberAddedEvent = envelope('member.added', Member);
export const MemberUpdatedEvent = envelope('member.updated', Member);
export const MemberRemovedEvent = envelope('member.removed', Type.Object({ userId: Id }));
/**
 * Sent instead of the missed events when `Last-Event-ID` is older than the retention window or
 * unknown: the client must refetch what it shows. Its position is the current head of the log.
 */
export const ResetEvent = envelope('reset', Type.Object({ reason: Type.Union([Type.Literal('retention'), Type.Literal('unknown-position')]) }));

export const RoomCreatedEvent = envelope('room.created', RoomSnapshot);
export const RoomUpdatedEvent = envelope('room.updated', RoomSnapshot);
export const MessageCreatedEvent = envelope('message.created', Message);
/** An edit, a deletion (tombstone), a reaction, or a new reply counted on a thread's root. */
export const MessageUpdatedEvent = envelope('message.updated', Message);
/** Addressed to the reader only (`spaceId` null): keeps their other tabs' unread counts right. */
export const ReadUpdatedEvent = envelope('read.updated', ReadUpdated);

/** Addressed to its reader only (`spaceId` null): a new item in their notifications. */
export const NotificationCreatedEvent = envelope('notification.created', NotificationCreated);
/** Addressed to the reader only: notifications marked read (their other tabs). */
export const NotificationReadEvent = envelope('notification.read', NotificationRead);
/** Addressed to the reader only: their preferences changed (a room muted in another tab, the kinds chosen in the inbox). */
export const NotificationPreferencesEvent = envelope('notification.preferences', NotificationPreferences);

/**
 * Ephemeral events are not in the log: no SSE `id`, `position` null, never replayed on resume.
 */
const ephemeral = <K extends string, D extends TSchema>(type: K, data: D) =>
  Type.Object({
    position: Type.Null(),
    type: Type.Literal(type),
    spaceId: Type.Union([Id, Type.Null()]),
    at: Timestamp,
    data,
  });
export const TypingEvent = ephemeral('typing', Typing);
export const PresenceEvent = ephemeral('presence', Presence);

export const BureauEvent = Type.Union(
  [
    SpaceCreatedEvent,
    SpaceUpdatedEvent,
    MemberAddedEvent,
    MemberUpdatedEvent,
    MemberRemovedEvent,
    ResetEvent,
    RoomCreatedEvent,
    RoomUpdatedEvent,
    MessageCreatedEvent,
    MessageUpdatedEvent,
    ReadUpdatedEvent,
    TypingEvent,
    PresenceEvent,
    FileCreatedEvent,
    FileUpdatedEvent,
    FileDeletedEvent,
    FolderCreatedEvent,
    FolderUpdatedEvent,
    FolderDeletedEvent,
    BoardCreatedEvent,
    BoardUpdatedEvent,
    ColumnCreatedEvent,
    ColumnUpdatedEvent,
    ColumnDeletedEvent,
    CardCreatedEvent,
    CardUpdatedEvent,
    CardMovedEvent,
    CardDeletedEvent,
    CardArchivedEvent,
    CardRestoredEvent,
    CommentCreatedEvent,
    NotificationCreatedEvent,
    NotificationReadEvent,
    NotificationPreferencesEvent,
  ],
  { $id: 'BureauEvent' },
);
export type BureauEvent = Static<typeof BureauEvent>;
export type BureauEventType = BureauEvent['type'];
/** The event of one type, e.g. `EventOf<'member.added'>`. */
export type EventOf<K extends BureauEventType> = Extract<BureauEvent, { type: K }>;

export const EventsQuery = Type.Object(
  { after: Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'Same as `Last-Event-ID`, for clients that cannot set headers.' })) },
  { additionalProperties: false },
);
export type EventsQuery = Static<typeof EventsQuery>;
