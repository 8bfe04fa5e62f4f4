/**
 * The Bureau API v1 contract. The reference server validates with these schemas and generates
 * `docs/api/openapi.json` from them; the SDK imports only their types.
 * @packageDocumentation
 */
export { Id, Timestamp, Problem, problemCodes, PageQuery, Page } from './common.js';
export type { ProblemCode } from './common.js';
export { User, AuthMode, Session, AuthInfo, DevSignIn, UserQuery, LogoutResult } from './users.js';
export {
  Role,
  Space,
  CreateSpace,
  UpdateSpace,
  SpaceParams,
  Member,
  MemberParams,
  PutMember,
} from './spaces.js';
export {
  BureauEvent,
  SpaceSnapshot,
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
  EventsQuery,
} from './events.js';
export {
  maxMessageLength,
  Author,
  Attachment,
  Reaction,
  Message,
  Room,
  RoomSnapshot,
  RoomParams,
  MessageParams,
  ReactionParams,
  CreateRoom,
  UpdateRoom,
  RoomsQuery,
  MessagesQuery,
  SendMessage,
  EditMessage,
  ReadMarker,
  SearchQuery,
  ReadUpdated,
  Typing,
  Presence,
  PresenceList,
} from './chat.js';
export type { BureauEventType, EventOf } from './events.js';
export { Health } from './health.js';

/** Header names of the contract. */
export const headers = {
  idempotencyKey: 'Idempotency-Key',
  csrf: 'X-CSRF-Token',
  requestId: 'X-Request-Id',
  lastEventId: 'Last-Event-ID',
} as const;
