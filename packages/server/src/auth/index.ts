import type { AuthMode } from '@bureau/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.js';
import type { SessionRow, UserRow } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';
import { csrfMatches, readSession, sessionCookie, sessionInMemory, type OpenSession } from './sessions.js';

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
  return callerOfSession(await readSession(db, secret));
}

const callerOfSession = (open: OpenSession | null): Caller | null => open && { user: open.user, mode: open.session.mode, session: open.session };

/** Sets `request.caller`; the CSRF refusal when a cookie-authenticated mutating request lacks the token. */
function admit(request: FastifyRequest, caller: Caller | null): ProblemError | undefined {
  request.caller = caller;
  const session = caller?.session;
  if (!session || safeMethods.has(request.method) || request.routeOptions.config.csrfExempt === true) return undefined;
  if (csrfMatches(session, request.headers['x-csrf-token'])) return undefined;
  return new ProblemError('csrf-failed', 'Send the `csrfToken` of `GET /v1/session` in the `X-CSRF-Token` header.');
}

/**
 * Resolves `request.caller` on every request: a bearer token when the `Authorization` header is
 * present, otherwise the session cookie. Cookie-authenticated mutating requests must carry the
 * session's `X-CSRF-Token`.
 */
export function registerAuth(app: FastifyInstance, deps: { db: Db; verifyBearer: BearerVerifier | null }): void {
  app.decorateRequest('caller', null);
  // A callback hook: a cookie session this process holds in memory is admitted without a promise (issue 16).
  app.addHook('onRequest', (request, _reply, done) => {
    const secret = request.headers.authorization === undefined ? request.cookies[sessionCookie] : undefined;
    const held = secret ? sessionInMemory(deps.db, secret) : null;
    if (held !== null) return done(admit(request, callerOfSession(held)));
    resolveCaller(request, deps.db, deps.verifyBearer).then((caller) => done(admit(request, caller)), done);
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
