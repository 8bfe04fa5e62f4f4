import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** Collects the route schemas for the OpenAPI 3.1 document (`app.swagger()`); register before the routes. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bureau API',
        version,
        description:
          'The open HTTP contract of Bureau: chat, files and boards embedded in intranets. ' +
          'Conventions (problem details, pagination, ETag, idempotency, SSE resume, CSRF, CORS) are described in ' +
          '`docs/api/conventions.md`.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bureau_session', description: 'Plus `X-CSRF-Token` on mutating requests.' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
      tags: [
        { name: 'health' },
        { name: 'auth' },
        { name: 'users' },
        { name: 'spaces' },
        { name: 'members' },
        { name: 'events' },
        { name: 'embedding' },
        { name: 'governance', description: 'Rules of use, référents, usage indicators, audit log, retention, data export and erasure (docs/rgpd.md).' },
      ],
    },
  });
}
