import { readS3Env } from './files/options.js';
import { readDigestEnv } from './notifications/digest-env.js';
import { tokenAuthMethods, type OidcConfig, type TokenAuthMethod } from './auth/oidc-client.js';
import { parseGroupsMap } from './auth/groups.js';
import type { ServerOptions } from './options.js';

export type CliConfig = { ok: true; options: ServerOptions } | { ok: false; message: string };

type Env = Readonly<Record<string, string | undefined>>;

const list = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((part) => part.trim()).filter((part) => part.length > 0);

/** `openid given_name usual_name` or `openid,email`: space- or comma-separated words. */
const words = (value: string | undefined): string[] => (value ?? '').split(/[\s,]+/).filter((part) => part.length > 0);

/**
 * Reads the server options from the command line and environment. Outside `--demo`, an auth
 * configuration (OIDC or bearer) is required: a production server never starts open.
 */
export function readCliConfig(argv: readonly string[], env: Env): CliConfig {
  const demo = argv.includes('--demo');
  const port = Number(env.PORT ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: `PORT must be a port number, not "${env.PORT}".` };
  const options: ServerOptions = {
    dataDir: env.BUREAU_DATA_DIR ?? './data',
    port,
    host: env.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0'),
    demo,
    allowedOrigins: list(env.BUREAU_ALLOWED_ORIGINS),
    logger: true,
    auth: {},
  };
  const admins = list(env.BUREAU_ADMINS);
  if (admins.length > 0) options.admins = admins;
  if (env.BUREAU_AUDIT_RETENTION_DAYS) {
    const days = Number(env.BUREAU_AUDIT_RETENTION_DAYS);
    if (!Number.isInteger(days) || days < 1) return { ok: false, message: `BUREAU_AUDIT_RETENTION_DAYS must be a positive integer, not "${env.BUREAU_AUDIT_RETENTION_DAYS}".` };
    options.auditRetentionDays = days;
  }
  if (env.BUREAU_WRITE_RATE_LIMIT) {
    const max = Number(env.BUREAU_WRITE_RATE_LIMIT);
    if (!Number.isInteger(max) || max < 1) return { ok: false, message: `BUREAU_WRITE_RATE_LIMIT must be a positive integer (writes per person per minute), not "${env.BUREAU_WRITE_RATE_LIMIT}".` };
    options.rateLimit = { max, windowMs: 60_000 };
  }
  if (env.BUREAU_CHAT_RATE_LIMIT) {
    const max = Number(env.BUREAU_CHAT_RATE_LIMIT);
    if (!Number.isInteger(max) || max < 1) return { ok: false, message: `BUREAU_CHAT_RATE_LIMIT must be a positive integer (messages per person per 10 s), not "${env.BUREAU_CHAT_RATE_LIMIT}".` };
    options.chat = { sendRateLimit: { max, windowMs: 10_000 } };
  }
  if (env.BUREAU_PUBLIC_URL) options.publicUrl = env.BUREAU_PUBLIC_URL;
  if (env.BUREAU_TRUST_PROXY) options.trustProxy = env.BUREAU_TRUST_PROXY;
  const digest = readDigestEnv(env, options.publicUrl);
  if (!digest.ok) return digest;
  if (digest.digest) options.digest = digest.digest;
  if (env.BUREAU_DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.BUREAU_DATABASE_URL)) {
      return { ok: false, message: 'BUREAU_DATABASE_URL must be a postgres:// URL (leave it unset for SQLite in BUREAU_DATA_DIR).' };
    }
    const poolSize = Number(env.BUREAU_DATABASE_POOL_SIZE ?? '10');
    if (!Number.isInteger(poolSize) || poolSize < 1) {
      return { ok: false, message: `BUREAU_DATABASE_POOL_SIZE must be a positive integer, not "${env.BUREAU_DATABASE_POOL_SIZE}".` };
    }
    options.database = { url: env.BUREAU_DATABASE_URL, poolSize };
  }
  const s3 = readS3Env(env);
  if (!s3.ok) return s3;
  if (s3.s3) options.files = { ...options.files, s3: s3.s3 };
  const oidc = readOidcEnv(env, options.publicUrl);
  if (!oidc.ok) return oidc;
  if (oidc.oidc) options.auth = { ...options.auth, oidc: oidc.oidc };
  const { BUREAU_JWKS_URL: jwksUrl, BUREAU_JWT_ISSUER: jwtIssuer, BUREAU_JWT_AUDIENCE: audience } = env;
  if (jwksUrl || jwtIssuer || audience) {
    if (!jwksUrl || !jwtIssuer || !audience) {
      return { ok: false, message: 'Bearer tokens need BUREAU_JWKS_URL, BUREAU_JWT_ISSUER and BUREAU_JWT_AUDIENCE together.' };
    }
    options.auth = { ...options.auth, bearer: { jwksUrl, issuer: jwtIssuer, audience } };
  }
  const { BUREAU_GROUPS_CLAIM: groupsClaim, BUREAU_GROUPS_MAP: groupsMap } = env;
  if (groupsClaim || groupsMap) {
    if (!groupsClaim?.trim() || !groupsMap) return { ok: false, message: 'Group memberships need BUREAU_GROUPS_CLAIM and BUREAU_GROUPS_MAP together.' };
    const parsed = parseGroupsMap(groupsMap);
    if (!parsed.ok) return parsed;
    options.auth = { ...options.auth, groups: { claim: groupsClaim.trim(), grants: parsed.grants } };
  }
  if (!demo && !options.auth?.oidc && !options.auth?.bearer) {
    return {
      ok: false,
      message:
        'Refusing to start without authentication. Configure OIDC (BUREAU_OIDC_ISSUER, BUREAU_OIDC_CLIENT_ID, ' +
        'BUREAU_OIDC_CLIENT_SECRET, BUREAU_PUBLIC_URL) or bearer tokens (BUREAU_JWKS_URL, BUREAU_JWT_ISSUER, ' +
        'BUREAU_JWT_AUDIENCE), or run the demo with --demo.',
    };
  }
  return { ok: true, options };
}

/**
 * The OIDC settings: issuer, client id, public URL, and the secret unless the client
 * authenticates with `private_key_jwt` (then a key file).
 */
function readOidcEnv(env: Env, publicUrl: string | undefined): { ok: true; oidc?: OidcConfig } | { ok: false; message: string } {
  const { BUREAU_OIDC_ISSUER: issuer, BUREAU_OIDC_CLIENT_ID: clientId, BUREAU_OIDC_CLIENT_SECRET: clientSecret } = env;
  const method = env.BUREAU_OIDC_TOKEN_AUTH_METHOD || undefined;
  const privateKeyFile = env.BUREAU_OIDC_PRIVATE_KEY_FILE || undefined;
  if (!issuer && !clientId && !clientSecret && !method && !privateKeyFile) return { ok: true };
  if (method !== undefined && !tokenAuthMethods.includes(method as TokenAuthMethod)) {
    return { ok: false, message: `BUREAU_OIDC_TOKEN_AUTH_METHOD must be one of ${tokenAuthMethods.join(', ')}, not "${method}".` };
  }
  const withKey = method === 'private_key_jwt';
  if (!issuer || !clientId || !publicUrl || (withKey ? !privateKeyFile : !clientSecret)) {
    return {
      ok: false,
      message: withKey
        ? 'OIDC with private_key_jwt needs BUREAU_OIDC_ISSUER, BUREAU_OIDC_CLIENT_ID, BUREAU_OIDC_PRIVATE_KEY_FILE and BUREAU_PUBLIC_URL together.'
        : 'OIDC needs BUREAU_OIDC_ISSUER, BUREAU_OIDC_CLIENT_ID, BUREAU_OIDC_CLIENT_SECRET and BUREAU_PUBLIC_URL together.',
    };
  }
  const scopes = words(env.BUREAU_OIDC_SCOPES);
  const acrValues = words(env.BUREAU_OIDC_ACR_VALUES);
  return {
    ok: true,
    oidc: {
      issuer,
      clientId,
      ...(clientSecret ? { clientSecret } : {}),
      ...(method ? { tokenAuthMethod: method as TokenAuthMethod } : {}),
      ...(privateKeyFile ? { privateKeyFile } : {}),
      ...(scopes.length ? { scopes } : {}),
      ...(acrValues.length ? { acrValues } : {}),
    },
  };
}
