// tus-js-client's self-contained browser build (UMD: it sets `globalThis.tus`). Its ESM build
// imports `url-parse`, a CommonJS package that neither the dev server of the browser tests nor
// the rollup build (no CommonJS plugin) can load; see tus-loader.ts.
declare module 'tus-js-client/dist/tus.min.js';
