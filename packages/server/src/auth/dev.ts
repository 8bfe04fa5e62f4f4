import { DevSignIn, Session } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { presentUser } from '../users/present.js';
import { createSession, setSessionCookie } from './sessions.js';

/** Seeded demo people (no issuer): the only ones the dev sign-in accepts. */
export async function listDevUsers(db: Db) {
  return db.selectFrom('users').select(['id', 'name']).where('issuer', 'is', null).where('erased_at', 'is', null).orderBy('created_at').orderBy('id').execute();
}

/** Opens a demo session for a seeded person and sets the cookie; null when no such person. */
export async function signInDev(services: Services, reply: FastifyReply, userId: string): Promise<Session | null> {
  const user = await services.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', '=', userId)
    .where('issuer', 'is', null)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  if (!user) return null;
  const created = await createSession(services.db, { userId: user.id, mode: 'dev', idToken: null, ttlMs: services.sessionTtlMs });
  setSessionCookie(reply, created, services.secureCookies);
  return { user: presentUser(user), mode: 'dev', csrfToken: created.csrfToken, expiresAt: created.expiresAt };
}

/** `POST /v1/auth/dev`: sign in as a seeded person. Registered only in demo mode. */
export function registerDevSignIn(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/v1/auth/dev',
    {
      config: { csrfExempt: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in as a seeded person (demo mode only)',
        body: DevSignIn,
        response: { 200: Session, ...problemResponses },
      },
    },
    async (request, reply) => {
      const session = await signInDev(services, reply, request.body.userId);
      if (!session) throw new ProblemError('not-found', 'No such demo person.');
      return session;
    },
  );
}
