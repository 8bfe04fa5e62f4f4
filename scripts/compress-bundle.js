// Compresses the drop-in once, at build time: packages/components/dist/bureau.js and its lazy
// chunks (not tsc's per-file output, not the measuring bundles/) gets a .br (Brotli, quality 11) and a .gz (gzip,
// level 9) twin, which the server sends by Accept-Encoding (packages/server/src/http/bundle.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = 'packages/components/dist';
const files = [
  join(dist, 'bureau.js'),
  ...readdirSync(join(dist, 'chunks')).filter((name) => name.endsWith('.js')).map((name) => join(dist, 'chunks', name)),
];
for (const file of files) {
  const source = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(source, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length },
  }));
  writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
}
