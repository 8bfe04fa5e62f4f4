import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Db } from '../db/index.js';
import type { UserRow } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';
import type { GroupMemberships } from './groups.js';
import { identityFromClaims, upsertUser } from './identity.js';

/** Where bearer tokens come from and whom they must be for. */
export interface BearerConfig {
  /** The issuer's JSON Web Key Set, e.g. `https://idp.example/realms/mairie/protocol/openid-connect/certs`. */
  jwksUrl: string;
  /** Expected `iss` claim, compared exactly. */
  issuer: string;
  /** Expected `aud` claim (one of them when `aud` is an array). */
  audience: string;
}

/** Signature algorithms a token may use: public-key ones only, so a shared secret can never forge one. */
const asymmetricAlgorithms = [
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  'EdDSA', 'Ed25519',
];

/** Seconds of clock difference tolerated between the issuer and this server. */
const clockToleranceSeconds = 30;

/**
 * Returns a function that turns the `<JWT>` of an `Authorization: Bearer <JWT>` header into the
 * person it speaks for, creating them on first sight (by `iss` and `sub`).
 *
 * The token must be signed by a key of the issuer's JWKS with an asymmetric algorithm, carry the
 * configured `iss` and `aud`, a `sub`, and be within its validity period. A token that fails any of
 * this throws `ProblemError('unauthenticated')` whose message says nothing about the token; an
 * unreachable or broken key set throws `ProblemError('unavailable')` (503, the client may retry).
 *
 * @example
 * When `groups` is given, the token's groups claim also sets the person's group memberships.
 *
 * @example
 * const verify = createBearerVerifier(db, { jwksUrl, issuer, audience: 'bureau' });
 * const user = await verify(token);
 */
export function createBearerVerifier(db: Db, config: BearerConfig, groups?: GroupMemberships | null): (token: string) => Promise<UserRow> {
  const keys = createRemoteJWKSet(new URL(config.jwksUrl));
  return async (token) => {
    const claims = await verifiedClaims(token, keys, config);
    const user = await upsertUser(db, identityFromClaims(config.issuer, claims.sub, claims));
    await groups?.apply(user.id, claims);
    return user;
  };
}

async function verifiedClaims(
  token: string,
  keys: JWTVerifyGetKey,
  config: BearerConfig,
): Promise<Record<string, unknown> & { sub: string }> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: asymmetricAlgorithms,
      clockTolerance: clockToleranceSeconds,
      requiredClaims: ['sub', 'exp'],
    });
    const { sub } = payload;
    if (typeof sub !== 'string' || sub === '') throw new errors.JWTClaimValidationFailed('missing sub', payload, 'sub');
    return { ...payload, sub };
  } catch (error) {
    throw asProblem(error);
  }
}

/**
 * What the caller may learn: that the token is refused, or that the key set cannot be read now.
 * Anything else is a fault of ours and goes on unchanged (a 500 with nothing revealed).
 */
function asProblem(error: unknown): unknown {
  if (isKeySetFailure(error)) {
    return new ProblemError('unavailable', 'The token issuer\u2019s keys cannot be read right now; try again later.');
  }
  if (error instanceof errors.JOSEError) {
    return new ProblemError('unauthenticated', 'The bearer token is invalid or expired.');
  }
  return error;
}

/** The key set could not be fetched or parsed: the issuer's fault, not the token's. */
function isKeySetFailure(error: unknown): boolean {
  return (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set/.test(error.message)) ||
    (error instanceof TypeError && error.message === 'fetch failed')
  );
}
