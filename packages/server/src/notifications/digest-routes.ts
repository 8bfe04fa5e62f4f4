import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import type { Services } from '../services.js';
import { digestLocaleOf, unsubscribePage } from './digest-mail.js';
import { hashDigestToken, sendDigests, type SendMail } from './digest.js';
import { preferencesOf, savePreferences } from './preferences.js';
import { withNotifications } from './schema.js';

/** `BUREAU_SMTP_URL`, `BUREAU_DIGEST_FROM`, `BUREAU_DIGEST_INTERVAL` read: see docs/notifications.md. */
export interface DigestConfig {
  smtpUrl: string;
  from: string;
  intervalMs: number;
}

/** How often the job looks for digests to send; each is sent once per period whatever the pace. */
const lookEveryMs = 5 * 60_000;

/** A nodemailer transport for `smtp://user:pass@host:port` (or `smtps://`). */
export function smtpSender(smtpUrl: string): SendMail {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      list: { unsubscribe: mail.unsubscribeUrl },
    });
  };
}

/**
 * `GET /v1/notifications/unsubscribe?token=…` (the link of every digest: no session, the token is
 * the proof) turns the person's digest off and answers with a small page. With `config`, the
 * digest job runs every 5 minutes (unref'd timer); without it, nothing is ever sent.
 */
export function registerDigest(root: FastifyInstance, services: Services, config: DigestConfig | undefined): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;
  app.get(
    '/v1/notifications/unsubscribe',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Turns off the e-mail digest of the person a digest was sent to (the link in the mail)',
        querystring: Type.Object({ token: Type.String({ maxLength: 200 }) }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const row = await withNotifications(db)
        .selectFrom('notification_digests')
        .innerJoin('users', 'users.id', 'notification_digests.user_id')
        .select(['notification_digests.user_id', sql<string | null>`users.locale`.as('locale')])
        .where('notification_digests.token_hash', '=', hashDigestToken(request.query.token))
        .executeTakeFirst();
      reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8');
      if (!row) return reply.code(404).send(unsubscribePage('fr', false));
      const current = (await preferencesOf(db, [row.user_id])).get(row.user_id);
      if (current) await savePreferences(db, row.user_id, { ...current, digest: false });
      return unsubscribePage(digestLocaleOf(row.locale), true);
    },
  );
  if (!config) return;
  const publicBaseUrl = services.publicBaseUrl;
  if (publicBaseUrl === null) throw new Error('The e-mail digest (BUREAU_SMTP_URL) needs BUREAU_PUBLIC_URL for its links.');
  const send = smtpSender(config.smtpUrl);
  const run = (): void => {
    sendDigests(db, send, { from: config.from, publicBaseUrl, intervalMs: config.intervalMs }).catch((error: unknown) =>
      app.log.error({ err: error }, 'e-mail digest failed'),
    );
  };
  const timer = setInterval(run, lookEveryMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
