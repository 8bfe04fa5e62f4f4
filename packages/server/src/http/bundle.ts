import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from './problem.js';
import { problemResponses } from './responses.js';

/** `packages/components/dist/bureau.js`, found from this file in `src/http/` or `dist/http/`. */
export const bundlePath = fileURLToPath(new URL('../../../components/dist/bureau.js', import.meta.url));

/** `packages/components/themes/`: the opt-in stylesheets of `--bureau-*` values (`dsfr.css`). */
const themesPath = fileURLToPath(new URL('../../../components/themes/', import.meta.url));

/** Content codings compressed at build time (scripts/compress-bundle.js), best first. */
const codings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Coding = (typeof codings)[number]['name'];

/** What is known of one built script: its identity and the compressed twins beside it. */
export interface BuiltScript {
  path: string;
  size: number;
  /** Strong entity tag of the content (the same for every coding: `Vary: Accept-Encoding` keys them). */
  etag: string;
  /** Subresource Integrity of the uncompressed content, `sha384-…`. */
  integrity: string;
  /** A short content hash, for a versioned URL (`/bureau.js?v=…`). */
  version: string;
  /** Compressed twins no older than the script. */
  compressed: Partial<Record<Coding, { path: string; size: number }>>;
}

const known = new Map<string, { stamp: string; script: BuiltScript }>();

async function statOrNull(path: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Describes a built script, or null when it is not there. Hashes are computed once per build
 * (the cache is keyed by size and modification time, so a rebuild is seen without a restart).
 */
export async function describeScript(path: string): Promise<BuiltScript | null> {
  const found = await statOrNull(path);
  if (found === null) return null;
  const twins = await Promise.all(codings.map(async (coding) => [coding.name, await statOrNull(path + coding.suffix)] as const));
  const stamp = [found, ...twins.map(([, twin]) => twin)].map((s) => (s ? `${s.size}:${s.mtimeMs}` : '-')).join('|');
  const cached = known.get(path);
  if (cached?.stamp === stamp) return cached.script;
  const content = await readFile(path);
  const sha384 = createHash('sha384').update(content).digest();
  const compressed: BuiltScript['compressed'] = {};
  for (const [name, twin] of twins) {
    // A twin older than the script belongs to a previous build: never send stale code.
    if (twin !== null && twin.mtimeMs >= found.mtimeMs) compressed[name] = { path: path + codings.find((c) => c.name === name)!.suffix, size: twin.size };
  }
  const script: BuiltScript = {
    path,
    size: content.length,
    etag: `"${sha384.toString('base64url').slice(0, 32)}"`,
    integrity: `sha384-${sha384.toString('base64')}`,
    version: sha384.toString('hex').slice(0, 12),
    compressed,
  };
  known.set(path, { stamp, script });
  return script;
}

/** The best coding the request accepts among those built; `identity` when none. */
function negotiate(request: FastifyRequest, script: BuiltScript): Coding | 'identity' {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (token) accepted.set(token, q === undefined ? 1 : Number(q));
  }
  for (const { name } of codings) {
    const q = accepted.get(name) ?? accepted.get('*') ?? 0;
    if (q > 0 && script.compressed[name]) return name;
  }
  return 'identity';
}

function matches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const tag = part.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/**
 * Sends a built file (a script; a theme's stylesheet with `type`) as public code any page may load: never sniffed
 * as anything else, readable cross-origin (`Access-Control-Allow-Origin: *`, no credentials) and
 * embeddable under `Cross-Origin-Embedder-Policy` (`Cross-Origin-Resource-Policy: cross-origin`),
 * compressed by `Accept-Encoding`, with a strong `ETag` and a 304 to a conditional request.
 */
function sendScript(request: FastifyRequest, reply: FastifyReply, script: BuiltScript, cacheControl: string, type = 'text/javascript; charset=utf-8'): FastifyReply {
  reply
    .header('Cache-Control', cacheControl)
    .header('ETag', script.etag)
    .header('Vary', 'Accept-Encoding')
    .header('Access-Control-Allow-Origin', '*')
    .header('Cross-Origin-Resource-Policy', 'cross-origin')
    .header('X-Content-Type-Options', 'nosniff')
    .type(type);
  // Public code: no cookie is needed nor meant to be readable with it.
  reply.removeHeader('Access-Control-Allow-Credentials');
  if (matches(request, script.etag)) return reply.code(304).send();
  const coding = negotiate(request, script);
  const twin = coding === 'identity' ? undefined : script.compressed[coding];
  if (twin) reply.header('Content-Encoding', coding);
  return reply.header('Content-Length', String(twin?.size ?? script.size)).send(createReadStream(twin?.path ?? script.path));
}

/** A year: what `immutable` content-hashed URLs are cached for. */
const forGood = 'public, max-age=31536000, immutable';

/**
 * `GET /bureau.js` (the drop-in bundle, 503 until built), `GET /bureau.json` (its versioned URL
 * and Subresource Integrity hash) and `GET /chunks/:name` (its lazy chunks).
 */
export function registerBundle(app: FastifyInstance): void {
  const current = async (): Promise<BuiltScript> => {
    const script = await describeScript(bundlePath);
    if (script === null) throw new ProblemError('unavailable', 'The components bundle is not built yet: run `npm run build`.');
    return script;
  };

  app.get<{ Querystring: { v?: string } }>(
    '/bureau.js',
    {
      schema: {
        tags: ['embedding'],
        summary: 'The drop-in bundle of the Bureau components',
        description:
          'Revalidated on every load (`no-cache` with a strong `ETag`: a reload costs a 304). `?v=<version>` of `GET /bureau.json` ' +
          'names this very content: it is then cached for good, and its `integrity` hash can be checked by the browser.',
        querystring: Type.Object({ v: Type.Optional(Type.String({ description: 'The `version` of `GET /bureau.json`.' })) }),
        response: { 200: { description: 'JavaScript module.', content: { 'text/javascript': { schema: { type: 'string' } } } }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const script = await current();
      return sendScript(request, reply, script, request.query.v === script.version ? forGood : 'no-cache');
    },
  );

  app.get(
    '/bureau.json',
    {
      schema: {
        tags: ['embedding'],
        summary: 'The versioned URL of the drop-in bundle and its Subresource Integrity hash',
        response: {
          200: Type.Object({
            src: Type.String({ description: 'Path of the versioned bundle, e.g. `/bureau.js?v=1a2b3c4d5e6f`.' }),
            version: Type.String(),
            integrity: Type.String({ description: 'For the `integrity` attribute of the `<script>`.' }),
          }),
          ...problemResponses,
        },
      },
    },
    async (_request, reply) => {
      const script = await current();
      reply.header('Cache-Control', 'no-cache').header('Access-Control-Allow-Origin', '*');
      return { src: `/bureau.js?v=${script.version}`, version: script.version, integrity: script.integrity };
    },
  );

  // Opt-in themes, a stylesheet of --bureau-* values that a host links (not in the bundle). Public,
  // like the code: any page may link them; revalidated, a reload costs a 304.
  app.get<{ Params: { name: string } }>(
    '/themes/:name',
    {
      schema: {
        tags: ['embedding'],
        summary: 'An opt-in theme of the components (e.g. `dsfr.css`), a stylesheet of `--bureau-*` values',
        params: Type.Object({ name: Type.String() }),
        response: { 200: { description: 'CSS stylesheet.', content: { 'text/css': { schema: { type: 'string' } } } }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      if (!/^[a-z0-9-]+\.css$/.test(name)) throw new ProblemError('not-found', 'No such theme.');
      const sheet = await describeScript(join(themesPath, name));
      if (sheet === null) throw new ProblemError('not-found', 'No such theme.');
      return sendScript(request, reply, sheet, 'no-cache', 'text/css; charset=utf-8');
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
      const script = await describeScript(join(bundlePath, '..', 'chunks', name));
      if (script === null) throw new ProblemError('not-found', 'No such chunk.');
      return sendScript(request, reply, script, forGood);
    },
  );
}
