import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { remindDueCards } from './due.js';
import { registerDigest, type DigestConfig } from './digest-routes.js';
import { registerNotificationRoutes } from './routes.js';

/** How often cards due tomorrow are looked for (each reminder is written once whatever the pace). */
const remindEveryMs = 15 * 60_000;

/** The notification routes, the e-mail digest (when configured), and the reminders of cards due tomorrow (at start, then every 15 minutes). */
export function registerNotifications(app: FastifyInstance, services: Services, digest?: DigestConfig): void {
  registerNotificationRoutes(app, services);
  registerDigest(app, services, digest);
  const remind = (): void => {
    remindDueCards(services.db, services.events).catch((error: unknown) => app.log.error({ err: error }, 'due-card reminders failed'));
  };
  const timer = setInterval(remind, remindEveryMs);
  timer.unref();
  app.addHook('onReady', async () => remind());
  app.addHook('onClose', async () => clearInterval(timer));
}
