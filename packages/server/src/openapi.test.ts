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

it('the document is OpenAPI 3.1 and names the shared schemas', async () => {
  const document = (await generateOpenApi()) as { openapi: string; components: { schemas: Record<string, unknown> } };
  assert.equal(document.openapi, '3.1.0');
  for (const name of ['Problem', 'Space', 'Member', 'Session', 'BureauEvent']) assert.ok(document.components.schemas[name], name);
});
