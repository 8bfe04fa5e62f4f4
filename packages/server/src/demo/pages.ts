import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { signInDev } from '../auth/dev.js';
import type { Services } from '../services.js';

/** `packages/demo/public`, found from this file in `src/demo/` or `dist/demo/`. */
export const demoPublicDir = fileURLToPath(new URL('../../../demo/public/', import.meta.url));

const wantsHtml = (request: FastifyRequest): boolean =>
  (request.headers.accept ?? '').includes('text/html') || /(\/|\.html)$/.test(request.url.split('?')[0] ?? '');

/**
 * Demo mode only: the intranet pages at `/`, and `?as=<userId>` on any page, which signs in as
 * that seeded person and redirects (303) to the same address without `as`.
 */
export async function registerDemoPages(app: FastifyInstance, services: Services): Promise<void> {
  // A callback hook: the API's requests pass through without a promise each.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' || request.url.startsWith('/v1/') || !wantsHtml(request)) return done();
    const url = new URL(request.url, 'http://bureau.invalid');
    const as = url.searchParams.get('as');
    if (as === null) return done();
    signInDev(services, reply, as).then(() => {
      url.searchParams.delete('as');
      reply.redirect(`${url.pathname}${url.search}`, 303);
    }, done);
  });
  if (!existsSync(demoPublicDir)) {
    app.log.warn({ dir: demoPublicDir }, 'demo pages not found; only the API is served');
    return;
  }
  await app.register(fastifyStatic, { root: demoPublicDir, prefix: '/', index: 'index.html', extensions: ['html'] });
}
