import type {} from '@fastify/cookie';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { Db } from '../db/index.js';
import { isProblemError, ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { GroupMemberships } from './groups.js';
import { identityFromClaims, upsertUser } from './identity.js';
import { checkOidcConfig, clockToleranceSeconds, OidcProvider, type OidcConfig } from './oidc-client.js';
import { signInFailure, signInProblem } from './oidc-failures.js';
import { isLoopback } from './oidc-loopback.js';
import { sendSignedOutPage, sendSignInErrorPage, wantsPage, type PageLinks } from './oidc-page.js';
import { authRequestLifetimeMs, rememberSignIn, takeSignIn } from './oidc-requests.js';
import { resolveReturnTo } from './oidc-return-to.js';

export type { OidcConfig, TokenAuthMethod } from './oidc-client.js';

export interface OidcDeps {
  db: Db;
  /** Sets the person's group memberships from the groups claim, when the server maps groups. */
  groups?: GroupMemberships | null;
  config: OidcConfig;
  /** This server's public base URL; the redirect URI is `<publicUrl>/v1/auth/callback`. */
  publicUrl: string;
  /** Origins (besides `publicUrl`'s) to which a sign-in or a sign-out may return. */
  allowedOrigins: string[];
  /** Opens the session cookie for the person just signed in. */
  startSession(reply: FastifyReply, userId: string, idToken: string | null): Promise<void>;
}

export interface OidcHandle {
  /**
   * Where to send the browser once the session is deleted: the provider's end-session endpoint
   * (with `id_token_hint`, `post_logout_redirect_uri` = `<publicUrl>/v1/auth/logged-out` and a
   * `state` that brings the person back to `returnTo`), or `returnTo` itself when the provider has
   * no end-session endpoint, or `null` with neither. `returnTo` is checked like a sign-in's.
   */
  endSessionUrl(reply: FastifyReply, idToken: string | null, returnTo: string | undefined): string | null;
  /** Null once the provider's discovery document is read; otherwise why sign-in cannot work yet. */
  readonly notReadyReason: string | null;
}

/**
 * Binds a sign-in to the browser that started it, so a stolen callback URL signs nobody in. One
 * cookie per sign-in (named after its state), so two tabs signing in at once do not collide.
 */
const stateCookieOf = (state: string): string => `bureau_oidc_${state.slice(0, 16)}`;
/** Carries `<state>.<returnTo>` through the provider's logout, back to `/v1/auth/logged-out`. */
const logoutCookie = 'bureau_logout';
const callbackPath = '/v1/auth/callback';
const loggedOutPath = '/v1/auth/logged-out';
const defaultScopes = ['openid', 'profile', 'email'];

const ReturnToQuery = Type.Object(
  {
    returnTo: Type.Optional(
      Type.String({
        maxLength: 2048,
        description: 'Where to go next: a path on this server, or a URL of an allowed origin.',
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

const LoggedOutQuery = Type.Object({ state: Type.Optional(Type.String({ maxLength: 512 })) });

const redirectResponse = (description: string) => ({
  302: Type.Null({ description }),
  ...problemResponses,
});

/**
 * Registers the sign-in routes: `GET /v1/auth/login` (authorization code flow with state, nonce and
 * PKCE S256), `GET /v1/auth/callback`, `GET /v1/auth/logged-out` and, with `private_key_jwt`,
 * `GET /v1/auth/jwks`. The provider is discovered at once and, if it does not answer, again with
 * backoff: meanwhile sign-ins answer 503 and the rest of the server runs. A setting that cannot
 * work (http issuer off loopback, missing secret or key) throws, so the server does not start.
 *
 * @example
 * const oidc = await registerOidc(app, { db, config, publicUrl, allowedOrigins, startSession });
 * const next = oidc.endSessionUrl(reply, session.idToken, '/espace-rh');
 */
export async function registerOidc(app: FastifyInstance, deps: OidcDeps): Promise<OidcHandle> {
  if (!app.hasReplyDecorator('setCookie')) {
    throw new Error('registerOidc needs @fastify/cookie registered on the app first');
  }
  const key = checkOidcConfig(deps.config);
  const provider = new OidcProvider(deps.config, key, app.log);
  app.addHook('onClose', async () => provider.close());
  await provider.start();

  const publicBase = deps.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${publicBase}${callbackPath}`;
  const postLogoutRedirectUri = `${publicBase}${loggedOutPath}`;
  /** As the browser sees it: behind a proxy that strips a prefix, the prefix is in `publicUrl`. */
  const cookiePathOf = (url: string): string => new URL(url).pathname;
  const secureCookie = isSecureContext(new URL(publicBase));
  const cookieOptions = (path: string) => ({ path, httpOnly: true, secure: secureCookie, sameSite: 'lax' as const });
  const scope = [...new Set(['openid', ...(deps.config.scopes ?? defaultScopes)])].join(' ');
  const returnToOf = (value: string | undefined): string => resolveReturnTo(value, publicBase, deps.allowedOrigins);
  const intranetHome = deps.allowedOrigins[0] ? new URL(deps.allowedOrigins[0]).href : `${publicBase}/`;
  const linksFor = (returnTo: string | undefined): PageLinks => ({
    retry: `${publicBase}/v1/auth/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`,
    intranet: returnTo ?? intranetHome,
  });
  /** A browser gets a page in its language; API clients get the problem document. */
  const fail = (request: FastifyRequest, reply: FastifyReply, error: unknown, returnTo?: string): FastifyReply => {
    if (!isProblemError(error) || !wantsPage(request)) throw error;
    return sendSignInErrorPage(request, reply, error, linksFor(returnTo));
  };
  const ready = (): client.Configuration => {
    const configuration = provider.configuration;
    if (!configuration) throw signInProblem('provider-not-ready');
    return configuration;
  };
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get(
    '/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start an OIDC sign-in',
        description:
          'Redirects to the identity provider (authorization code flow, state, nonce, PKCE S256). A browser that asks for HTML gets a page instead of a problem document when this fails.',
        querystring: ReturnToQuery,
        response: redirectResponse('To the identity provider.'),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        const returnTo = returnToOf(request.query.returnTo);
        const configuration = ready();
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
        reply.setCookie(stateCookieOf(state), state, { ...cookieOptions(cookiePathOf(redirectUri)), maxAge: authRequestLifetimeMs / 1000 });
        return reply.redirect(url.href, 302);
      } catch (error) {
        return fail(request, reply, error);
      }
    },
  );

  typed.get(
    callbackPath,
    {
      schema: {
        tags: ['auth'],
        summary: 'Finish an OIDC sign-in',
        description:
          'The redirect URI to register at the provider. Opens the session, then redirects to returnTo. Failures are 400 `sign-in-failed` or 503 `unavailable`, with a stable `reason`.',
        querystring: CallbackQuery,
        response: redirectResponse('To the returnTo given at sign-in, with the session cookie set.'),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      let returnTo: string | undefined;
      try {
        const { state } = request.query;
        if (!state) throw unknownState(request, 'no state');
        const stateCookie = stateCookieOf(state);
        const bound = request.cookies[stateCookie] === state;
        // Only a matching cookie is spent: a forged callback does not spoil the real one in flight.
        if (bound) reply.clearCookie(stateCookie, cookieOptions(cookiePathOf(redirectUri)));
        if (!bound) throw unknownState(request, 'no state cookie for this state in this browser');
        const pending = await takeSignIn(deps.db, state);
        if (!pending) throw unknownState(request, 'state unknown, used or expired');
        returnTo = pending.returnTo;
        const configuration = ready();

        const currentUrl = new URL(redirectUri);
        currentUrl.search = new URL(request.url, 'http://callback.invalid').search;
        const claims = await signInClaims(configuration, currentUrl, pending.codeVerifier, state, pending.nonce).catch((error: unknown) => {
          throw signInFailure(error, request.log);
        });
        const user = await upsertUser(deps.db, identityFromClaims(claims.iss, claims.sub, claims));
        await deps.groups?.apply(user.id, claims);
        await deps.startSession(reply, user.id, claims.idToken);
        request.log.info({ userId: user.id }, 'OIDC sign-in');
        return reply.redirect(pending.returnTo, 302);
      } catch (error) {
        return fail(request, reply, error, returnTo);
      }
    },
  );

  typed.get(
    loggedOutPath,
    {
      schema: {
        tags: ['auth'],
        summary: 'Back from the provider’s logout',
        description:
          'The post-logout redirect URI to register at the provider. Redirects to the returnTo given at sign-out when this browser started it; otherwise shows a short page.',
        querystring: LoggedOutQuery,
        response: { 200: Type.String({ description: 'A short “signed out” page.' }), ...redirectResponse('To the returnTo given at sign-out.') },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const saved = request.cookies[logoutCookie];
      reply.clearCookie(logoutCookie, cookieOptions(cookiePathOf(postLogoutRedirectUri)));
      const dot = saved?.indexOf('.') ?? -1;
      const state = request.query.state;
      if (saved && state && dot > 0 && saved.slice(0, dot) === state) {
        const target = Buffer.from(saved.slice(dot + 1), 'base64url').toString('utf8');
        try {
          return reply.redirect(returnToOf(target), 302);
        } catch {
          // The allowed origins changed meanwhile: fall through to the page.
        }
      }
      return sendSignedOutPage(request, reply, linksFor(undefined));
    },
  );

  if (key) {
    typed.get(
      '/v1/auth/jwks',
      {
        schema: {
          tags: ['auth'],
          summary: 'This client’s public keys (private_key_jwt)',
          description: 'The JWKS URI to register at the provider when Bureau authenticates with `private_key_jwt`.',
          response: { 200: Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }) },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return { keys: [key.publicJwk] };
      },
    );
  }

  return {
    get notReadyReason() {
      return provider.notReadyReason;
    },
    endSessionUrl(reply, idToken, returnTo) {
      const target = returnTo === undefined ? undefined : returnToOf(returnTo);
      const configuration = provider.configuration;
      if (!configuration?.serverMetadata().end_session_endpoint) return target ?? null;
      const state = client.randomState();
      const parameters: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirectUri, state };
      if (idToken) parameters.id_token_hint = idToken;
      if (target) {
        reply.setCookie(logoutCookie, `${state}.${Buffer.from(target).toString('base64url')}`, {
          ...cookieOptions(cookiePathOf(postLogoutRedirectUri)),
          maxAge: authRequestLifetimeMs / 1000,
        });
      }
      return client.buildEndSessionUrl(configuration, parameters).href;
    },
  };
}

function unknownState(request: FastifyRequest, why: string): ProblemError {
  request.log.warn({ oidcError: { reason: 'unknown-state', why } }, 'OIDC sign-in failed: unknown-state');
  return signInProblem('unknown-state');
}

interface SignInClaims extends Record<string, unknown> {
  iss: string;
  sub: string;
  idToken: string | null;
}

/**
 * Exchanges the code (checking state, PKCE and the ID token's audience, nonce and times, with
 * {@link clockToleranceSeconds} of tolerance), then adds the userinfo claims, which some providers
 * (ProConnect) only give there.
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
  if (!idClaims) throw new client.ClientError('The identity provider sent no ID token.');
  // openid-client checks `exp` and `nbf`; an ID token issued in the future is refused here too.
  if (idClaims.iat > Date.now() / 1000 + clockToleranceSeconds) {
    throw new client.ClientError(`The ID token is issued ${Math.round(idClaims.iat - Date.now() / 1000)} s in the future.`);
  }
  const userinfo = configuration.serverMetadata().userinfo_endpoint
    ? await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
    : {};
  return { ...idClaims, ...userinfo, iss: idClaims.iss, sub: idClaims.sub, idToken: tokens.id_token ?? null };
}

/** Browsers keep `Secure` cookies on https and on loopback http; elsewhere they would drop them. */
function isSecureContext(url: URL): boolean {
  return url.protocol === 'https:' || isLoopback(url.hostname);
}
