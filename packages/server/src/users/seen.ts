import type { FastifyInstance } from 'fastify';
import { browserLanguage } from '../auth/oidc-page.js';
import { forgetSessionsOf } from '../auth/session-cache.js';
import type { Db } from '../db/index.js';

/** `users.seen_at` is written at most this often per person and process. */
const everyMs = 60_000;
/** People remembered by the throttle before it starts afresh. */
const remembered = 10_000;

/**
 * When a person last used Bureau (`users.seen_at`), for the e-mail digest, which goes only to people
 * not seen for a while; and the language of their browser (`Accept-Language`) as `users.locale`
 * unless their identity provider gave one (`locale_source = 'claim'`). Every authenticated request
 * counts, an event stream's connection and its end too (`markSeen`); writes are at most one a
 * minute per person, except a change of language, written at once.
 */
export function registerSeen(app: FastifyInstance, db: Db): void {
  const written = new Map<string, number>();
  // A callback hook (ADR 0023): most requests write nothing and should not pay for a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const user = request.caller?.user;
    if (!user) return done();
    const now = Date.now();
    const browser = user.locale_source === 'claim' ? null : browserLanguage(request.headers['accept-language']);
    const language = browser !== null && (browser !== user.locale || user.locale_source !== 'browser') ? browser : null;
    if (language === null && now - (written.get(user.id) ?? 0) < everyMs) return done();
    if (written.size >= remembered) written.clear();
    written.set(user.id, now);
    const seenAt = new Date(now).toISOString();
    db.updateTable('users')
      .set(language === null ? { seen_at: seenAt } : { seen_at: seenAt, locale: language, locale_source: 'browser' })
      .where('id', '=', user.id)
      .execute()
      .then(() => {
        // The cached session carries the user row: the next request must see the language written.
        if (language !== null) forgetSessionsOf(db, user.id);
        done();
      }, done);
  });
}

/** The person is using Bureau now (an event stream that ends: they were there until then). */
export async function markSeen(db: Db, userId: string, now = new Date()): Promise<void> {
  await db.updateTable('users').set({ seen_at: now.toISOString() }).where('id', '=', userId).execute();
}
