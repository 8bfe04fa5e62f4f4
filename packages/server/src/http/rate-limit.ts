import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ProblemError } from './problem.js';
import { countHit } from './rate-window.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Demo sign-ins are not counted: they come before any person is known, so they would count per
 * address, and a classroom behind one NAT (or a test suite) signs in dozens of people a minute.
 * The route exists only in demo mode; the writes that follow count per person.
 */
const uncountedRoutes = new Set(['/v1/auth/dev']);

type Incremented = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A `@fastify/rate-limit` store that counts in the database (`rate_windows`, key `write:<who>`), so
 * that several instances sharing it enforce one limit per person.
 */
function databaseStore(db: Kysely<Database>, windowMs: number) {
  return class DatabaseRateStore {
    incr(key: string, done: Incremented): void {
      const now = Date.now();
      countHit(db, `write:${key}`, windowMs, now).then(
        (window) => done(null, { current: window.count, ttl: Math.max(0, window.start + windowMs - now) }),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): DatabaseRateStore {
      return this;
    }
  };
}

/**
 * Limits mutating requests per signed-in person (per address before sign-in, demo sign-ins aside). Over the limit:
 * 429 `rate-limited` with `Retry-After`. Register after the auth hook and before the routes.
 * With `sharedDb` (PostgreSQL: several instances), the counts live in that database; otherwise in
 * this process's memory.
 */
export async function registerWriteRateLimit(
  app: FastifyInstance,
  limit: { max: number; windowMs: number },
  sharedDb?: Kysely<Database>,
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    ...(sharedDb ? { store: databaseStore(sharedDb, limit.windowMs) } : {}),
    allowList: (request) => safeMethods.has(request.method) || uncountedRoutes.has(request.routeOptions.url ?? ''),
    keyGenerator: (request) => (request.caller ? `user:${request.caller.user.id}` : `ip:${request.ip}`),
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    errorResponseBuilder: (_request, context) =>
      new ProblemError('rate-limited', `Too many changes: try again in ${context.after}.`, {
        retryAfter: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });
}
