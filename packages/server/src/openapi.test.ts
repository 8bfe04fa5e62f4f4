import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { formatOpenApi, generateOpenApi } from './openapi.js';

const committed = fileURLToPath(new URL('../../../docs/api/openapi.json', import.meta.url));

it('docs/api/openapi.json is the document the routes generate (run `npm run openapi` when this fails)', async () => {
  const generated = formatOpenApi(await generateOpenApi());
  const current = await readFile(committed, 'utf8');
  assert.ok(current === generated, 'docs/api/openapi.json is stale: run `npm run openapi` and commit it');
});

type Operation = { parameters?: { name: string; in: string; description?: string }[] };

it('the document is OpenAPI 3.1, names the shared schemas, and states the client id contract on every write', async () => {
  const document = (await generateOpenApi()) as { openapi: string; components: { schemas: Record<string, unknown> }; paths: Record<string, Record<string, Operation>> };
  assert.equal(document.openapi, '3.1.0');
  for (const name of ['Problem', 'Space', 'Member', 'Session', 'BureauEvent']) assert.ok(document.components.schemas[name], name);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'get' || method === 'head') continue;
      const key = operation.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      assert.match(key?.description ?? '', /client id.*`clientId`.*429/s, `${method} ${path}`);
    }
  }
  for (const path of ['/v1/cards/{cardId}/move', '/v1/columns/{columnId}/move']) {
    assert.ok(document.paths[path]?.post?.parameters?.some((p) => p.name === 'If-Match'), `If-Match on ${path}`);
  }
});
