import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Serves just enough OIDC discovery metadata for the sign-in routes to register, so that the
 * document describes every route of a fully configured server. No sign-in ever happens.
 */
async function discoveryDocument(): Promise<{ issuer: string; server: Server }> {
  const server = createServer((request, response) => {
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (request.url !== '/.well-known/openid-configuration') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Named schemas of the contract (an `$id`, turned into a PascalCase `title` for the routes): their
 * inline copies become `#/components/schemas/<name>`.
 */
const isSharedName = (title: unknown): title is string => typeof title === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(title);

function hoist(node: Json, components: Record<string, Json>, atRoot: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => hoist(item, components, false));
  if (node === null || typeof node !== 'object') return node;
  const copy: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) copy[key] = hoist(value, components, false);
  const title = copy.title;
  if (atRoot || !isSharedName(title) || !('type' in copy || 'anyOf' in copy)) return copy;
  const known = components[title];
  if (known !== undefined && JSON.stringify(known) !== JSON.stringify(copy)) return copy;
  components[title] = copy;
  return { $ref: `#/components/schemas/${title}` };
}

/** Replaces inline copies of the named schemas by references to shared components. */
function shareSchemas(document: { [key: string]: Json }): { [key: string]: Json } {
  const schemas: Record<string, Json> = {};
  const paths = describeConventions(hoist(document.paths ?? {}, schemas, false));
  const components = (document.components ?? {}) as { [key: string]: Json };
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  for (const [name, schema] of Object.entries(sorted)) sorted[name] = hoist(schema, schemas, true);
  return { ...document, paths, components: { ...components, schemas: { ...sorted } } };
}

const header = (name: string, description: string): Json => ({
  in: 'header',
  name,
  required: false,
  schema: { type: 'string' },
  description,
});

const idempotencyKey = header(
  'Idempotency-Key',
  "The write's client id: 1 to 255 visible ASCII characters (a UUIDv7 or a ULID the client makes once per write, kept across retries and reloads). " +
    'The server stores it with the resource the write creates or changes and echoes it as `clientId` on the answer, on later reads and on the event. ' +
    'Only final answers are stored (2xx, 400, 404, 409, 410, 413, 415, 422): the same key with the same request replays it (`Idempotent-Replayed: true`); ' +
    '401, 403, 408, 429 and 5xx are not, so a retry with the same key runs. The same key with another request: 422 `idempotency-key-reused`.',
);
const ifMatch = header('If-Match', 'The `ETag` the change is based on; another version gives 412 `precondition-failed` with `current`.');
const ifNoneMatch = header('If-None-Match', 'The `ETag` already held; unchanged gives 304.');
const csrf = header('X-CSRF-Token', 'The `csrfToken` of `GET /v1/session`; required with a session cookie.');

/** Adds the headers of the conventions to every operation, and the problem media type to errors. */
function describeConventions(paths: Json): Json {
  if (paths === null || typeof paths !== 'object' || Array.isArray(paths)) return paths;
  for (const [path, item] of Object.entries(paths)) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (operation === null || typeof operation !== 'object' || Array.isArray(operation)) continue;
      const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
      if (method !== 'get') parameters.push(idempotencyKey, csrf);
      if (method === 'patch' || (method === 'post' && path.endsWith('/move'))) parameters.push(ifMatch);
      if (method === 'get' && path === '/v1/spaces/{spaceId}') parameters.push(ifNoneMatch);
      if (parameters.length > 0) operation.parameters = parameters;
      const responses = operation.responses;
      if (responses === null || typeof responses !== 'object' || Array.isArray(responses)) continue;
      for (const status of ['4XX', '5XX']) {
        const response = responses[status];
        if (response === null || typeof response !== 'object' || Array.isArray(response)) continue;
        const content = response.content;
        const schema = content !== null && typeof content === 'object' && !Array.isArray(content) ? content['application/json'] : undefined;
        if (schema === undefined) continue;
        responses[status] = { description: 'Problem details (RFC 9457) with a stable `code`.', content: { 'application/problem+json': schema } };
      }
    }
  }
  return paths;
}

/**
 * The OpenAPI 3.1 document of the Bureau API, generated from the route schemas of a server built
 * with every auth mode (OIDC, bearer, demo sign-in) on a throwaway data folder.
 */
export async function generateOpenApi(): Promise<{ [key: string]: Json }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bureau-openapi-'));
  const { issuer, server } = await discoveryDocument();
  try {
    const app = await buildApp({
      dataDir,
      demo: true,
      publicUrl: 'http://localhost:8080',
      auth: {
        oidc: { issuer, clientId: 'bureau', clientSecret: 'openapi-generation' },
        bearer: { jwksUrl: `${issuer}/jwks`, issuer, audience: 'bureau' },
      },
    });
    try {
      await app.ready();
      return shareSchemas(JSON.parse(JSON.stringify(app.swagger())) as { [key: string]: Json });
    } finally {
      await app.close();
    }
  } finally {
    server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The document as committed: two-space JSON and a final newline. */
export const formatOpenApi = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;
