import type { BearerConfig } from './auth/bearer.js';
import type { GroupsConfig } from './auth/groups.js';
import type { OidcConfig } from './auth/oidc.js';
import type { ChatOptions } from './chat/options.js';
import type { FilesOptions } from './files/options.js';
import type { DigestConfig } from './notifications/digest-routes.js';

export type { BearerConfig } from './auth/bearer.js';
export type { OidcConfig } from './auth/oidc.js';
export type { GroupGrant, GroupsConfig } from './auth/groups.js';

/** Everything `buildApp` and `startServer` accept. Only `dataDir` is required. */
export interface ServerOptions {
  /** Folder of the SQLite file (`bureau.sqlite`) and of uploaded blobs. Created if missing. */
  dataDir: string;
  /**
   * PostgreSQL instead of SQLite (`BUREAU_DATABASE_URL`): `url` is a `postgres://` URI; `poolSize`
   * the connections each instance keeps (10 by default), plus one for LISTEN.
   */
  database?: { url: string; poolSize?: number };
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; `127.0.0.1` by default. */
  host?: string;
  /** Demo mode: dev sign-in, seeded people and spaces, the demo intranet at `/`. */
  demo?: boolean;
  /**
   * How people sign in: OIDC, bearer tokens, or both; `groups` maps the groups claim of either to
   * space memberships (`BUREAU_GROUPS_CLAIM`, `BUREAU_GROUPS_MAP`).
   */
  auth?: { oidc?: OidcConfig; bearer?: BearerConfig; groups?: GroupsConfig };
  /** Origins allowed to call the API with credentials (CORS). */
  allowedOrigins?: string[];
  /**
   * The reverse proxies whose `X-Forwarded-For`, `-Proto` and `-Host` are believed (Fastify's
   * `trustProxy`): a comma-separated list of addresses or CIDR ranges, or `loopback`,
   * `linklocal`, `uniquelocal`. Off by default: a server reached directly must not let a client
   * choose its address (per-address rate limits) or the origin of the links it builds.
   */
  trustProxy?: string;
  /** The server's public origin, e.g. `https://bureau.mairie.fr`; used to build OIDC redirect URLs. */
  publicUrl?: string;
  /** `Secure` attribute of the session cookie; true by default. */
  secureCookies?: boolean;
  /** Pino request logs with request ids. */
  logger?: boolean;
  /** Interval of the SSE `: ping` comments; 15 s by default. */
  heartbeatMs?: number;
  /** How long events stay in the log; 7 days by default. */
  eventRetentionMs?: number;
  /** Largest accepted request body, in bytes; 1 MiB by default. */
  bodyLimit?: number;
  /** Mutating requests allowed per user per window; 300 per minute by default. */
  rateLimit?: { max: number; windowMs: number };
  /** Chat limits (messages per person per window). */
  chat?: ChatOptions;
  /** Files limits: upload sizes, space quota, trash retention, tus upload expiry. */
  files?: FilesOptions;
  /** User ids of the instance administrators (`BUREAU_ADMINS`): they erase people and read instance-wide indicators and audit log. */
  admins?: string[];
  /** How long audit log entries are kept; 400 days by default. */
  auditRetentionDays?: number;
  /** The e-mail digest (`BUREAU_SMTP_URL`, `BUREAU_DIGEST_FROM`, `BUREAU_DIGEST_INTERVAL`); none is sent without it. Needs `publicUrl`. */
  digest?: DigestConfig;
}

export const defaults = {
  host: '127.0.0.1',
  heartbeatMs: 15_000,
  eventRetentionMs: 7 * 24 * 3600_000,
  bodyLimit: 1024 * 1024,
  rateLimit: { max: 300, windowMs: 60_000 },
  sessionTtlMs: 12 * 3600_000,
  idempotencyTtlMs: 24 * 3600_000,
  auditRetentionDays: 400,
} as const;
