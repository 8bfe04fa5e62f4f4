import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Tables of the reference server. Timestamps are ISO 8601 UTC strings, booleans are 0/1 integers
 * and JSON columns are text, so that one set of queries serves SQLite and PostgreSQL.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  auth_requests: AuthRequestsTable;
  spaces: SpacesTable;
  memberships: MembershipsTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  server_keys: ServerKeysTable;
  event_head: EventHeadTable;
  rate_windows: RateWindowsTable;
}

export interface UsersTable {
  id: string;
  name: string;
  email: string | null;
  /** OIDC issuer or JWT `iss`; null for seeded demo people. */
  issuer: string | null;
  /** OIDC / JWT `sub`, unique per issuer. */
  subject: string | null;
  created_at: string;
  /** The name folded for search (lower case, no accents): see `foldName`. */
  search_name: string;
  /** When an administrator erased the person (migration 0012): their name is then the pseudonym. */
  erased_at: string | null;
  /** The language of the person's mails when they chose none (migrations 0015, 0019): `fr` or `en`. */
  locale: 'fr' | 'en' | null;
  /** Where `locale` came from: the identity provider's claim outranks the browser's language. */
  locale_source: 'claim' | 'browser' | null;
  /** When the person last used Bureau (migration 0019), to the minute: see `users/seen.ts`. */
  seen_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value, base64url: a leaked database does not leak live sessions. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  /** Kept for RP-initiated logout (`id_token_hint`). */
  id_token: string | null;
  /** How the session was opened. */
  mode: 'oidc' | 'dev';
  created_at: string;
  expires_at: string;
}

/** An OIDC authorization request in flight: state, nonce and PKCE verifier. */
export interface AuthRequestsTable {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: string;
}

export interface SpacesTable {
  id: string;
  name: string;
  description: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** The client id of the write that created it or changed it last (its `Idempotency-Key`), echoed as `clientId`. */
  client_id: string | null;
}

export interface MembershipsTable {
  space_id: string;
  user_id: string;
  role: 'owner' | 'member' | 'guest';
  joined_at: string;
  /** 1 when the owners designated this member a référent (migration 0012). */
  referent: Generated<number>;
  /** 1 when the identity provider's groups claim made the membership (migration 0018). */
  from_groups: Generated<number>;
}

/** The durable, ordered event log. */
export interface EventsTable {
  /** Assigned from `event_head` at commit time, in commit order. */
  position: number;
  /** The space whose members may read the event; null for events addressed to one person only. */
  space_id: string | null;
  /** Also delivered to this person even if not (or no longer) a member, e.g. their own removal. */
  user_id: string | null;
  type: string;
  /** JSON of the event's `data`. */
  payload: string;
  created_at: string;
}

/** One row (id 1): the newest event position, incremented by each transaction that logs events. */
export interface EventHeadTable {
  id: number;
  position: number;
}

/** A rate limit's current fixed window for one key (e.g. `chat-send:<user>`), shared by every instance. */
export interface RateWindowsTable {
  key: string;
  /** Milliseconds since the epoch. */
  window_start: number;
  count: number;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  method: string;
  path: string;
  /** SHA-256 of the request body: the same key with another body is refused. */
  body_hash: string;
  /** Null while the first request is still running. */
  status_code: number | null;
  response_body: string | null;
  /** JSON object of the replayed headers (ETag, Location, Content-Type). */
  response_headers: string | null;
  created_at: string;
}

/** Keys the server makes once per database (`cursor`: signs page cursors), base64url. */
export interface ServerKeysTable {
  name: string;
  value: string;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type SpaceRow = Selectable<SpacesTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
export type SpaceUpdate = Updateable<SpacesTable>;
