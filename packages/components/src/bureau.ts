// The drop-in entry: rollup bundles it into dist/bureau.js, the one file an intranet loads with
// <script type="module">. Eagerly it is only the loader (loader.ts): each component family's code
// (with lit and the SDK parts it needs) is a chunk next to it, fetched when its tag first appears.
// Its types are those of every component (all.ts), so a page that imports it gets the tag maps;
// the classes themselves are values of the `@bureau/components` package, not of this file.
export { discover, preload, register } from './loader.js';
export type * from './all.js';
