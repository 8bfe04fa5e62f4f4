import { createHash, randomBytes } from 'node:crypto';
import { targetUrl, type TargetTemplates } from '@bureau/api/links';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { composeDigest, digestLocaleOf, type DigestMail } from './digest-mail.js';
import { presentNotifications, visibleNotifications } from './feed.js';
import { withNotifications } from './schema.js';

/** What `sendDigests` needs: where to send from, the links, the pace. */
export interface DigestOptions {
  from: string;
  /** `BUREAU_PUBLIC_URL` without its trailing slash: the mails' links. */
  publicBaseUrl: string;
  /** At most one digest per person in each period of this length (`BUREAU_DIGEST_INTERVAL`). */
  intervalMs: number;
  /** Only people not seen for this long get one (`BUREAU_DIGEST_IDLE`). */
  idleMs: number;
  /**
   * Where the host shows each kind of target (`BUREAU_LINK_TEMPLATES`, the templates of
   * `<bureau-inbox>`), relative to `publicBaseUrl` or absolute: each item links there. An item
   * whose kind has no template links to `publicBaseUrl`.
   */
  links: TargetTemplates;
}

/** Sends one mail (nodemailer's transport in production, the same against the test's SMTP server). */
export type SendMail = (mail: DigestMail & { from: string; to: string; unsubscribeUrl: string }) => Promise<void>;

/** The most items one digest lists (the newest); the count in the subject is of those listed. */
const maxItems = 50;

export const hashDigestToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** The period `now` falls in: digests are sent at most once per person and period. */
const periodOf = (now: Date, intervalMs: number): string => new Date(Math.floor(now.getTime() / intervalMs) * intervalMs).toISOString();

/**
 * One digest per person who has the digest on, an e-mail address, has not been seen for
 * `idleMs` (`users.seen_at`, see users/seen.ts; never seen counts as not seen), and has unread
 * notifications not yet mailed in spaces they are still a member of. Written in the language the
 * person chose in their preferences, else `users.locale`, else French. The row of `notification_digests` for the person and
 * period is inserted first: with several instances, only the one whose insert succeeds sends. The
 * notifications mailed are stamped `emailed_at`, so that the next digest only has newer ones. When
 * sending to someone fails, their claim is withdrawn (the next run tries again), the others are
 * still sent, and the failures are thrown together at the end. Returns how many were sent.
 */
export async function sendDigests(db: Db, send: SendMail, options: DigestOptions, now = new Date()): Promise<number> {
  const n = withNotifications(db);
  const candidates = await n
    .selectFrom('notifications')
    .innerJoin('memberships', (join) =>
      join.onRef('memberships.space_id', '=', 'notifications.space_id').onRef('memberships.user_id', '=', 'notifications.user_id'),
    )
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .leftJoin('notification_preferences', 'notification_preferences.user_id', 'notifications.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.locale', sql<string | null>`notification_preferences.language`.as('language')])
    .distinct()
    .where('notifications.read_at', 'is', null)
    .where('notifications.emailed_at', 'is', null)
    .where('users.email', 'is not', null)
    .where('users.erased_at', 'is', null)
    .where((eb) => eb.or([eb('users.seen_at', 'is', null), eb('users.seen_at', '<', new Date(now.getTime() - options.idleMs).toISOString())]))
    .where((eb) => eb.or([eb('notification_preferences.digest', 'is', null), eb('notification_preferences.digest', '=', 1)]))
    .execute();
  const period = periodOf(now, options.intervalMs);
  let sent = 0;
  const failures: unknown[] = [];
  for (const person of candidates) {
    const token = randomBytes(32).toString('base64url');
    const claimed = await n
      .insertInto('notification_digests')
      .values({ user_id: person.id, period, token_hash: hashDigestToken(token), sent_at: null, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'period']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!claimed) continue;
    const rows = await visibleNotifications(db, person.id)
      .selectAll('notifications')
      .where('notifications.read_at', 'is', null)
      .where('notifications.emailed_at', 'is', null)
      .orderBy('notifications.id', 'desc')
      .limit(maxItems)
      .execute();
    const unsubscribeUrl = `${options.publicBaseUrl}/v1/notifications/unsubscribe?token=${token}`;
    const open = `${options.publicBaseUrl}/`;
    const items = (await presentNotifications(db, rows)).map((item) => {
      const link = targetUrl(item, options.links);
      return { ...item, url: link === null ? open : new URL(link, open).href };
    });
    const mail = composeDigest(digestLocaleOf(person.language ?? person.locale), person.name, items, { open, unsubscribe: unsubscribeUrl });
    try {
      await send({ ...mail, from: options.from, to: person.email ?? '', unsubscribeUrl });
    } catch (error) {
      await n.deleteFrom('notification_digests').where('user_id', '=', person.id).where('period', '=', period).execute();
      failures.push(error);
      continue;
    }
    const stamp = now.toISOString();
    await n.updateTable('notifications').set({ emailed_at: stamp }).where('id', 'in', rows.map((row) => row.id)).execute();
    await n.updateTable('notification_digests').set({ sent_at: stamp }).where('user_id', '=', person.id).where('period', '=', period).execute();
    sent += 1;
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} digest(s) not sent (${sent} sent); retried on the next run`);
  return sent;
}
