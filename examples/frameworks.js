// Builds the framework examples (examples/react, examples/vue, examples/angular) as their projects
// would, with the smallest tooling that does it: esbuild bundles each app with @bureau/components
// from node_modules (code splitting keeps Bureau's component families lazy chunks), Vue's own
// compiler-sfc compiles App.vue (with `isCustomElement` for the bureau- tags), Angular compiles its
// templates just in time (@angular/compiler is bundled). Each app lands in examples/<app>/dist/,
// which serve.js serves. The builds are development builds, so that React, Vue and Angular report
// a misused custom element on the console (the tests fail on it).
//
// `typecheck()` checks each app against its tsconfig.json as its project would, the Vue app's
// template included (vue-tsc), so that Bureau's React and Vue typings are proven in real use.
//
//   node examples/frameworks.js [--typecheck]
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = (name) => fileURLToPath(new URL(name, import.meta.url));

/** The framework examples: folder → entry point. */
export const apps = { react: 'app.tsx', vue: 'main.ts', angular: 'main.ts' };

/** The tags Vue leaves to the browser: Bureau's. */
export const isCustomElement = (tag) => tag.startsWith('bureau-');

/** esbuild plugin: a .vue single-file component (script setup and template, no style) compiled by Vue's compiler. */
const vueFiles = {
  name: 'vue-sfc',
  setup(build) {
    build.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      const { parse, compileScript } = await import('vue/compiler-sfc');
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path, templateParseOptions: { isCustomElement } });
      if (errors.length > 0) return { errors: errors.map((error) => ({ text: String(error.message ?? error) })) };
      const id = createHash('sha256').update(path).digest('hex').slice(0, 8);
      const script = compileScript(descriptor, { id, inlineTemplate: true, templateOptions: { compilerOptions: { isCustomElement } } });
      return { contents: script.content, loader: 'ts', resolveDir: dirname(path) };
    });
  },
};

/** Bundles one app into examples/<name>/dist/app.js (and its chunks). */
async function buildApp(name) {
  const esbuild = await import('esbuild');
  const folder = here(`${name}/`);
  await rm(`${folder}dist`, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { app: `${folder}${apps[name]}` },
    outdir: `${folder}dist`,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    tsconfig: `${folder}tsconfig.json`,
    logLevel: 'silent',
    plugins: name === 'vue' ? [vueFiles] : [],
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  });
}

/** Builds every framework example. Rejects with esbuild's errors. */
export async function build() {
  await Promise.all(Object.keys(apps).map(buildApp));
}

/**
 * Type-checks every framework example, each with its own tsconfig.json, in one vue-tsc process in
 * build mode (vue-tsc is tsc that also checks .vue templates; one process for the three saves a
 * quarter of the time of three). `--force`: always checked, never taken as up to date. Resolves with
 * the compiler's output when something fails, or null.
 */
export function typecheck() {
  const projects = Object.keys(apps).map((name) => here(name));
  return new Promise((resolve) => {
    execFile(process.execPath, [require.resolve('vue-tsc/bin/vue-tsc.js'), '-b', '--force', ...projects], { encoding: 'utf8', timeout: 170_000 }, (error, stdout, stderr) => {
      resolve(error ? `vue-tsc -b ${Object.keys(apps).map((name) => `examples/${name}`).join(' ')}:\n${stdout}${stderr}${error.killed ? '(killed: too slow)' : ''}` : null);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await build();
  console.log(`Built ${Object.keys(apps).map((name) => `examples/${name}/dist/`).join(', ')} in ${Date.now() - started} ms`);
  if (process.argv.includes('--typecheck')) {
    const failure = await typecheck();
    if (failure !== null) {
      console.error(failure);
      process.exit(1);
    }
    console.log('Type-checked.');
  }
}
