import type { FastifyCorsOptions } from '@fastify/cors';

/** CORS for an explicit allow-list of origins, with credentials (cookies) and the Bureau headers. */
export function corsOptions(allowedOrigins: readonly string[]): FastifyCorsOptions {
  return {
    origin: allowedOrigins.length > 0 ? [...allowedOrigins] : false,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'X-CSRF-Token', 'Last-Event-ID', 'X-Request-Id'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
    maxAge: 600,
  };
}
