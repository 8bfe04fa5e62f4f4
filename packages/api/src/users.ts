import { Type, type Static } from '@sinclair/typebox';
import { Id } from './common.js';

/** A person as others see them. */
export const User = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { $id: 'User' },
);
export type User = Static<typeof User>;

/** How the current request is authenticated. */
export const AuthMode = Type.Union([Type.Literal('oidc'), Type.Literal('bearer'), Type.Literal('dev')]);
export type AuthMode = Static<typeof AuthMode>;

/**
 * `GET /v1/session`. `csrfToken` is present for cookie sessions: send it back in the
 * `X-CSRF-Token` header of every mutating request.
 */
export const Session = Type.Object(
  {
    user: User,
    mode: AuthMode,
    email: Type.Optional(Type.String({ description: 'The e-mail the identity provider gave, when it gave one.' })),
    csrfToken: Type.Optional(Type.String()),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'Session' },
);
export type Session = Static<typeof Session>;

/** What a signed-out client needs to offer a sign-in action: `GET /v1/auth`. */
export const AuthInfo = Type.Object(
  {
    modes: Type.Array(AuthMode),
    loginUrl: Type.Optional(Type.String({ description: 'Relative URL that starts an OIDC sign-in; add `?returnTo=`.' })),
    devUsers: Type.Optional(Type.Array(User, { description: 'Only in demo mode.' })),
  },
  { $id: 'AuthInfo' },
);
export type AuthInfo = Static<typeof AuthInfo>;

/** `POST /v1/auth/dev` body — demo mode only. */
export const DevSignIn = Type.Object({ userId: Id }, { additionalProperties: false });
export type DevSignIn = Static<typeof DevSignIn>;

/**
 * `POST /v1/auth/dev-token` answer — demo mode only: a short-lived access token for a seeded
 * person, to send as `Authorization: Bearer …` (what `getToken` of a cross-site page returns).
 */
export const AccessToken = Type.Object(
  {
    accessToken: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'AccessToken' },
);
export type AccessToken = Static<typeof AccessToken>;

export const UserQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type UserQuery = Static<typeof UserQuery>;

/**
 * `POST /v1/auth/logout`. With OIDC, `endSessionUrl` is the provider's logout page, to which the
 * browser should go next to end the single sign-on session too.
 */
export const LogoutResult = Type.Object({ endSessionUrl: Type.Union([Type.String(), Type.Null()]) }, { $id: 'LogoutResult' });
export type LogoutResult = Static<typeof LogoutResult>;
