import { MutedParams, NotificationPage, NotificationParams, NotificationPreferences, NotificationsQuery, UnreadCount } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { decodeCursor, toPage } from '../http/cursor.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { presentNotifications, unreadCountOf, visibleNotifications } from './feed.js';
import { preferencesOf, savePreferences } from './preferences.js';
import { withNotifications } from './schema.js';

/**
 * `GET /v1/notifications` (newest first, by cursor), `POST /v1/notifications/{id}/read`,
 * `POST /v1/notifications/read` (all), `GET/PUT /v1/notifications/preferences`. A person only ever
 * sees their own notifications, and none of a space they are no longer a member of.
 */
export function registerNotificationRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first, with the count of unread ones',
        querystring: NotificationsQuery,
        response: { 200: NotificationPage, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const limit = request.query.limit ?? 20;
      let query = visibleNotifications(db, user.id).selectAll('notifications');
      if (request.query.unread === true) query = query.where('notifications.read_at', 'is', null);
      if (request.query.cursor !== undefined) query = query.where('notifications.id', '<', decodeCursor(db, `notifications:${user.id}`, request.query.cursor, 1)[0] ?? '');
      const rows = await query.orderBy('notifications.id', 'desc').limit(limit + 1).execute();
      const page = toPage(db, `notifications:${user.id}`, rows, limit, (row) => row, (row) => [row.id]);
      reply.header('Cache-Control', 'private, no-store');
      return { items: await presentNotifications(db, page.items), nextCursor: page.nextCursor, unreadCount: await unreadCountOf(db, user.id) };
    },
  );

  app.post(
    '/v1/notifications/:notificationId/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read (again: nothing changes)',
        params: NotificationParams,
        response: { 200: UnreadCount, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return events.transaction(async (trx, append) => {
        const row = await visibleNotifications(trx, user.id)
          .select(['notifications.id', 'notifications.read_at'])
          .where('notifications.id', '=', request.params.notificationId)
          .executeTakeFirst();
        if (!row) throw new ProblemError('not-found', 'No such notification.');
        if (row.read_at !== null) return { unreadCount: await unreadCountOf(trx, user.id) };
        await withNotifications(trx).updateTable('notifications').set({ read_at: new Date().toISOString() }).where('id', '=', row.id).execute();
        const unreadCount = await unreadCountOf(trx, user.id);
        await append({ type: 'notification.read', spaceId: null, userId: user.id, data: { ids: [row.id], unreadCount } });
        return { unreadCount };
      });
    },
  );

  app.post(
    '/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        response: { 200: UnreadCount, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return events.transaction(async (trx, append) => {
        const changed = await withNotifications(trx)
          .updateTable('notifications')
          .set({ read_at: new Date().toISOString() })
          .where('user_id', '=', user.id)
          .where('read_at', 'is', null)
          .executeTakeFirst();
        const unreadCount = await unreadCountOf(trx, user.id);
        if (Number(changed.numUpdatedRows) > 0) await append({ type: 'notification.read', spaceId: null, userId: user.id, data: { ids: 'all', unreadCount } });
        return { unreadCount };
      });
    },
  );

  app.get(
    '/v1/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Which kinds notify you, which rooms and boards you muted, whether you get the e-mail digest',
        response: { 200: NotificationPreferences, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const found = await preferencesOf(db, [user.id]);
      return found.get(user.id);
    },
  );

  app.put(
    '/v1/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Replace your notification preferences',
        body: NotificationPreferences,
        response: { 200: NotificationPreferences, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return savePreferencesAndTell(user.id, () => request.body);
    },
  );

  /**
   * Saves the person's preferences as `change` makes them from the saved ones, in one transaction,
   * and tells their other tabs and elements (`notification.preferences`, addressed to them alone).
   */
  const savePreferencesAndTell = (userId: string, change: (saved: NotificationPreferences) => NotificationPreferences) =>
    events.transaction(async (trx, append) => {
      const saved = (await preferencesOf(trx, [userId])).get(userId)!;
      await savePreferences(trx, userId, change(saved));
      const now = (await preferencesOf(trx, [userId])).get(userId)!;
      await append({ type: 'notification.preferences', spaceId: null, userId, data: now });
      return now;
    });

  // One place muted or heard again, without a read-modify-write from the browser that would lose
  // what another tab changed in between. Any id is taken (as in the preferences): it only silences.
  app.put(
    '/v1/notifications/muted/:placeId',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mute a room or a board (a document’s folder): nothing from it notifies you any more',
        params: MutedParams,
        response: { 200: NotificationPreferences, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { placeId } = request.params;
      return savePreferencesAndTell(user.id, (saved) => {
        if (saved.muted.includes(placeId)) return saved;
        if (saved.muted.length >= 500) throw new ProblemError('conflict', 'At most 500 rooms and boards may be muted.');
        return { ...saved, muted: [...saved.muted, placeId] };
      });
    },
  );

  app.delete(
    '/v1/notifications/muted/:placeId',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Hear of a muted room or board again',
        params: MutedParams,
        response: { 200: NotificationPreferences, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { placeId } = request.params;
      return savePreferencesAndTell(user.id, (saved) => ({ ...saved, muted: saved.muted.filter((id) => id !== placeId) }));
    },
  );
}
