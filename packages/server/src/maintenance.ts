import type { FastifyInstance } from 'fastify';
import { deleteExpiredSessions } from './auth/sessions.js';
import type { Db } from './db/index.js';
import type { EventLog } from './events/log.js';
import { sweepRateWindows } from './http/rate-window.js';

export interface Sweep {
  db: Db;
  events: EventLog;
  eventRetentionMs: number;
  idempotencyTtlMs: number;
}

/** Deletes what has expired: sessions, idempotency keys older than their window, old events, ended rate windows. */
export async function sweep(s: Sweep, now = new Date()): Promise<void> {
  await deleteExpiredSessions(s.db, now);
  await s.db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(now.getTime() - s.idempotencyTtlMs).toISOString()).execute();
  await s.db.deleteFrom('auth_requests').where('created_at', '<', new Date(now.getTime() - 3600_000).toISOString()).execute();
  await s.events.prune(new Date(now.getTime() - s.eventRetentionMs));
  await sweepRateWindows(s.db, now.getTime());
}

/** Runs `sweep` every `everyMs` while the app is open. */
export function scheduleSweep(app: FastifyInstance, s: Sweep, everyMs: number): void {
  const timer = setInterval(() => {
    sweep(s).catch((error: unknown) => app.log.error({ err: error }, 'sweep failed'));
  }, everyMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
