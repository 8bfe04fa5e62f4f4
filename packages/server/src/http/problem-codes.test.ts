import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { problemCodes } from '@bureau/api';

// Every problem code the reference server can send has a sentence in the components' French and
// English catalogues, so that a person never reads the server's English `detail`. The server's codes
// are found in its source (every `ProblemError` and every hand-written problem document), not only
// in the list of `@bureau/api`, so that a code added in a route without the list is caught too.

// `src/` named from the package, so that it is the TypeScript whether this file runs from it or from `.test-js/`.
const serverSource = fileURLToPath(new URL('../../src/', import.meta.url));
const catalogue = fileURLToPath(new URL('../../../components/src/i18n/problems.ts', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The codes the server's code names: `new ProblemError('x'`, `problemStatus('x')`, `urn:bureau:problem:x`. */
function codesInServer(): Set<string> {
  const codes = new Set<string>();
  const patterns = [/ProblemError\(\s*'([a-z-]+)'/g, /problemStatus\(\s*'([a-z-]+)'/g, /urn:bureau:problem:([a-z-]+)/g];
  for (const file of sourceFiles(serverSource)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.add(match[1] as string);
  }
  return codes;
}

/** The keys of one language's problem map in the catalogue, with their sentence. */
function catalogueOf(language: 'Fr' | 'En'): Map<string, string> {
  const text = readFileSync(catalogue, 'utf8');
  const block = new RegExp(`export const problems${language}[^{]*\\{([\\s\\S]*?)\\n\\};`).exec(text)?.[1];
  assert.ok(block, `problems${language} in ${catalogue}`);
  const entries = new Map<string, string>();
  for (const match of block.matchAll(/^\s*'?([a-z-]+)'?:\s*'((?:[^'\\]|\\.)*)',?$/gm)) entries.set(match[1] as string, match[2] as string);
  return entries;
}

describe('problem codes', () => {
  it('every code the server sends is a listed code of the contract', () => {
    const found = codesInServer();
    assert.ok(found.size >= 15, `found only ${[...found].join(', ')}`);
    const unlisted = [...found].filter((code) => !(problemCodes as readonly string[]).includes(code));
    assert.deepEqual(unlisted, [], 'codes sent by the server but missing from problemCodes (@bureau/api)');
  });

  it('every listed code has a French and an English sentence, neither the server’s English title', () => {
    const fr = catalogueOf('Fr');
    const en = catalogueOf('En');
    for (const code of problemCodes) {
      assert.ok((fr.get(code) ?? '').length > 10, `French sentence for ${code}`);
      assert.ok((en.get(code) ?? '').length > 10, `English sentence for ${code}`);
      assert.notEqual(fr.get(code), en.get(code), `${code}: the French is not the English`);
    }
    assert.deepEqual([...fr.keys()].sort(), [...problemCodes].sort(), 'no French sentence for a code that does not exist');
    assert.deepEqual([...en.keys()].sort(), [...problemCodes].sort(), 'no English sentence for a code that does not exist');
  });
});
