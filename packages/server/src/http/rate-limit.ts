import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from './problem.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Limits mutating requests per signed-in person (per address before sign-in). Over the limit:
 * 429 `rate-limited` with `Retry-After`. Register after the auth hook and before the routes.
 */
export async function registerWriteRateLimit(app: FastifyInstance, limit: { max: number; windowMs: number }): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    allowList: (request) => safeMethods.has(request.method),
    keyGenerator: (request) => (request.caller ? `user:${request.caller.user.id}` : `ip:${request.ip}`),
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    errorResponseBuilder: (_request, context) =>
      new ProblemError('rate-limited', `Too many changes: try again in ${context.after}.`, {
        retryAfter: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });
}
