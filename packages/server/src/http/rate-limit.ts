import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ProblemError } from './problem.js';
import { countHit, MemoryWindows, type Window } from './rate-window.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Demo sign-ins are not counted: they come before any person is known, so they would count per
 * address, and a classroom behind one NAT (or a test suite) signs in dozens of people a minute.
 * The route exists only in demo mode; the writes that follow count per person.
 */
const uncountedRoutes = new Set(['/v1/auth/dev']);

/** Who a write counts against: the signed-in person, otherwise the address. */
const keyOf = (request: FastifyRequest): string => (request.caller ? `user:${request.caller.user.id}` : `ip:${request.ip}`);

/**
 * Limits mutating requests per signed-in person (per address before sign-in, demo sign-ins aside),
 * in fixed windows. Over the limit: 429 `rate-limited` with `Retry-After`. Register after the auth
 * hook and before the routes. With `sharedDb` (PostgreSQL: several instances), the counts live in
 * that database (`rate_windows`, key `write:<who>`), so that the instances enforce one limit;
 * otherwise in this process's memory, and the hook answers without a promise (it was
 * `@fastify/rate-limit`'s async hook, three awaits on every write: issue 16, ADR 0028).
 */
export function registerWriteRateLimit(app: FastifyInstance, limit: { max: number; windowMs: number }, sharedDb?: Kysely<Database>): void {
  const here = new MemoryWindows(limit.windowMs);
  const refusal = (window: Window, now: number): ProblemError | undefined => {
    if (window.count <= limit.max) return undefined;
    const retryAfter = Math.max(1, Math.ceil((window.start + limit.windowMs - now) / 1000));
    return new ProblemError('rate-limited', `Too many changes: try again in ${retryAfter} s.`, { retryAfter });
  };
  app.addHook('onRequest', (request, _reply, done) => {
    if (safeMethods.has(request.method) || uncountedRoutes.has(request.routeOptions.url ?? '')) return done();
    const now = Date.now();
    if (sharedDb === undefined) return done(refusal(here.countHit(keyOf(request), now), now));
    countHit(sharedDb, `write:${keyOf(request)}`, limit.windowMs, now).then((window) => done(refusal(window, now)), done);
  });
}
