import type { AuthMode } from '@bureau/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.js';
import type { SessionRow, UserRow } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';
import { csrfMatches, readSession, sessionCookie } from './sessions.js';

/** Who is calling, and how they proved it. */
export interface Caller {
  user: UserRow;
  mode: AuthMode;
  /** The cookie session; null for bearer tokens. */
  session: SessionRow | null;
}

export type BearerVerifier = (token: string) => Promise<UserRow>;

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** The route accepts cookie-authenticated mutating requests without `X-CSRF-Token`. */
    csrfExempt?: boolean;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

async function resolveCaller(request: FastifyRequest, db: Db, verifyBearer: BearerVerifier | null): Promise<Caller | null> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization);
    if (!match?.[1]) throw new ProblemError('unauthenticated', 'Only `Authorization: Bearer <token>` is understood.');
    if (!verifyBearer) throw new ProblemError('unauthenticated', 'This server does not accept bearer tokens.');
    return { user: await verifyBearer(match[1]), mode: 'bearer', session: null };
  }
  const secret = request.cookies[sessionCookie];
  if (!secret) return null;
  const open = await readSession(db, secret);
  return open && { user: open.user, mode: open.session.mode, session: open.session };
}

/**
 * Resolves `request.caller` on every request: a bearer token when the `Authorization` header is
 * present, otherwise the session cookie. Cookie-authenticated mutating requests must carry the
 * session's `X-CSRF-Token`.
 */
export function registerAuth(app: FastifyInstance, deps: { db: Db; verifyBearer: BearerVerifier | null }): void {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    request.caller = await resolveCaller(request, deps.db, deps.verifyBearer);
    const session = request.caller?.session;
    if (!session || safeMethods.has(request.method) || request.routeOptions.config.csrfExempt === true) return;
    if (!csrfMatches(session, request.headers['x-csrf-token'])) {
      throw new ProblemError('csrf-failed', 'Send the `csrfToken` of `GET /v1/session` in the `X-CSRF-Token` header.');
    }
  });
}

/** The signed-in caller, or a 401 problem. */
export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw new ProblemError('unauthenticated');
  return request.caller;
}

/** The signed-in person, or a 401 problem. */
export function requireUser(request: FastifyRequest): UserRow {
  return requireCaller(request).user;
}
