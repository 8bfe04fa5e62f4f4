#!/usr/bin/env node
// `npm test`: builds once, checks the bundle budgets, then runs the suites in two lanes side by side,
// since neither keeps both cores busy on its own (the browser suites wait on Chromium and the network,
// the server suites on SQLite, PostgreSQL and timers):
//   lane 1: browser (SDK and components) → e2e (two people, demo page, chaos) → scale-out (nginx, PostgreSQL, S3)
//           → examples (cross-site, strict CSP, README snippet, consumer typings)
//   lane 2: server on SQLite → server on PostgreSQL (the lane that takes longest: two test files at
//           a time, since each file's process mostly waits on its server, its database and its timers)
// Each suite's output is printed whole when it ends, so the lanes' lines never interleave; a summary
// with each suite's time and result closes the run. Exits non-zero when any suite failed.
import { spawn } from 'node:child_process';

/** @typedef {{ name: string, script: string }} Suite */

const lanes = [
  ['test:browser', 'test:e2e', 'test:scale', 'test:examples'],
  ['test:server', 'test:server:pg'],
];

/** Runs `npm run <script>`, collecting its output; resolves with its exit code and duration. */
function run(script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code, signal) => {
      const output = Buffer.concat(chunks).toString();
      process.stdout.write(`\n━━━ ${script} ━━━\n${output}`);
      resolve({ script, code: code ?? (signal ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000), ...counts(output) });
    });
  });
}

/**
 * The tests a suite passed and failed, from its runner's closing lines: node's test runner
 * (`# pass N` or, with the spec reporter, `ℹ pass N`, one per run) or web-test-runner (`N passed, N failed`, the last one).
 */
function counts(output) {
  const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const sum = (pattern) => [...plain.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  const runner = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (runner !== undefined) return { passed: Number(runner[1]), failed: Number(runner[2]) };
  return { passed: sum(/^(?:#|ℹ) pass (\d+)$/gm), failed: sum(/^(?:#|ℹ) fail (\d+)$/gm) };
}

/** Runs `npm run <script>` with its output streamed, for the steps before the lanes. */
function step(script) {
  return new Promise((resolve) => {
    spawn('npm', ['run', script], { stdio: 'inherit' }).on('close', (code) => resolve(code ?? 1));
  });
}

const start = Date.now();
for (const script of ['build', 'test:size']) {
  if ((await step(script)) !== 0) {
    console.error(`npm test: ${script} failed; the suites did not run.`);
    process.exit(1);
  }
}

const results = (
  await Promise.all(
    lanes.map(async (lane) => {
      const done = [];
      for (const script of lane) done.push(await run(script));
      return done;
    }),
  )
).flat();

console.log('\n━━━ summary ━━━');
for (const { script, code, seconds, passed, failed } of results) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'}  ${script.padEnd(16)} ${String(seconds).padStart(5)} s  ${passed} passed, ${failed} failed`);
}
console.log(`all suites in ${Math.round((Date.now() - start) / 1000)} s`);
const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
console.log(`tests: ${total('passed')} passed, ${total('failed')} failed`);
const failed = results.filter(({ code }) => code !== 0);
if (failed.length > 0) {
  console.error(`npm test: ${failed.map(({ script }) => script).join(', ')} failed.`);
  process.exit(1);
}
