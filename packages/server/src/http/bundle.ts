import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ProblemError } from './problem.js';
import { problemResponses } from './responses.js';

/** `packages/components/dist/bureau.js`, found from this file in `src/http/` or `dist/http/`. */
export const bundlePath = fileURLToPath(new URL('../../../components/dist/bureau.js', import.meta.url));

async function bundleSize(): Promise<number | null> {
  try {
    return (await stat(bundlePath)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Sends a built JavaScript file as a module script, never sniffed as anything else. */
function sendScript(reply: FastifyReply, path: string, size: number, cacheControl: string): FastifyReply {
  return reply
    .type('text/javascript; charset=utf-8')
    .header('Content-Length', String(size))
    .header('Cache-Control', cacheControl)
    .header('X-Content-Type-Options', 'nosniff')
    .send(createReadStream(path));
}

/** `GET /bureau.js`: the drop-in bundle of the components, always served (503 until it is built). */
export function registerBundle(app: FastifyInstance): void {
  app.get(
    '/bureau.js',
    {
      schema: {
        tags: ['embedding'],
        summary: 'The drop-in bundle of the Bureau components',
        response: { 200: { description: 'JavaScript module.', content: { 'text/javascript': { schema: { type: 'string' } } } }, ...problemResponses },
      },
    },
    async (_request, reply) => {
      const size = await bundleSize();
      if (size === null) throw new ProblemError('unavailable', 'The components bundle is not built yet: run `npm run build`.');
      return sendScript(reply, bundlePath, size, 'no-cache');
    },
  );

  // Lazy chunks of bureau.js (dynamic imports, e.g. tus-js-client on the first upload), next to it
  // in dist/chunks. Names are content-hashed: cached for good. Only plain file names are served.
  app.get<{ Params: { name: string } }>(
    '/chunks/:name',
    { schema: { tags: ['embedding'], summary: 'A lazy chunk of the drop-in bundle', hide: true } },
    async (request, reply) => {
      const { name } = request.params;
      if (!/^[A-Za-z0-9_.-]+\.js$/.test(name) || name.startsWith('.')) throw new ProblemError('not-found', 'No such chunk.');
      const path = join(bundlePath, '..', 'chunks', name);
      const size = await stat(path).then((found) => found.size, (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (size === null) throw new ProblemError('not-found', 'No such chunk.');
      return sendScript(reply, path, size, 'public, max-age=31536000, immutable');
    },
  );
}
