import type { NotificationKind, NotificationTarget } from '@bureau/api';
import type { Transaction } from 'kysely';
import { newMessageId } from '../chat/ids.js';
import type { Database } from '../db/index.js';
import type { AppendEvent } from '../events/log.js';
import { presentNotifications, unreadCountOf } from './feed.js';
import { preferencesOf } from './preferences.js';
import { withNotifications, type NotificationRow } from './schema.js';

/** Something that concerns some people: one notification each is written, unless they opted out. */
export interface NotificationDraft {
  kind: NotificationKind;
  spaceId: string;
  /** Who caused it (never notified of their own act); null for reminders. */
  actorId: string | null;
  /** The room or board it happened in: muting it silences it. */
  placeId: string;
  place: string;
  excerpt: string;
  target: NotificationTarget;
  targetId: string;
}

/** Excerpts are short: a notification is a pointer to the thing, not a copy of it. */
const excerptOf = (text: string): string => {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
};

/**
 * Writes `draft` for each of `userIds` who is a member of its space, is not its actor, has not
 * muted its room or board and wants its kind; each reader hears of it on their event stream
 * (`notification.created`, addressed to them alone). Runs in the transaction of the change itself.
 * Returns the people notified.
 */
export async function notify(trx: Transaction<Database>, append: AppendEvent, draft: NotificationDraft, userIds: readonly string[]): Promise<string[]> {
  const candidates = [...new Set(userIds)].filter((id) => id !== draft.actorId);
  if (candidates.length === 0) return [];
  const members = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('space_id', '=', draft.spaceId)
    .where('user_id', 'in', candidates)
    .execute();
  const preferences = await preferencesOf(
    trx,
    members.map((m) => m.user_id),
  );
  const recipients = [...preferences]
    .filter(([, p]) => p.kinds.includes(draft.kind) && !p.muted.includes(draft.placeId))
    .map(([id]) => id)
    .sort();
  const now = new Date().toISOString();
  for (const userId of recipients) {
    const row: NotificationRow = {
      id: newMessageId().replace(/^msg_/u, 'ntf_'),
      user_id: userId,
      space_id: draft.spaceId,
      kind: draft.kind,
      actor_id: draft.actorId,
      place: draft.place,
      excerpt: excerptOf(draft.excerpt),
      target: JSON.stringify(draft.target),
      target_id: draft.targetId,
      created_at: now,
      read_at: null,
      emailed_at: null,
    };
    await withNotifications(trx).insertInto('notifications').values(row).execute();
    const [notification] = await presentNotifications(trx, [row]);
    if (notification) {
      await append({ type: 'notification.created', spaceId: null, userId, data: { notification, unreadCount: await unreadCountOf(trx, userId) } });
    }
  }
  return recipients;
}
