#!/usr/bin/env node
// Prints the raw and gzip (zlib level 9) size of the drop-in bureau.js, of its lazy chunks and of
// each entry bundle.
// With --modules, also lists the largest source modules of each page.
// With --check, exits 1 when a file with a budget in bench/budgets.json is over it (or missing).
// Run `npm run build` first.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages/components/dist');
const budgets = JSON.parse(readFileSync(join(root, 'bench/budgets.json'), 'utf8'));
const check = process.argv.includes('--check');

/** @param {string} file */
function measure(file) {
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
  return { file: relative(root, file), raw: bytes.length, gzip };
}

/** @param {number} bytes */
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** The .js files directly in `dir`, sorted; none when it does not exist. */
const scripts = (dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.js')).sort().map((name) => join(dir, name)) : []);

// bureau.js, then the lazy chunks it loads on demand (dynamic imports), then the entry bundles.
const files = [join(dist, 'bureau.js'), ...scripts(join(dist, 'chunks')), ...scripts(join(dist, 'bundles'))];

const missing = files.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`bundle-size: ${missing.map((file) => relative(root, file)).join(', ')} missing; run \`npm run build\` first.`);
  process.exit(1);
}

const rows = files.map(measure);
const over = [];
const table = rows.map(({ file, raw, gzip }) => {
  const budget = budgets[file];
  const status = budget === undefined ? '' : gzip <= budget ? `≤ ${kB(budget)}` : `OVER ${kB(budget)}`;
  if (budget !== undefined && gzip > budget) over.push(file);
  return [file, kB(raw), kB(gzip), status];
});

const header = ['file', 'raw', 'gzip -9', 'budget'];
const widths = header.map((title, column) => Math.max(title.length, ...table.map((row) => row[column].length)));
const line = (cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
console.log(line(header));
console.log(widths.map((width) => '─'.repeat(width)).join('  '));
for (const row of table) console.log(line(row));

// What a page loads for the tags it shows: bureau.js (the loader), then for each component family
// its chunk and everything that chunk imports statically (lit, the SDK, shared code), each file once.
// The graph comes from the build (dist/bureau-chunks.json); lazy features (dialogs, pickers, English
// strings, upload code) are dynamic imports, fetched on use, so not counted here.
const graph = JSON.parse(readFileSync(join(dist, 'bureau-chunks.json'), 'utf8'));
const gzipOf = new Map(rows.map(({ file, gzip }) => [relative(dist, join(root, file)), gzip]));
/** The file holding a source module, e.g. `chat/chat.component.ts` under packages/components/src. */
function chunkOf(module) {
  const path = module.startsWith('packages/') ? module : `${components}/src/${module}`;
  const found = Object.entries(graph).find(([, chunk]) => chunk.modules.includes(path));
  if (found === undefined) throw new Error(`bundle-size: no chunk stands for ${module}; was it renamed?`);
  return found[0];
}
const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The numbers of one segment of a source map's `mappings` (base64 VLQ). */
function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = base64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
/** Bytes of a minified file by the source they come from (its source map), `(unmapped)` for the rest. */
function bytesBySource(file) {
  const sizes = new Map();
  const add = (source, bytes) => sizes.set(source, (sizes.get(source) ?? 0) + bytes);
  if (!existsSync(`${file}.map`)) return new Map([[relative(root, file), readFileSync(file).length]]);
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lines = readFileSync(file, 'utf8').split('\n');
  let sourceIndex = 0;
  map.mappings.split(';').forEach((line, index) => {
    const text = lines[index] ?? '';
    let column = 0;
    let start = 0;
    let source = '(unmapped)';
    for (const segment of line.split(',').filter(Boolean)) {
      const [delta, sourceDelta] = decodeSegment(segment);
      column += delta;
      add(source, Buffer.byteLength(text.slice(start, column)));
      start = column;
      if (sourceDelta !== undefined) {
        sourceIndex += sourceDelta;
        source = map.sources[sourceIndex];
      } else source = '(unmapped)';
    }
    add(source, Buffer.byteLength(text.slice(start)) + 1);
  });
  return sizes;
}

/** bureau.js and the static closure of the given families' chunks: the files a page loads. */
function pageFiles(modules) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of graph[file].imports) visit(next);
  };
  // bureau.js's own imports too: when a lazy chunk shares its code, rollup makes it a facade of a chunk.
  visit('bureau.js');
  for (const module of modules.flat()) visit(chunkOf(module));
  return seen;
}
/** What a page with these families loads, in gzip bytes. */
const pageSize = (modules) => [...pageFiles(modules)].reduce((sum, file) => sum + (gzipOf.get(file) ?? 0), 0);
const components = 'packages/components';
const families = {
  // Once somebody is signed in, <bureau-client> asks which rules of use they have not accepted yet
  // (client.auth, in the SDK's core); the rules dialog, the Markdown renderer and the governance
  // service come only when there are some. A lazy chunk that every page fetched would be listed here.
  client: ['client/client.component.ts'],
  chat: 'chat/chat.elements.ts',
  'room-list': 'chat/chat.elements.ts',
  board: 'board/board.component.ts',
  files: 'files/files.component.ts',
  inbox: 'inbox/inbox.component.ts',
};
/** Pages measured: what the tags of each load, with their budgets (`page:<name>` in budgets.json). */
const pages = {
  chat: ['client', 'room-list', 'chat'],
  board: ['client', 'board'],
  files: ['client', 'files'],
  // An intranet page whose header shows only the notification bell (issue 13: ≤ 25 kB).
  inbox: ['client', 'inbox'],
  'every component': Object.keys(families),
};
console.log('\npage (bureau.js + the families its tags load)        gzip -9     budget');
for (const [name, tags] of Object.entries(pages)) {
  const size = pageSize(tags.map((tag) => families[tag]));
  const budget = budgets[`page:${name}`];
  const status = budget === undefined ? '' : size <= budget ? `≤ ${kB(budget)}` : `OVER ${kB(budget)}`;
  if (budget !== undefined && size > budget) over.push(`page:${name}`);
  console.log(`${`<bureau-${tags.join('>, <bureau-')}>`.padEnd(50)} ${kB(size).padStart(8)}  ${status.padStart(9)}`);
}

// With --modules[=N]: the N (default 25) largest source modules of each page, in bytes of the
// minified files, attributed to sources through the build's source maps (as source-map-explorer does).
const modulesArgument = process.argv.find((argument) => argument.startsWith('--modules'));
if (modulesArgument !== undefined) {
  const top = Number(modulesArgument.split('=')[1] ?? 25);
  for (const [name, tags] of Object.entries(pages)) {
    const sizes = new Map();
    for (const file of pageFiles(tags.map((tag) => families[tag]))) {
      for (const [source, bytes] of bytesBySource(join(dist, file))) sizes.set(source, (sizes.get(source) ?? 0) + bytes);
    }
    const total = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0);
    console.log(`\n${name} page: the ${top} largest of ${sizes.size} sources (${kB(total)} minified in all)`);
    for (const [source, bytes] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${kB(bytes).padStart(9)}  ${source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)*packages\//, '')}`);
    }
  }
}

// Everything: bureau.js and every chunk but the upload code (tus-js-client and the SDK's transfer
// module), which only a person who uploads loads (listed apart, as issue 4 asks), and the bearer-token
// source, which only a page that gives `getToken` loads (listed apart too). A regression guard.
const uploadCode = /\/chunks\/(tus|upload-transfer|token-source)[.-]/;
const eager = rows.filter(({ file }) => file.endsWith('/bureau.js') || (file.includes('/chunks/') && !uploadCode.test(file)));
const whole = eager.reduce((sum, { gzip }) => sum + gzip, 0);
const wholeTarget = budgets['$whole'];
console.log(`\nwhole (bureau.js + every chunk, without the upload code): ${kB(whole)} gzip` + (wholeTarget === undefined ? '' : `, budget ≤ ${kB(wholeTarget)}`));
if (wholeTarget !== undefined && whole > wholeTarget) over.push('whole');

// The SDK imports the contract's types only (and plain values from `@bureau/api/constants`): the
// TypeBox schemas belong to the server. Their runtime leaves this marker in any bundle they reach.
const withSchemas = files.filter((file) => readFileSync(file, 'utf8').includes('TypeBox.Kind')).map((file) => relative(root, file));
if (withSchemas.length > 0) {
  console.error(`\nbundle-size: TypeBox reached ${withSchemas.join(', ')}: import values from '@bureau/api/constants', types with \`import type\`.`);
}

if (check && (over.length > 0 || withSchemas.length > 0)) {
  console.error(`\nbundle-size: over budget: ${over.join(', ')} (budgets in bench/budgets.json).`);
  process.exit(1);
}
