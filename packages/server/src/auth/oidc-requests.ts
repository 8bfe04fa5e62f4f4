import type { Db } from '../db/index.js';

/** How long a person has to come back from the identity provider. */
export const authRequestLifetimeMs = 10 * 60 * 1000;

/** One sign-in in flight: what the callback must check and where it goes next. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** Remembers a sign-in just sent to the provider, and forgets the ones nobody came back from. */
export async function rememberSignIn(db: Db, pending: PendingSignIn, now = new Date()): Promise<void> {
  await db
    .deleteFrom('auth_requests')
    .where('created_at', '<', new Date(now.getTime() - authRequestLifetimeMs).toISOString())
    .execute();
  await db
    .insertInto('auth_requests')
    .values({
      state: pending.state,
      nonce: pending.nonce,
      code_verifier: pending.codeVerifier,
      return_to: pending.returnTo,
      created_at: now.toISOString(),
    })
    .execute();
}

/**
 * Takes the sign-in started with `state` out of the store — at most once, even under concurrent
 * callbacks — and returns it unless it is older than ten minutes. Unknown, used and expired
 * states all give `undefined`.
 */
export async function takeSignIn(db: Db, state: string, now = new Date()): Promise<PendingSignIn | undefined> {
  const row = await db.deleteFrom('auth_requests').where('state', '=', state).returningAll().executeTakeFirst();
  if (!row || Date.parse(row.created_at) < now.getTime() - authRequestLifetimeMs) return undefined;
  return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to };
}
