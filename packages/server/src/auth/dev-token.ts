import { randomBytes } from 'node:crypto';
import { AccessToken, DevSignIn } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { decodeProtectedHeader, errors, generateKeyPair, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import type { Db } from '../db/index.js';
import type { UserRow } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { BearerVerifier } from './index.js';

/** How long a demo access token lives: short, so that `getToken` is seen refreshing. */
export const devTokenTtlMs = 10 * 60_000;

const issuer = 'urn:bureau:demo';
const audience = 'bureau-demo';

/**
 * Demo mode only: access tokens for seeded people, signed by a key pair this process makes at
 * start (never written anywhere: a restart invalidates every token). It lets a page on another site
 * try the bearer path (`getToken`) without an identity provider.
 */
export interface DevTokens {
  /** A token for a seeded person, or null when there is no such person. */
  issue(userId: string): Promise<AccessToken | null>;
  /** True when the token claims to come from this demo key (whether or not it is valid). */
  claims(token: string): boolean;
  /** The seeded person of a valid demo token; `ProblemError('unauthenticated')` otherwise. */
  verify(token: string): Promise<UserRow>;
}

export async function createDevTokens(db: Db): Promise<DevTokens> {
  const { privateKey, publicKey }: { privateKey: CryptoKey; publicKey: CryptoKey } = await generateKeyPair('ES256');
  const kid = `bureau-demo-${randomBytes(8).toString('hex')}`;
  const seeded = (id: string): Promise<UserRow | undefined> =>
    db.selectFrom('users').selectAll().where('id', '=', id).where('issuer', 'is', null).executeTakeFirst();
  return {
    async issue(userId) {
      const user = await seeded(userId);
      if (!user) return null;
      const expires = new Date(Date.now() + devTokenTtlMs);
      const accessToken = await new SignJWT({ name: user.name })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(user.id)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expires.getTime() / 1000))
        .sign(privateKey);
      return { accessToken, expiresAt: expires.toISOString() };
    },
    claims(token) {
      try {
        return decodeProtectedHeader(token).kid === kid;
      } catch {
        // Not even a JWS: certainly not one of ours.
        return false;
      }
    },
    async verify(token) {
      let sub: string | undefined;
      try {
        ({ payload: { sub } } = await jwtVerify(token, publicKey, { issuer, audience, algorithms: ['ES256'], requiredClaims: ['sub', 'exp'] }));
      } catch (error) {
        if (error instanceof errors.JOSEError) throw new ProblemError('unauthenticated', 'The bearer token is invalid or expired.');
        throw error;
      }
      const user = sub === undefined ? undefined : await seeded(sub);
      if (!user) throw new ProblemError('unauthenticated', 'The bearer token is invalid or expired.');
      return user;
    },
  };
}

/** Demo tokens first (recognised by their key id), then the configured issuer's, if any. */
export function withDevTokens(devTokens: DevTokens, verifyBearer: BearerVerifier | null): BearerVerifier {
  return (token) => {
    if (devTokens.claims(token) || verifyBearer === null) return devTokens.verify(token);
    return verifyBearer(token);
  };
}

/** `POST /v1/auth/dev-token`: a short-lived bearer token for a seeded person. Demo mode only. */
export function registerDevTokenRoute(root: FastifyInstance, devTokens: DevTokens): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/v1/auth/dev-token',
    {
      // Asking for a token proves nothing and changes nothing: no session, no CSRF header needed.
      config: { csrfExempt: true },
      schema: {
        tags: ['auth'],
        summary: 'A short-lived bearer token for a seeded person (demo mode only)',
        description: 'Signed by a key of this demo server, accepted by it as `Authorization: Bearer …`, valid ten minutes.',
        body: DevSignIn,
        response: { 200: AccessToken, ...problemResponses },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const token = await devTokens.issue(request.body.userId);
      if (!token) throw new ProblemError('not-found', 'No such demo person.');
      return token;
    },
  );
}
