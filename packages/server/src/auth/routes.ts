import { AuthInfo, LogoutResult, Session, type AuthMode } from '@bureau/api';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { presentUser } from '../users/present.js';
import { listDevUsers } from './dev.js';
import { requireCaller } from './index.js';
import { clearSessionCookie, deleteSession } from './sessions.js';

/** What the OIDC module gives back once registered (see `auth/oidc.ts`). */
export interface OidcHandle {
  endSessionUrl(reply: FastifyReply, idToken: string | null, returnTo: string | undefined): string | null;
}

const LogoutQuery = Type.Object(
  {
    returnTo: Type.Optional(
      Type.String({
        maxLength: 2048,
        description: 'OIDC: where the provider’s logout sends the person back (a path on this server or a URL of an allowed origin).',
      }),
    ),
  },
  { additionalProperties: false },
);

/** `GET /v1/auth`, `GET /v1/session`, `POST /v1/auth/logout`. */
export function registerAuthRoutes(
  root: FastifyInstance,
  services: Services,
  modes: { oidc: OidcHandle | null; bearer: boolean },
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/auth',
    { schema: { tags: ['auth'], summary: 'How to sign in', response: { 200: AuthInfo, ...problemResponses } } },
    async () => {
      const list: AuthMode[] = [];
      if (modes.oidc) list.push('oidc');
      if (modes.bearer) list.push('bearer');
      if (services.demo) list.push('dev');
      const info: AuthInfo = { modes: list };
      if (modes.oidc) info.loginUrl = '/v1/auth/login';
      if (services.demo) info.devUsers = (await listDevUsers(services.db)).map(presentUser);
      return info;
    },
  );

  app.get(
    '/v1/session',
    { schema: { tags: ['auth'], summary: 'The signed-in person', response: { 200: Session, ...problemResponses } } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const caller = requireCaller(request);
      const session: Session = { user: presentUser(caller.user), mode: caller.mode };
      if (caller.user.email) session.email = caller.user.email;
      if (caller.session) {
        session.csrfToken = caller.session.csrf_token;
        session.expiresAt = caller.session.expires_at;
      }
      return session;
    },
  );

  app.post(
    '/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', querystring: LogoutQuery, response: { 200: LogoutResult, ...problemResponses } } },
    async (request, reply) => {
      const caller = requireCaller(request);
      if (!caller.session) return { endSessionUrl: null };
      const oidc = caller.session.mode === 'oidc' ? modes.oidc : null;
      // Computed first: a returnTo that is refused (400) leaves the session as it was.
      const endSessionUrl = oidc ? oidc.endSessionUrl(reply, caller.session.id_token, request.query.returnTo) : null;
      await deleteSession(services.db, caller.session.id_hash);
      clearSessionCookie(reply, services.secureCookies);
      return { endSessionUrl };
    },
  );
}
