import type {} from '@fastify/cookie';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import * as client from 'openid-client';
import type { Db } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import { identityFromClaims, upsertUser } from './identity.js';
import { resolveReturnTo } from './oidc-return-to.js';
import { authRequestLifetimeMs, rememberSignIn, takeSignIn } from './oidc-requests.js';

/** The identity provider this server signs people in with, as a confidential client. */
export interface OidcConfig {
  /** Issuer URL; its `/.well-known/openid-configuration` is read at start. https, or http on loopback. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Scopes to ask for; default `openid profile email`. `openid` is always added. */
  scopes?: string[];
  /** `acr_values` to ask for (e.g. an eIDAS level), when the provider requires one. */
  acrValues?: string[];
}

export interface OidcDeps {
  db: Db;
  config: OidcConfig;
  /** This server's public base URL; the redirect URI is `<publicUrl>/v1/auth/callback`. */
  publicUrl: string;
  /** Origins (besides `publicUrl`'s) to which a sign-in may return. */
  allowedOrigins: string[];
  /** Opens the session cookie for the person just signed in. */
  startSession(reply: FastifyReply, userId: string, idToken: string | null): Promise<void>;
}

export interface OidcHandle {
  /**
   * The provider's RP-initiated logout URL (with `id_token_hint` and `post_logout_redirect_uri`
   * = `publicUrl`), or `null` when the provider has no `end_session_endpoint`.
   */
  endSessionUrl(idToken: string | null): string | null;
}

/**
 * Binds a sign-in to the browser that started it, so a stolen callback URL signs nobody in. One
 * cookie per sign-in (named after its state), so two tabs signing in at once do not collide.
 */
const stateCookieOf = (state: string): string => `bureau_oidc_${state.slice(0, 16)}`;
const callbackPath = '/v1/auth/callback';
const defaultScopes = ['openid', 'profile', 'email'];

const LoginQuery = Type.Object(
  {
    returnTo: Type.Optional(
      Type.String({
        maxLength: 2048,
        description: 'Where to go once signed in: a path on this server, or a URL of an allowed origin.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Providers add their own parameters (`iss`, `session_state`…): extra ones are accepted. */
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4096 })),
  state: Type.Optional(Type.String({ maxLength: 512 })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
  error_description: Type.Optional(Type.String({ maxLength: 2048 })),
  iss: Type.Optional(Type.String({ maxLength: 2048 })),
});

const redirectResponse = (description: string) => ({
  302: Type.Null({ description }),
  ...problemResponses,
});

/**
 * Discovers the provider and registers the sign-in routes: `GET /v1/auth/login` (authorization
 * code flow with state, nonce and PKCE S256) and `GET /v1/auth/callback`. Throws when the provider
 * cannot be discovered, so a misconfigured server does not start.
 *
 * @example
 * const oidc = await registerOidc(app, { db, config, publicUrl, allowedOrigins, startSession });
 * const logoutUrl = oidc.endSessionUrl(session.idToken);
 */
export async function registerOidc(app: FastifyInstance, deps: OidcDeps): Promise<OidcHandle> {
  if (!app.hasReplyDecorator('setCookie')) {
    throw new Error('registerOidc needs @fastify/cookie registered on the app first');
  }
  const configuration = await discover(deps.config);
  const publicBase = deps.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${publicBase}${callbackPath}`;
  /** As the browser sees it: behind a proxy that strips a prefix, the prefix is in `publicUrl`. */
  const stateCookiePath = new URL(redirectUri).pathname;
  const secureCookie = isSecureContext(new URL(publicBase));
  const scope = [...new Set(['openid', ...(deps.config.scopes ?? defaultScopes)])].join(' ');
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get(
    '/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start an OIDC sign-in',
        description: 'Redirects to the identity provider (authorization code flow, state, nonce, PKCE S256).',
        querystring: LoginQuery,
        response: redirectResponse('To the identity provider.'),
      },
    },
    async (request, reply) => {
      const returnTo = resolveReturnTo(request.query.returnTo, publicBase, deps.allowedOrigins);
      const state = client.randomState();
      const nonce = client.randomNonce();
      const codeVerifier = client.randomPKCECodeVerifier();
      await rememberSignIn(deps.db, { state, nonce, codeVerifier, returnTo });
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri,
        scope,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        ...(deps.config.acrValues?.length ? { acr_values: deps.config.acrValues.join(' ') } : {}),
      });
      reply.setCookie(stateCookieOf(state), state, {
        path: stateCookiePath,
        httpOnly: true,
        secure: secureCookie,
        sameSite: 'lax',
        maxAge: authRequestLifetimeMs / 1000,
      });
      reply.header('cache-control', 'no-store');
      return reply.redirect(url.href, 302);
    },
  );

  typed.get(
    callbackPath,
    {
      schema: {
        tags: ['auth'],
        summary: 'Finish an OIDC sign-in',
        description: 'The redirect URI to register at the provider. Opens the session, then redirects to returnTo.',
        querystring: CallbackQuery,
        response: redirectResponse('To the returnTo given at sign-in, with the session cookie set.'),
      },
    },
    async (request, reply) => {
      const { state } = request.query;
      reply.header('cache-control', 'no-store');
      if (!state) throw new ProblemError('bad-request', 'The sign-in response has no state; start again.');
      const stateCookie = stateCookieOf(state);
      const bound = request.cookies[stateCookie] === state;
      reply.clearCookie(stateCookie, { path: stateCookiePath, httpOnly: true, secure: secureCookie, sameSite: 'lax' });
      if (!bound) {
        throw new ProblemError('bad-request', 'This sign-in was not started in this browser, or has already been used; start again.');
      }
      const pending = await takeSignIn(deps.db, state);
      if (!pending) throw new ProblemError('bad-request', 'This sign-in has expired or has already been used; start again.');

      const currentUrl = new URL(redirectUri);
      currentUrl.search = new URL(request.url, 'http://callback.invalid').search;
      const claims = await signInClaims(configuration, currentUrl, pending.codeVerifier, state, pending.nonce).catch(
        (error: unknown) => {
          throw signInFailure(error, request.log);
        },
      );
      const user = await upsertUser(deps.db, identityFromClaims(claims.iss, claims.sub, claims));
      await deps.startSession(reply, user.id, claims.idToken);
      return reply.redirect(pending.returnTo, 302);
    },
  );

  return {
    endSessionUrl(idToken) {
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      const parameters: Record<string, string> = { post_logout_redirect_uri: deps.publicUrl, state: client.randomState() };
      if (idToken) parameters.id_token_hint = idToken;
      return client.buildEndSessionUrl(configuration, parameters).href;
    },
  };
}

/** Reads the provider's metadata. http is accepted for loopback issuers only (tests, a local Keycloak). */
async function discover(config: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(config.issuer);
  const insecure = issuer.protocol === 'http:';
  if (insecure && !isLoopback(issuer.hostname)) {
    throw new Error(`The OIDC issuer must be an https URL (http only on loopback): ${issuer.href}`);
  }
  return client.discovery(
    issuer,
    config.clientId,
    { client_secret: config.clientSecret },
    clientSecretAuth(config.clientSecret),
    insecure ? { execute: [client.allowInsecureRequests] } : undefined,
  );
}

/**
 * `client_secret_basic` (the OIDC default), or `client_secret_post` when the provider says it
 * supports only that.
 */
function clientSecretAuth(secret: string): client.ClientAuth {
  const basic = client.ClientSecretBasic(secret);
  const post = client.ClientSecretPost(secret);
  return (as, metadata, body, headers) => {
    const supported = as.token_endpoint_auth_methods_supported;
    const usePost = supported !== undefined && !supported.includes('client_secret_basic') && supported.includes('client_secret_post');
    (usePost ? post : basic)(as, metadata, body, headers);
  };
}

interface SignInClaims extends Record<string, unknown> {
  iss: string;
  sub: string;
  idToken: string | null;
}

/**
 * Exchanges the code (checking state, PKCE and the ID token's signature, audience and nonce), then
 * adds the userinfo claims, which some providers (ProConnect) only give there.
 */
async function signInClaims(
  configuration: client.Configuration,
  currentUrl: URL,
  pkceCodeVerifier: string,
  expectedState: string,
  expectedNonce: string,
): Promise<SignInClaims> {
  const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
    pkceCodeVerifier,
    expectedState,
    expectedNonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new ProblemError('bad-request', 'The identity provider sent no ID token.');
  const userinfo = configuration.serverMetadata().userinfo_endpoint
    ? await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
    : {};
  return { ...idClaims, ...userinfo, iss: idClaims.iss, sub: idClaims.sub, idToken: tokens.id_token ?? null };
}

/**
 * What the browser may learn of a failed exchange: the provider refused (400), or cannot be
 * reached (503). Our own faults go on unchanged and become a 500 that reveals nothing. The
 * operator's log gets the library's error name, code and message — never tokens or claims.
 */
function signInFailure(error: unknown, log: FastifyBaseLogger): unknown {
  if (error instanceof ProblemError) return error;
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    log.warn({ oidcError: { name: error.name, code, message: error.message } }, 'OIDC sign-in failed');
  }
  if (error instanceof client.AuthorizationResponseError) {
    const reason = /^[a-z_]{1,64}$/.test(error.error) ? ` (${error.error})` : '';
    return new ProblemError('bad-request', `The identity provider did not complete the sign-in${reason}.`);
  }
  if (isProviderUnreachable(error)) {
    return new ProblemError('unavailable', 'The identity provider cannot be reached; try again later.');
  }
  if (error instanceof client.ResponseBodyError || error instanceof client.ClientError) {
    return new ProblemError('bad-request', 'The sign-in response could not be verified; start again.');
  }
  return error;
}

function isProviderUnreachable(error: unknown): boolean {
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  if (error instanceof client.ResponseBodyError) return error.status >= 500;
  return error instanceof client.ClientError && (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM');
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Browsers keep `Secure` cookies on https and on loopback http; elsewhere they would drop them. */
function isSecureContext(url: URL): boolean {
  return url.protocol === 'https:' || isLoopback(url.hostname);
}
