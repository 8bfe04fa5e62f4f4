// The drop-in entry: rollup bundles it, with lit and the SDK, into dist/bureau.js — the one file an
// intranet loads with <script type="module">. Its types are those of all.ts.
export * from './all.js';
