import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TargetTemplates } from '@bureau/api/links';
import nodemailer from 'nodemailer';
import { pageLanguage } from '../auth/oidc-page.js';
import type { Services } from '../services.js';
import { digestLocaleOf, unsubscribePage } from './digest-mail.js';
import { hashDigestToken, sendDigests, type SendMail } from './digest.js';
import { preferencesOf, savePreferences } from './preferences.js';
import { withNotifications } from './schema.js';

/**
 * `BUREAU_SMTP_URL`, `BUREAU_DIGEST_FROM`, `BUREAU_DIGEST_INTERVAL`, `BUREAU_DIGEST_IDLE` and
 * `BUREAU_LINK_TEMPLATES` read: see docs/notifications.md.
 */
export interface DigestConfig {
  smtpUrl: string;
  from: string;
  intervalMs: number;
  /** Only people not seen for this long get a digest; 24 hours by default. */
  idleMs?: number;
  /** Where each item links (the templates of `<bureau-inbox>`); the demo's pages in demo mode. */
  links?: TargetTemplates;
}

/** A person not seen for a day gets the digest, unless `BUREAU_DIGEST_IDLE` says otherwise. */
export const defaultIdleMs = 24 * 3600_000;

/** The demo intranet's pages (packages/demo/public), as its `<bureau-inbox>` has them. */
const demoLinks: TargetTemplates = {
  message: '/espace-rh-360.html?room={roomId}&message={messageId}&thread={threadId}#discussions',
  card: '/espace-rh-360.html?card={cardId}#projets',
  file: '/espace-rh-360.html#documents',
};

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
      // RFC 8058: mail clients offer « unsubscribe » and POST `List-Unsubscribe=One-Click` to the link.
      headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  };
}

/**
 * The link of every digest, `/v1/notifications/unsubscribe?token=…` (no session: the token is the
 * proof). `GET` only shows a page with a button, since mail scanners follow links; the button, and
 * mail clients' one-click unsubscribe (RFC 8058), `POST` to the same address, which turns the
 * person's digest off. With `config`, the digest job runs every 5 minutes (unref'd timer); without
 * it, nothing is ever sent.
 */
export function registerDigest(root: FastifyInstance, services: Services, config: DigestConfig | undefined): void {
  const { db } = services;
  const ownerOf = (token: string) =>
    withNotifications(db)
      .selectFrom('notification_digests')
      .innerJoin('users', 'users.id', 'notification_digests.user_id')
      .leftJoin('notification_preferences', 'notification_preferences.user_id', 'notification_digests.user_id')
      .select(['notification_digests.user_id', 'users.locale', 'notification_preferences.language'])
      .where('notification_digests.token_hash', '=', hashDigestToken(token))
      .executeTakeFirst();
  const querystring = Type.Object({ token: Type.String({ maxLength: 200 }) });
  /**
   * The person a link's token names, with the page headers set; or null once a 404 page in the
   * visitor's browser language has been sent (a token that is not, or no longer, anyone's).
   */
  const ownerOrNotFound = async (request: FastifyRequest<{ Querystring: { token: string } }>, reply: FastifyReply) => {
    const row = await ownerOf(request.query.token);
    reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8');
    if (!row) void reply.code(404).send(unsubscribePage(pageLanguage(request.headers['accept-language']), 'invalid'));
    return row ?? null;
  };
  void root.register(async (scope) => {
    // RFC 8058 allows either encoding; the body says nothing the address does not (the token).
    scope.addContentTypeParser(['application/x-www-form-urlencoded', 'multipart/form-data'], { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, undefined));
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/v1/notifications/unsubscribe',
      {
        schema: {
          tags: ['notifications'],
          summary: 'The page of a digest’s unsubscribe link: a button that confirms (changes nothing by itself)',
          querystring,
          produces: ['text/html'],
        },
      },
      async (request, reply) => {
        const row = await ownerOrNotFound(request, reply);
        if (!row) return reply;
        return unsubscribePage(digestLocaleOf(row.language ?? row.locale), 'confirm');
      },
    );
    app.post(
      '/v1/notifications/unsubscribe',
      {
        config: { csrfExempt: true },
        schema: {
          tags: ['notifications'],
          summary: 'Turns off the e-mail digest of the person a digest was sent to (the page’s button; RFC 8058 one-click)',
          querystring,
          produces: ['text/html'],
        },
      },
      async (request, reply) => {
        const row = await ownerOrNotFound(request, reply);
        if (!row) return reply;
        const current = (await preferencesOf(db, [row.user_id])).get(row.user_id);
        if (current) await savePreferences(db, row.user_id, { ...current, digest: false });
        return unsubscribePage(digestLocaleOf(row.language ?? row.locale), 'done');
      },
    );
  });
  if (!config) return;
  const app = root;
  const publicBaseUrl = services.publicBaseUrl;
  if (publicBaseUrl === null) throw new Error('The e-mail digest (BUREAU_SMTP_URL) needs BUREAU_PUBLIC_URL for its links.');
  const send = smtpSender(config.smtpUrl);
  const run = (): void => {
    const options = {
      from: config.from,
      publicBaseUrl,
      intervalMs: config.intervalMs,
      idleMs: config.idleMs ?? defaultIdleMs,
      links: config.links ?? (services.demo ? demoLinks : {}),
    };
    sendDigests(db, send, options).catch((error: unknown) =>
      app.log.error({ err: error }, 'e-mail digest failed'),
    );
  };
  const timer = setInterval(run, lookEveryMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
