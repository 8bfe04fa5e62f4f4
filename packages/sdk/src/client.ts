import type { AuthService } from './auth/auth-service.js';
import { boardsDomain, type BoardsService } from './boards/boards-service.js';
import type { GetToken } from './auth/token-source.js';
import { chatDomain, type ChatService } from './chat/chat-service.js';
import { createCoreClient } from './core-client.js';
import { registerDomains } from './domains.js';
import { filesDomain, type FilesService } from './files/files-service.js';
import type { GovernanceService } from './governance/governance-service.js';
import type { UploadManagerOptions } from './files/upload-manager.js';
import { outboxDomain, type Outbox } from './outbox/outbox.js';
import { notificationsDomain, type NotificationsService } from './notifications/notifications-service.js';
import { searchDomain, type SearchService } from './search/search-service.js';
import { spacesDomain, type SpacesService } from './spaces/spaces-service.js';
import type { StorageKind } from './storage/kv-store.js';
import type { EventStream } from './stream/stream.js';
import type { CallOptions } from './types/call-options.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The Bureau API's base URL, e.g. `https://bureau.mairie.example` (no `/v1`). */
  baseUrl: string;
  /**
   * For hosts that hold an access token (bearer mode, e.g. a page on another site signed in with
   * ProConnect or Keycloak): returns the token, or `{ accessToken, expiresAt }`. It is called when
   * the client has no token or the one it holds expires within a minute (read from `expiresAt`, else
   * from the JWT's `exp`), and once more with `{ forceRefresh: true }` when the server refuses it; the
   * token goes as `Authorization: Bearer …` on every request, the event stream and uploads included.
   * Without it the client uses the server's session cookie.
   */
  getToken?: GetToken | undefined;
  /** A `fetch` to use instead of the global one (tests, instrumentation). */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Where the cache and outbox live: `indexeddb` (default where available) survives reloads;
   * `memory` lasts as long as the page.
   */
  storage?: StorageKind | undefined;
  /** Request timeout in milliseconds. Default 15 000. */
  timeoutMs?: number | undefined;
  /** Tuning of the upload queue (`client.files.uploads`): parallel uploads, chunk size, bytes kept for a reload. */
  uploads?: UploadManagerOptions | undefined;
}

/** A client of the Bureau API, made by {@link createClient}. */
export interface BureauClient {
  /** The API's base URL, as given without its trailing slash. */
  readonly baseUrl: string;
  /** Who is signed in; sign-in helpers. */
  readonly auth: AuthService;
  /** Spaces and their members. */
  readonly spaces: SpacesService;
  /** Chat rooms, messages, typing, read markers and drafts. */
  readonly chat: ChatService;
  /** Project boards: columns, cards, moves, comments. */
  readonly boards: BoardsService;
  /** Folders, files, versions, trash, share links, and the upload queue (`files.uploads`). */
  readonly files: FilesService;
  /**
   * Rules of use, référents, usage indicators, audit log, retention, data export and erasure. Loaded
   * on first use (few people need it): `const governance = await client.governance();`.
   */
  governance(): Promise<GovernanceService>;
  /** Search across a space's messages, and the page of a room around one message. */
  readonly search: SearchService;
  /** The signed-in person's notifications, live, and their preferences. */
  readonly notifications: NotificationsService;
  /** The one realtime connection of this client. */
  readonly stream: EventStream;
  /** Writes on their way to the server; failed ones to retry or discard. */
  readonly outbox: Outbox;
  /**
   * Signs out (`POST /v1/auth/logout`), wipes the person's local data (cache, outbox, and the
   * record of who last signed in) and closes the stream. Resolves with the identity provider's
   * logout URL (the `endSessionUrl`, OIDC) to navigate to next, or `null`. Local data is wiped even if
   * the server could not be reached; that failure is then thrown. The client stays usable: the
   * stream reconnects when someone signs in again. With `returnTo` (a page of the intranet), the
   * provider's logout brings the person back there.
   */
  signOut(options?: CallOptions & { returnTo?: string }): Promise<string | null>;
  /** Stops the stream and the outbox for good; the client must not be used afterwards. */
  close(): void;
}

/**
 * Creates a client of the Bureau API. Each client has its own event stream, cache and outbox
 * (in a store of the signed-in person); create one per page and `close()` it when done. It has every
 * domain service; {@link createCoreClient} makes one whose services are loaded by what uses them.
 *
 * @example
 * ```ts
 * import { createClient, isHttpError } from '@bureau/sdk';
 *
 * const client = createClient({ baseUrl: 'https://bureau.mairie.example' });
 * const session = await client.auth.session();
 * if (!session) location.assign(client.auth.loginUrl(location.href));
 * const controller = new AbortController();
 * await client.spaces.watchList(({ value }) => render(value), { signal: controller.signal });
 * ```
 */
export function createClient(options: ClientOptions): BureauClient {
  registerDomains(outboxDomain, spacesDomain, chatDomain, boardsDomain, filesDomain, searchDomain, notificationsDomain);
  const client = createCoreClient(options);
  // Every service made now, as they always were: the outbox sends what was queued, the upload queue
  // resumes, the drafts load.
  for (const name of ['outbox', 'spaces', 'chat', 'boards', 'files', 'search', 'notifications'] as const) void client[name];
  return client;
}
