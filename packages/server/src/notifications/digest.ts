import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { composeDigest, digestLocaleOf, type DigestMail } from './digest-mail.js';
import { presentNotifications, visibleNotifications } from './feed.js';
import { withNotifications } from './schema.js';

/** What `sendDigests` needs: where to send from, the links' base, the pace. */
export interface DigestOptions {
  from: string;
  /** `BUREAU_PUBLIC_URL` without its trailing slash: the mails' links. */
  publicBaseUrl: string;
  intervalMs: number;
}

/** Sends one mail (nodemailer's transport in production, the same against the test's SMTP server). */
export type SendMail = (mail: DigestMail & { from: string; to: string; unsubscribeUrl: string }) => Promise<void>;

/** The most items one digest lists (the newest); the count in the subject is of those listed. */
const maxItems = 50;

export const hashDigestToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** The period `now` falls in: digests are sent at most once per person and period. */
const periodOf = (now: Date, intervalMs: number): string => new Date(Math.floor(now.getTime() / intervalMs) * intervalMs).toISOString();

/**
 * One digest per person who has the digest on, an e-mail address, and unread notifications not yet
 * mailed in spaces they are still a member of. The row of `notification_digests` for the person and
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
    .select(['users.id', 'users.name', 'users.email', sql<string | null>`users.locale`.as('locale')]) // users.locale: migration 0015
    .distinct()
    .where('notifications.read_at', 'is', null)
    .where('notifications.emailed_at', 'is', null)
    .where('users.email', 'is not', null)
    .where('users.erased_at', 'is', null)
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
    const mail = composeDigest(digestLocaleOf(person.locale), person.name, await presentNotifications(db, rows), {
      open: `${options.publicBaseUrl}/`,
      unsubscribe: unsubscribeUrl,
    });
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
