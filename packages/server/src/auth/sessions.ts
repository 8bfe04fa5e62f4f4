import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Db } from '../db/index.js';
import type { SessionRow, UserRow } from '../db/schema.js';
import { cachedSession, cacheSession, forgetSession } from './session-cache.js';

/** Name of the session cookie. */
export const sessionCookie = 'bureau_session';

export interface NewSession {
  /** The cookie value; only its SHA-256 is stored. */
  secret: string;
  csrfToken: string;
  expiresAt: string;
}

export interface OpenSession {
  session: SessionRow;
  user: UserRow;
}

/** SHA-256 of a cookie secret, on every request: one-shot `crypto.hash` costs a quarter of a `Hash` object (issue 16). */
export const hashSecret = (secret: string): string => hash('sha256', secret, 'base64url');

/** Opens a session for `userId`; returns the cookie secret, which is never stored. */
export async function createSession(
  db: Db,
  input: { userId: string; mode: SessionRow['mode']; idToken: string | null; ttlMs: number },
): Promise<NewSession> {
  const secret = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.ttlMs).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashSecret(secret),
      user_id: input.userId,
      csrf_token: csrfToken,
      id_token: input.idToken,
      mode: input.mode,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    })
    .execute();
  return { secret, csrfToken, expiresAt };
}

/**
 * The session of a cookie secret when this process has it in memory (SQLite, read less than 30 s
 * ago), without a promise: most requests of a signed-in person (issue 16). Null: ask `readSession`.
 */
export function sessionInMemory(db: Db, secret: string): OpenSession | null {
  const cached = cachedSession(db, hashSecret(secret), Date.now());
  return cached === null ? null : { session: cached.session, user: cached.user };
}

/** The live session of a cookie secret with its user, or null when unknown or expired. */
export async function readSession(db: Db, secret: string): Promise<OpenSession | null> {
  const idHash = hashSecret(secret);
  const now = Date.now();
  const cached = cachedSession(db, idHash, now);
  if (cached !== null) return { session: cached.session, user: cached.user };
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select(['users.name', 'users.email', 'users.issuer', 'users.subject', 'users.search_name', 'users.created_at as user_created_at', 'users.erased_at', 'users.locale', 'users.locale_source', 'users.seen_at'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', new Date(now).toISOString())
    .executeTakeFirst();
  if (!row) return null;
  const { name, email, issuer, subject, search_name, user_created_at, erased_at, locale, locale_source, seen_at, ...session } = row;
  const user = { id: session.user_id, name, email, issuer, subject, search_name, created_at: user_created_at, erased_at, locale, locale_source, seen_at };
  const open = { session, user };
  cacheSession(db, idHash, open, now);
  return open;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  forgetSession(db, idHash);
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}

/** Constant-time comparison of the `X-CSRF-Token` header with the session's token. */
export function csrfMatches(session: SessionRow, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(session.csrf_token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function setSessionCookie(reply: FastifyReply, created: NewSession, secure: boolean): void {
  reply.setCookie(sessionCookie, created.secret, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    expires: new Date(created.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookie, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}
