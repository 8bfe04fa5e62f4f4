import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

const acceptable = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's `X-Request-Id` when it is a plain token, otherwise makes a fresh UUID. */
export function requestIdOf(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
}

/** Every response, errors included, carries `X-Request-Id`. */
export function registerRequestId(app: FastifyInstance): void {
  // Callback hooks here and in the other per-request hooks: an async one costs a promise and a turn (issue 16).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
}
