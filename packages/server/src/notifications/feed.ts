import type { Notification, NotificationTarget } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { withNotifications, type NotificationRow } from './schema.js';

/**
 * The notifications `userId` may see: those of spaces they are still a member of. Every read of
 * the feed goes through here, so that nothing from a space they left is shown or counted.
 */
export function visibleNotifications(db: Kysely<Database>, userId: string) {
  return withNotifications(db)
    .selectFrom('notifications')
    .innerJoin('memberships', (join) =>
      join.onRef('memberships.space_id', '=', 'notifications.space_id').on('memberships.user_id', '=', userId),
    )
    .where('notifications.user_id', '=', userId);
}

/** How many of their visible notifications `userId` has not read. */
export async function unreadCountOf(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await visibleNotifications(db, userId)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('notifications.read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The API form of notification rows, in order, with their actors' names (one query). */
export async function presentNotifications(db: Kysely<Database>, rows: readonly NotificationRow[]): Promise<Notification[]> {
  const actorIds = [...new Set(rows.flatMap((row) => (row.actor_id === null ? [] : [row.actor_id])))];
  const actors = actorIds.length === 0 ? [] : await db.selectFrom('users').select(['id', 'name']).where('id', 'in', actorIds).execute();
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    spaceId: row.space_id,
    actor: row.actor_id === null ? null : { id: row.actor_id, name: names.get(row.actor_id) ?? '' },
    place: row.place,
    excerpt: row.excerpt,
    target: JSON.parse(row.target) as NotificationTarget,
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}
