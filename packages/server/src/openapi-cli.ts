import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { formatOpenApi, generateOpenApi } from './openapi.js';

/** `docs/api/openapi.json` at the repository root, from `src/` or `dist/`. */
export const openApiPath = fileURLToPath(new URL('../../../docs/api/openapi.json', import.meta.url));

await writeFile(openApiPath, formatOpenApi(await generateOpenApi()));
process.stdout.write(`wrote ${openApiPath}\n`);
