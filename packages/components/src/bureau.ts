// The drop-in entry: rollup bundles it into dist/bureau.js, the one file an intranet loads with
// <script type="module">. What it exports is drop-in.ts (whose types tsc emits; this file is left
// out of tsc's build, as rollup writes dist/bureau.js).
export * from './drop-in.js';
