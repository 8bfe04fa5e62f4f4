import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cleanTextPattern, visibleNamePattern } from '@bureau/api';
import { isProblemError, ProblemError } from './problem.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

type AnyError = Partial<FastifyError> & Error & { validation?: ValidationIssue[]; validationContext?: string };

/** The text rules of the contract, said in words rather than as their regular expressions. */
function readable(message: string): string {
  if (message.includes(visibleNamePattern)) {
    return 'Must contain a visible character, and no control characters, bidirectional formatting characters or lone surrogates';
  }
  if (message.includes(cleanTextPattern)) return 'Must not contain NUL characters or lone surrogates';
  return message;
}

function fromValidation(error: AnyError, issues: ValidationIssue[]): ProblemError {
  const where = error.validationContext ?? 'body';
  const seen = new Set<string>();
  const errors: { pointer: string; message: string }[] = [];
  for (const issue of issues) {
    const missing = issue.params?.missingProperty;
    const extra = issue.params?.additionalProperty;
    const name = typeof missing === 'string' ? missing : typeof extra === 'string' ? extra : null;
    const pointer = `${issue.instancePath ?? ''}${name === null ? '' : `/${name}`}`;
    const message = readable(issue.message ?? 'Invalid value');
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ pointer, message });
  }
  return new ProblemError('validation-failed', `The ${where} does not match the schema.`, { errors });
}

/**
 * Database errors that concurrent requests cause, on PostgreSQL (several connections) more than on
 * SQLite (one writer): a unique key taken meanwhile is a 409; a deadlock or a serialization failure
 * is a 503 worth retrying at once. Null for any other error.
 */
function fromDatabase(error: AnyError): ProblemError | null {
  switch (error.code) {
    case '23505': // PostgreSQL unique_violation
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return new ProblemError('conflict', 'Someone else made the same change at the same time: reload and try again.');
    case '40001': // PostgreSQL serialization_failure
    case '40P01': // PostgreSQL deadlock_detected
    case 'SQLITE_BUSY':
      return new ProblemError('unavailable', 'The change collided with another one: try again.', { retryAfter: 1 });
  }
  return null;
}

/** Maps any error thrown in a request to the one problem that describes it, without internals. */
export function toProblemError(error: AnyError): ProblemError {
  if (isProblemError(error)) return error;
  if (Array.isArray(error.validation)) return fromValidation(error, error.validation);
  const fromDb = fromDatabase(error);
  if (fromDb) return fromDb;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ProblemError('unsupported-media-type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemError('payload-too-large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ProblemError('malformed-json', 'The body is not valid JSON.');
  }
  const status = error.statusCode ?? 500;
  if (status === 404) return new ProblemError('not-found');
  if (status === 413) return new ProblemError('payload-too-large');
  if (status === 415) return new ProblemError('unsupported-media-type');
  if (status >= 400 && status < 500) return new ProblemError('bad-request');
  return new ProblemError('internal', 'Something went wrong on the server. Quote the request id when reporting it.');
}

const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? '/';

/** Sends `problem` as `application/problem+json`, bypassing the route's response schema. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError): FastifyReply {
  const retryAfter = problem.extras.retryAfter;
  if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
  return reply
    .code(problem.status)
    .header('X-Request-Id', request.id)
    .type('application/problem+json')
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(problem.toProblem(pathOf(request), request.id));
}

/** One error handler and one not-found handler: everything becomes RFC 9457 problem details. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: AnyError, request, reply) => {
    const problem = toProblemError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code }, 'request refused');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    return sendProblem(request, reply, new ProblemError('not-found', 'No such resource.'));
  });
}
