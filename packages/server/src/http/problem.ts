import type { Problem, ProblemCode } from '@bureau/api';

const titles: Record<ProblemCode, string> = {
  'bad-request': 'Bad request',
  'malformed-json': 'Malformed JSON body',
  'validation-failed': 'The request does not match the schema',
  'unsupported-media-type': 'Unsupported media type',
  'payload-too-large': 'Request body too large',
  unauthenticated: 'Authentication required',
  'sign-in-failed': 'The sign-in could not be completed',
  'csrf-failed': 'Missing or invalid CSRF token',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'precondition-failed': 'The resource has changed',
  gone: 'Gone',
  'checksum-mismatch': 'Checksum mismatch',
  'idempotency-key-reused': 'Idempotency key already used for another request',
  'idempotency-in-progress': 'A request with this idempotency key is still in progress',
  'rate-limited': 'Too many requests',
  internal: 'Internal error',
  unavailable: 'Service unavailable',
};

const statuses: Record<ProblemCode, number> = {
  'bad-request': 400,
  'malformed-json': 400,
  'validation-failed': 422,
  'unsupported-media-type': 415,
  'payload-too-large': 413,
  unauthenticated: 401,
  'sign-in-failed': 400,
  'csrf-failed': 403,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'precondition-failed': 412,
  gone: 410,
  // tus 1.0 checksum extension
  'checksum-mismatch': 460,
  'idempotency-key-reused': 422,
  'idempotency-in-progress': 409,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
};

/** Extra members of a problem document (RFC 9457 extensions). */
export type ProblemExtras = Omit<Partial<Problem>, 'type' | 'title' | 'status' | 'code'> & Record<string, unknown>;

/**
 * An error that becomes an RFC 9457 problem details response. Throw it from any route or hook;
 * the error handler serialises it and nothing else (no stack, no internal message).
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail ?? titles[code]);
    this.status = statuses[code];
  }

  /** The problem document, with the request's id and path. */
  toProblem(instance?: string, requestId?: string): Problem {
    return {
      type: `urn:bureau:problem:${this.code}`,
      title: titles[this.code],
      status: this.status,
      code: this.code,
      ...this.extras,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...(requestId === undefined ? {} : { requestId }),
    };
  }
}

export const isProblemError = (value: unknown): value is ProblemError =>
  value instanceof ProblemError || (value instanceof Error && value.name === 'ProblemError');

export const problemStatus = (code: ProblemCode): number => statuses[code];
