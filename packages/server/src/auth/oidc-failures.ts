import type { FastifyBaseLogger } from 'fastify';
import * as client from 'openid-client';
import { ProblemError } from '../http/problem.js';

/**
 * Why a sign-in failed, as the `reason` member of its problem document: stable, for scripts and
 * support. 400 `sign-in-failed` when starting again may work; 503 `unavailable` when it cannot
 * until the provider or an administrator acts.
 */
export type SignInFailure =
  /** 400: the callback has no state, or one this browser did not start, or one already used or expired (also a forged one). */
  | 'unknown-state'
  /** 400: the provider answered with an error (the person cancelled, `login_required`…). */
  | 'provider-refused'
  /** 400: the provider refused the code (`invalid_grant`: replayed, forged, expired). */
  | 'code-refused'
  /** 400: the provider's answer failed a check (ID token signature, audience, nonce, time…). */
  | 'response-invalid'
  /** 503: the provider refuses Bureau's client credentials (`invalid_client`): a configuration fault. */
  | 'client-refused'
  /** 503: the provider cannot be reached or answers with a server error. */
  | 'provider-unreachable'
  /** 503: the provider's discovery document has not been read yet. */
  | 'provider-not-ready';

const unavailable = new Set<SignInFailure>(['client-refused', 'provider-unreachable', 'provider-not-ready']);

const details: Record<SignInFailure, string> = {
  'unknown-state': 'This sign-in was not started in this browser, or has expired or already been used; start again.',
  'provider-refused': 'The identity provider did not complete the sign-in.',
  'code-refused': 'The identity provider refused the sign-in code; start again.',
  'response-invalid': 'The identity provider’s answer could not be verified; start again.',
  'client-refused': 'The identity provider refuses this server’s client credentials; an administrator must check them.',
  'provider-unreachable': 'The identity provider cannot be reached; try again later.',
  'provider-not-ready': 'The identity provider has not answered this server yet; try again later.',
};

/** The problem of a failed sign-in: `sign-in-failed` (400) or `unavailable` (503), with its `reason`. */
export function signInProblem(reason: SignInFailure, providerError?: string): ProblemError {
  const code = unavailable.has(reason) ? 'unavailable' : 'sign-in-failed';
  const shown = providerError && /^[a-z_]{1,64}$/.test(providerError) ? providerError : undefined;
  const detail = shown ? `${details[reason]} (${shown})` : details[reason];
  return new ProblemError(code, detail, { reason, ...(shown ? { providerError: shown } : {}), ...(code === 'unavailable' ? { retryAfter: 30 } : {}) });
}

interface Classified {
  reason: SignInFailure;
  /** The provider's OAuth error code (`invalid_grant`), when it sent one. */
  providerError?: string;
  status?: number;
}

const clientRefusals = new Set(['invalid_client', 'unauthorized_client']);

/** Sorts an error thrown while finishing a sign-in into one of the reasons above. */
function classify(error: unknown): Classified {
  if (error instanceof client.AuthorizationResponseError) return { reason: 'provider-refused', providerError: error.error };
  if (error instanceof client.ResponseBodyError) {
    const base = { providerError: error.error, status: error.status };
    if (clientRefusals.has(error.error) || error.status === 401) return { reason: 'client-refused', ...base };
    if (error.status >= 500) return { reason: 'provider-unreachable', ...base };
    if (error.error === 'invalid_grant') return { reason: 'code-refused', ...base };
    return { reason: 'response-invalid', ...base };
  }
  if (error instanceof client.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0]?.parameters.error;
    return { reason: error.status === 401 ? 'client-refused' : 'response-invalid', providerError: challenge, status: error.status };
  }
  if (isNetworkFailure(error)) return { reason: 'provider-unreachable' };
  if (error instanceof client.ClientError) {
    const status = responseStatus(error);
    if (status !== undefined && status >= 500) return { reason: 'provider-unreachable', status };
    if (status === 401) return { reason: 'client-refused', status };
    return { reason: 'response-invalid', status };
  }
  // Anything else in the exchange is the provider's answer being unusable; not our 500.
  return { reason: 'provider-unreachable' };
}

function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return true;
  return error instanceof client.ClientError && error.code === 'OAUTH_TIMEOUT';
}

function responseStatus(error: client.ClientError): number | undefined {
  const cause: unknown = error.cause;
  return cause instanceof Response ? cause.status : undefined;
}

/**
 * What the browser may learn of a failed exchange, and one warning line for the operator with
 * the provider's error code, the HTTP status and the library's error — never tokens or claims.
 */
export function signInFailure(error: unknown, log: FastifyBaseLogger): ProblemError {
  const found = classify(error);
  const problem = signInProblem(found.reason, found.providerError);
  const err = error instanceof Error ? error : new Error(String(error));
  const code = 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  const description =
    error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError ? error.error_description?.slice(0, 300) : undefined;
  const logged = {
    reason: found.reason,
    providerError: found.providerError,
    providerErrorDescription: description,
    status: found.status,
    name: err.name,
    code,
    message: err.message.slice(0, 300),
    cause: err.cause instanceof Error ? err.cause.message.slice(0, 300) : undefined,
  };
  if (problem.status >= 500) log.error({ oidcError: logged }, `OIDC sign-in failed: ${found.reason}${found.providerError ? ` (${found.providerError})` : ''}`);
  else log.warn({ oidcError: logged }, `OIDC sign-in failed: ${found.reason}${found.providerError ? ` (${found.providerError})` : ''}`);
  return problem;
}
