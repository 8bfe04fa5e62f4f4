// Browser bundles of the components (types and per-file ESM come from `tsc -b`):
// - packages/components/dist/bureau.js: the drop-in an intranet loads with one <script type="module">,
//   every component + the SDK + lit in one file (lazy features stay separate chunks next to it);
// - packages/components/dist/bundles/<entry>.js: one self-contained bundle per public entry, only to
//   measure what each entry costs (bench/bundle-size.js).
// Workspace packages resolve to their sources (`bureau:source`), so nothing needs building first.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { relative, resolve } from 'node:path';

const components = 'packages/components';

/**
 * Minifies the CSS of lit's css`…` templates in `*.styles.ts` files (esbuild minifies the code
 * around them, not the text inside): drops comments and the whitespace that CSS ignores.
 * @returns {import('rollup').Plugin}
 */
function minifyLitCss() {
  const minify = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'bureau-minify-lit-css',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      return { code: code.replace(/css`([^`]*)`/g, (_, text) => `css\`${minify(text)}\``), map: null };
    },
  };
}

/** Entries made of several modules, measured together: name → modules. */
const combinedEntries = {
  'chat-page': [`${components}/src/client/client.ts`, `${components}/src/chat/chat.ts`],
  'board-page': [`${components}/src/client/client.ts`, `${components}/src/board/board.ts`],
  'files-page': [`${components}/src/client/client.ts`, `${components}/src/files/files.ts`],
};

/**
 * Resolves `\0entry:<name>` to a module that imports every module of `combinedEntries[name]`.
 * @returns {import('rollup').Plugin}
 */
function combinedEntry() {
  const prefix = '\0entry:';
  return {
    name: 'bureau-combined-entry',
    resolveId: (id) => (id.startsWith(prefix) ? id : null),
    load(id) {
      if (!id.startsWith(prefix)) return null;
      return combinedEntries[id.slice(prefix.length)].map((file) => `import ${JSON.stringify(resolve(file))};`).join('\n');
    },
  };
}

const plugins = () => [
  combinedEntry(),
  minifyLitCss(),
  nodeResolve({ exportConditions: ['bureau:source', 'browser'], extensions: ['.ts', '.js', '.mjs'] }),
  esbuild({
    target: 'es2022',
    minify: true,
    tsconfig: `${components}/tsconfig.json`,
    legalComments: 'none',
  }),
  // A second pass over esbuild's output: terser's compressor (two passes) finds what esbuild's
  // single pass leaves (~1.5 kB gz of bureau.js); esbuild still does the TypeScript and the first cut.
  terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

/**
 * Writes `dist/bureau-chunks.json`: for each file of the drop-in, the files it imports statically and
 * dynamically, and the source modules in it. bench/bundle-size.js reads it to add up what a page
 * loads for the tags it shows (bureau.js, then each family's chunk with everything it imports), and
 * the size of each module in it (the largest modules of a page: `--modules`).
 * @returns {import('rollup').Plugin}
 */
function chunkGraph() {
  return {
    name: 'bureau-chunk-graph',
    generateBundle(_options, bundle) {
      const graph = {};
      for (const [fileName, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        graph[fileName] = {
          modules: chunk.moduleIds.filter((id) => !id.startsWith('\0')).map((id) => relative(process.cwd(), id)),
          // Bytes of each module's code in the chunk (minified by esbuild, before terser's pass), for
          // `bench/bundle-size.js --modules`.
          sizes: Object.fromEntries(
            Object.entries(chunk.modules)
              .filter(([id]) => !id.startsWith('\0'))
              .map(([id, module]) => [relative(process.cwd(), id), module.renderedLength]),
          ),
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
        };
      }
      this.emitFile({ type: 'asset', fileName: 'bureau-chunks.json', source: `${JSON.stringify(graph, null, 2)}\n` });
    },
  };
}

/**
 * The SDK's core, which every page loads (the client, its HTTP, session and stream; ky,
 * idb-keyval, eventsource-parser), in one chunk rather than the handful of small ones rollup would
 * cut from it (each file compresses alone and costs a request). The cache is the reading domains'
 * code (ADR 0024), not the core's. Only modules whose imports stay in
 * the core: a manual chunk takes in every module its modules import. The bearer-token source, a lazy
 * piece of auth/, stays its own chunk.
 * @param {string} id
 */
function sharedChunks(id) {
  const path = relative(process.cwd(), id);
  if (
    /^packages\/sdk\/src\/(core-client|domains)\.ts$/.test(path) ||
    /^packages\/sdk\/src\/(errors|http|storage|stream|scheduling|events)\//.test(path) ||
    /^packages\/sdk\/src\/auth\/(auth-service|identity|lazy-tokens)\.ts$/.test(path) ||
    /node_modules\/(ky|idb-keyval|eventsource-parser)\//.test(path)
  ) {
    return 'sdk-core';
  }
  return undefined;
}

/** Entries measured on their own: name → source. */
const entries = {
  index: `${components}/src/index.ts`,
  client: `${components}/src/client/client.ts`,
  // <bureau-chat> and <bureau-room-list> with lit, the chat's windowed list, the Markdown renderer and the SDK
  // code they import (budget in bench/budgets.json).
  chat: `${components}/src/chat/chat.ts`,
  // What a page loads to show a chat: the above plus <bureau-client> and the whole SDK client.
  'chat-page': '\0entry:chat-page',
  // <bureau-board> with lit, the Markdown renderer and the SDK code it imports.
  board: `${components}/src/board/board.ts`,
  // What a page loads to show a board: the above plus <bureau-client> and the whole SDK client.
  'board-page': '\0entry:board-page',
  // <bureau-files> with lit and the SDK code it imports (tus-js-client stays a lazy chunk of the client).
  files: `${components}/src/files/files.ts`,
  // What a page loads to show documents: the above plus <bureau-client> and the whole SDK client.
  'files-page': '\0entry:files-page',
  // The SDK alone, to see what the components add on top of it.
  sdk: 'packages/sdk/src/index.ts',
};

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: { bureau: `${components}/src/bureau.ts` },
    // bureau.js is the loader; each component family is a chunk, lit and the SDK shared chunks.
    // `allow-extension`: the lazy chunks that share the loader's code (define, the version) import it
    // from bureau.js itself; with `strict` rollup made bureau.js a facade of a chunk, one more request
    // on every page.
    preserveEntrySignatures: 'allow-extension',
    plugins: [...plugins(), chunkGraph()],
    output: {
      dir: `${components}/dist`,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      manualChunks: sharedChunks,
    },
  },
  ...Object.entries(entries).map(([name, input]) => ({
    input: { [name]: input },
    preserveEntrySignatures: 'allow-extension',
    plugins: plugins(),
    output: {
      dir: `${components}/dist/bundles`,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
  })),
];
