import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import * as client from 'openid-client';
import { isLoopback } from './oidc-loopback.js';

/** How Bureau proves to the provider's token endpoint that it is itself. */
export type TokenAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
export const tokenAuthMethods: readonly TokenAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'];

/** The identity provider this server signs people in with, as a confidential client. */
export interface OidcConfig {
  /** Issuer URL; its `/.well-known/openid-configuration` is read at start. https, or http on loopback. */
  issuer: string;
  clientId: string;
  /** Needed by `client_secret_basic` and `client_secret_post`. */
  clientSecret?: string;
  /**
   * Default: `client_secret_post` when the provider lists it (or lists nothing), else
   * `client_secret_basic`. Post sends the secret as a form field, which every provider decodes;
   * Basic form-encodes it first (RFC 6749 §2.3.1), which some providers (LemonLDAP::NG) do not undo.
   */
  tokenAuthMethod?: TokenAuthMethod;
  /** `private_key_jwt`: a PEM (PKCS#8) or JWK file holding the private key (RSA or EC). */
  privateKeyFile?: string;
  /** Scopes to ask for; default `openid profile email`. `openid` is always added. */
  scopes?: string[];
  /** `acr_values` to ask for (e.g. an eIDAS level), when the provider requires one. */
  acrValues?: string[];
}

/** Tolerated clock difference with the provider, in seconds, for the ID token's `exp`, `iat` and `nbf`. */
export const clockToleranceSeconds = 60;

/** The private key of `private_key_jwt`, with the public half Bureau publishes for the provider. */
export interface ClientKey {
  privateKey: KeyObject;
  kid: string;
  alg: 'RS256' | 'ES256' | 'ES384' | 'ES512';
  /** The public JWK, as published at `/v1/auth/jwks`. */
  publicJwk: Record<string, unknown>;
}

/** Reads the key file of `private_key_jwt`: PEM (PKCS#8, PKCS#1 or SEC1) or a private JWK. */
export function readClientKey(path: string): ClientKey {
  const text = readFileSync(path, 'utf8').trim();
  const privateKey = text.startsWith('{')
    ? createPrivateKey({ key: JSON.parse(text) as Record<string, string> & { kty: string }, format: 'jwk' })
    : createPrivateKey(text);
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as Record<string, unknown>;
  const alg = algorithmOf(privateKey);
  const given = text.startsWith('{') ? (JSON.parse(text) as { kid?: unknown }).kid : undefined;
  const kid = typeof given === 'string' && given ? given : thumbprintKid(publicJwk);
  return { privateKey, kid, alg, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } };
}

function algorithmOf(key: KeyObject): ClientKey['alg'] {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ES256';
    if (curve === 'secp384r1') return 'ES384';
    if (curve === 'secp521r1') return 'ES512';
  }
  throw new Error('The private_key_jwt key must be an RSA key or an EC key on P-256, P-384 or P-521.');
}

/** A stable key id: the start of the key's own SHA-256 over its public parameters. */
function thumbprintKid(jwk: Record<string, unknown>): string {
  const members = jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/**
 * The token endpoint authentication actually used: the configured one, or the default described
 * on {@link OidcConfig.tokenAuthMethod}.
 */
export function chooseTokenAuthMethod(config: OidcConfig, supported: readonly string[] | undefined): TokenAuthMethod {
  if (config.tokenAuthMethod) return config.tokenAuthMethod;
  if (supported === undefined || supported.includes('client_secret_post')) return 'client_secret_post';
  return 'client_secret_basic';
}

async function clientAuth(config: OidcConfig, method: TokenAuthMethod, key: ClientKey | null): Promise<client.ClientAuth> {
  if (method === 'private_key_jwt') {
    if (!key) throw new Error('private_key_jwt needs a key file (BUREAU_OIDC_PRIVATE_KEY_FILE).');
    const cryptoKey = await globalThis.crypto.subtle.importKey(
      'pkcs8',
      key.privateKey.export({ format: 'der', type: 'pkcs8' }),
      key.alg === 'RS256' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: `P-${key.alg.slice(2)}`.replace('P-512', 'P-521') },
      false,
      ['sign'],
    );
    return client.PrivateKeyJwt({ key: cryptoKey, kid: key.kid });
  }
  if (!config.clientSecret) throw new Error(`${method} needs the client secret (BUREAU_OIDC_CLIENT_SECRET).`);
  return method === 'client_secret_post' ? client.ClientSecretPost(config.clientSecret) : client.ClientSecretBasic(config.clientSecret);
}

/** Checks what can be checked without the network, so a wrong setting stops the server at start. */
export function checkOidcConfig(config: OidcConfig): ClientKey | null {
  const issuer = new URL(config.issuer);
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer.hostname))) {
    throw new Error(`The OIDC issuer must be an https URL (http only on loopback): ${issuer.href}`);
  }
  if (config.tokenAuthMethod && !tokenAuthMethods.includes(config.tokenAuthMethod)) {
    throw new Error(`Unknown token endpoint auth method ${config.tokenAuthMethod}; use one of ${tokenAuthMethods.join(', ')}.`);
  }
  if (config.tokenAuthMethod === 'private_key_jwt') {
    if (!config.privateKeyFile) throw new Error('private_key_jwt needs a key file (BUREAU_OIDC_PRIVATE_KEY_FILE).');
    return readClientKey(config.privateKeyFile);
  }
  if (!config.clientSecret) throw new Error('OIDC needs a client secret (BUREAU_OIDC_CLIENT_SECRET), or private_key_jwt with a key file.');
  return null;
}

/** Backoff between discovery attempts: 1 s, 2 s, 4 s… up to 30 s. */
const retryDelayMs = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));

/**
 * The provider as this server knows it: its discovery document once read. Discovery is tried at
 * once, then again with backoff until the provider answers; meanwhile sign-ins get a 503 and
 * `/v1/ready` says why, while the rest of the server (bearer tokens, health) runs.
 */
export class OidcProvider {
  #configuration: client.Configuration | null = null;
  #lastError = 'The identity provider has not answered yet.';
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #attempts = 0;
  readonly method: Promise<TokenAuthMethod>;
  #resolveMethod!: (method: TokenAuthMethod) => void;

  constructor(
    readonly config: OidcConfig,
    readonly key: ClientKey | null,
    private readonly log: FastifyBaseLogger,
  ) {
    this.method = new Promise((resolve) => (this.#resolveMethod = resolve));
  }

  /** The discovered configuration, or null while the provider has not answered. */
  get configuration(): client.Configuration | null {
    return this.#configuration;
  }

  /** Null when ready; otherwise why sign-in cannot work yet. */
  get notReadyReason(): string | null {
    return this.#configuration ? null : this.#lastError;
  }

  /** The first attempt is awaited (so a provider already up is ready at once); later ones are not. */
  async start(): Promise<void> {
    await this.#attempt();
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  async #attempt(): Promise<void> {
    if (this.#closed) return;
    try {
      this.#configuration = await this.#discover();
      this.log.info({ issuer: this.config.issuer, tokenAuthMethod: await this.method }, 'OIDC provider discovered');
    } catch (error) {
      const delay = retryDelayMs(this.#attempts);
      this.#attempts += 1;
      const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
      this.#lastError = 'The identity provider does not answer its discovery document yet.';
      this.log.error(
        { issuer: this.config.issuer, oidcError: { name: (error as Error).name, code, message: (error as Error).message, cause }, retryInMs: delay },
        'OIDC discovery failed; retrying',
      );
      if (this.#closed) return;
      this.#timer = setTimeout(() => void this.#attempt(), delay);
      this.#timer.unref();
    }
  }

  async #discover(): Promise<client.Configuration> {
    const issuer = new URL(this.config.issuer);
    const insecure = issuer.protocol === 'http:';
    const options: client.DiscoveryRequestOptions = {
      timeout: 10,
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
    };
    // Discovery without client authentication, then the configuration with the method the metadata allows.
    const probe = await client.discovery(issuer, this.config.clientId, undefined, client.None(), options);
    const server = probe.serverMetadata();
    const method = chooseTokenAuthMethod(this.config, server.token_endpoint_auth_methods_supported);
    const metadata: Partial<client.ClientMetadata> = {
      [client.clockTolerance]: clockToleranceSeconds,
      token_endpoint_auth_method: method,
      ...(this.config.clientSecret && method !== 'private_key_jwt' ? { client_secret: this.config.clientSecret } : {}),
    };
    const configuration = new client.Configuration(server, this.config.clientId, metadata, await clientAuth(this.config, method, this.key));
    configuration.timeout = 10;
    if (insecure) client.allowInsecureRequests(configuration);
    this.#resolveMethod(method);
    return configuration;
  }
}
