// Serves the examples as an intranet's own web server would, on another site than Bureau: each
// example is a folder of static files, with the headers its host would send (the strict-CSP portal
// gets its Content-Security-Policy with Trusted Types). The pages name Bureau at its demo address,
// http://127.0.0.1:8080 (`npm start`); `bureauUrl` replaces that address when Bureau is elsewhere
// (the tests start their own server on a free port).
//
//   npm start                      # Bureau's demo server, on http://127.0.0.1:8080
//   node examples/serve.js         # the examples, on http://localhost:8090 (React, Vue and Angular
//                                  # apps built first, by frameworks.js: /react/, /vue/, /angular/)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
export const pastedBureauUrl = 'http://127.0.0.1:8080';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** The strict policy of a portal that lets scripts come only from itself and from Bureau. */
export function strictPolicy(bureauUrl) {
  return [
    "default-src 'self'",
    `script-src 'self' ${bureauUrl}`,
    `connect-src 'self' ${bureauUrl}`,
    `img-src 'self' ${bureauUrl} data: blob:`,
    `style-src 'self' ${bureauUrl}`,
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

/**
 * Starts the examples' web server. `bureauUrl`: where Bureau runs (or a function that says it, when
 * Bureau starts after this server); `port`: 0 for any free one; `pages`: more pages, path → HTML.
 * Resolves with its origin (on "localhost": another site than Bureau on 127.0.0.1) and `close()`.
 */
export async function serveExamples({ bureauUrl = pastedBureauUrl, port = 8090, pages = {} } = {}) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://examples.invalid').pathname);
    // Pages given by the caller (a test serving the README's snippet), as is.
    if (Object.hasOwn(pages, path)) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(pages[path]);
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root) || file.split(sep).includes('node_modules')) {
      response.writeHead(404).end();
      return;
    }
    let body;
    try {
      body = await readFile(file);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    const bureau = typeof bureauUrl === 'function' ? bureauUrl() : bureauUrl;
    if (path.startsWith('/strict-csp/')) headers['content-security-policy'] = strictPolicy(bureau);
    const text = /^(text|application\/json)/.test(type) ? body.toString('utf8').replaceAll(pastedBureauUrl, bureau) : body;
    response.writeHead(200, headers).end(text);
  });
  await new Promise((resolve) => server.listen(port, 'localhost', resolve));
  return {
    origin: `http://localhost:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { build } = await import('./frameworks.js');
  await build();
  const { origin } = await serveExamples({ bureauUrl: process.env.BUREAU_URL ?? pastedBureauUrl, port: Number(process.env.PORT ?? 8090) });
  console.log(`Examples on ${origin} — Bureau expected on ${process.env.BUREAU_URL ?? pastedBureauUrl}, with BUREAU_ALLOWED_ORIGINS=${origin}`);
}
