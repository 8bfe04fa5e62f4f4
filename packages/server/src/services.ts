import type { Db } from './db/index.js';
import type { EventLog } from './events/log.js';

/** What every route module is given: no globals. */
export interface Services {
  db: Db;
  events: EventLog;
  demo: boolean;
  secureCookies: boolean;
  sessionTtlMs: number;
  /** The URL people reach the server at (`BUREAU_PUBLIC_URL`, perhaps with a path prefix), for the links it hands out; null: the request's origin. */
  publicBaseUrl: string | null;
  /** Instance administrators' user ids (`BUREAU_ADMINS`): erasure, instance-wide indicators and audit log. */
  admins: ReadonlySet<string>;
}
