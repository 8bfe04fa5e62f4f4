import type { Db } from './db/index.js';
import type { EventLog } from './events/log.js';

/** What every route module is given: no globals. */
export interface Services {
  db: Db;
  events: EventLog;
  demo: boolean;
  secureCookies: boolean;
  sessionTtlMs: number;
}
