/**
 * The Bureau SDK: a typed client of the Bureau API with an offline cache, a persistent outbox
 * and one realtime event stream per client.
 *
 * @example
 * ```ts
 * import { createClient } from '@bureau/sdk';
 * const client = createClient({ baseUrl: 'https://bureau.mairie.example' });
 * ```
 * @packageDocumentation
 */

// Client
export { createClient } from './client.js';
export type { BureauClient, ClientOptions } from './client.js';
export { createCoreClient } from './core-client.js';
export { registerDomains } from './domains.js';
export type { Domain, DomainName } from './domains.js';
export type { CallOptions, PageOptions } from './types/call-options.js';
export type { StorageKind } from './storage/kv-store.js';
export type { AccessTokenResult, GetToken } from './auth/token-source.js';

// Domains
export { AuthService } from './auth/auth-service.js';
export { SpacesService, spacesDomain } from './spaces/spaces-service.js';
export type { GuardedWriteOptions } from './spaces/spaces-service.js';
export { ChatService, chatDomain } from './chat/chat-service.js';
export type { RoomsOptions, SendOptions, TimelineOpenOptions } from './chat/chat-service.js';
export { Timeline } from './chat/timeline.js';
export type { TimelineSource } from './chat/timeline.js';
export type { ChatMessage, MessageStatus } from './chat/chat-message.js';
export { Typing, TYPING_EXPIRES_MS, TYPING_THROTTLE_MS } from './chat/typing.js';
export { Drafts } from './chat/drafts.js';
export { TimelineChangeEvent, TimelineErrorEvent, TypingChangeEvent } from './chat/chat-events.js';
export type { TimelineEventMap, TypingEventMap } from './chat/chat-events.js';

export { BoardsService, boardsDomain } from './boards/boards-service.js';
export type { BoardsListOptions } from './boards/boards-service.js';
export { LiveBoard } from './boards/live-board.js';
export type { EditOptions, PendingCard } from './boards/live-board.js';
export type { Placement } from './boards/ordering.js';
export { CardConflictError } from './boards/card-conflict.js';
export { BoardChangeEvent, BoardErrorEvent } from './boards/board-events.js';
export type { LiveBoardEventMap } from './boards/board-events.js';
export { FilesService, filesDomain } from './files/files-service.js';
export { fileContentUrl } from './files/content-url.js';
export { GovernanceService } from './governance/governance-service.js';
export type { Period } from './governance/governance-service.js';
export type { ContentUrlOptions, ShareLinksOptions } from './files/files-service.js';
export { UploadManager } from './files/upload-manager.js';
export type { UploadManagerOptions, UploadTarget } from './files/upload-manager.js';
export { Upload } from './files/upload.js';
export type { UploadState } from './files/upload.js';
export { UploadCompleteEvent, UploadProgressEvent, UploadsChangeEvent, UploadStateEvent } from './files/upload-events.js';
export type { UploadEventMap, UploadManagerEventMap } from './files/upload-events.js';

export { SearchService, searchDomain } from './search/search-service.js';
export type { AroundOptions, MessageSearchOptions } from './search/search-service.js';
export { NotificationsService, notificationsDomain } from './notifications/notifications-service.js';
export type { NotificationFeed, NotificationListOptions } from './notifications/notifications-service.js';

// Cache (stale-while-revalidate reads)
export type { Snapshot, SnapshotSource, Watcher, WatchOptions } from './cache/snapshot.js';

// Stream
export { EventStream } from './stream/stream.js';
export type { EventHandler } from './stream/stream.js';
export { StreamStatusEvent, StreamErrorEvent } from './stream/stream-events.js';
export type { StreamStatus, EventStreamEventMap } from './stream/stream-events.js';

// Outbox
export { Outbox, outboxDomain } from './outbox/outbox.js';
export type { OutboxItem, OutboxItemState, OutboxItemError, WriteMethod } from './outbox/item.js';
export { OutboxChangeEvent, OutboxFailedEvent, OutboxSentEvent } from './outbox/outbox-events.js';
export type { OutboxEventMap } from './outbox/outbox-events.js';

// Errors
export { BureauError } from './errors/BureauError.js';
export { HttpError } from './errors/HttpError.js';
export { ConflictError } from './errors/ConflictError.js';
export { NetworkError } from './errors/NetworkError.js';
export { OfflineError } from './errors/OfflineError.js';
export { TimeoutError } from './errors/TimeoutError.js';
export {
  isBureauError,
  isHttpError,
  isConflictError,
  isNetworkError,
  isOfflineError,
  isTimeoutError,
} from './errors/guards.js';

// Contract types, re-exported for convenience
export type {
  AuthInfo,
  BureauEvent,
  BureauEventType,
  EventOf,
  LogoutResult,
  Member,
  Page,
  Problem,
  Role,
  Session,
  Space,
  User,
  Room,
  Message,
  Reaction,
  Attachment,
  Author,
  CreateRoom,
  UpdateRoom,
  ReadUpdated,
  PresenceList,
  Board,
  BoardDetail,
  Column,
  Card,
  ChecklistItem,
  Comment,
  Label,
  Activity,
  CreateBoard,
  UpdateBoard,
  CreateColumn,
  UpdateColumn,
  CreateCard,
  UpdateCard,
  MoveCard,
  Folder,
  FileItem,
  FileVersion,
  FolderContents,
  FolderTree,
  ShareLink,
  ShareTarget,
  CreateShareLink,
  TrashEntry,
  SpaceUsage,
  RecentFiles,
  UpdateFile,
  UpdateFolder,
} from '@bureau/api';
