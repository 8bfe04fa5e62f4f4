#!/usr/bin/env node
// `npm test`: builds once, checks the bundle budgets, then runs the suites two at a time, since no
// suite keeps both cores busy on its own (the browser suites wait on Chromium and the network, the
// server suites on SQLite, PostgreSQL and timers). Two workers take the suites longest first
// (their times in the last CI run: server on SQLite 344 s, on PostgreSQL 277, browser 191, e2e 182,
// examples 89, scale-out 31; then the type check of the test files, about 40 s), so that both stay busy to the end: in two fixed lanes, the server lane
// ran alone for its last two minutes. Each suite's output is printed whole when it ends, so that
// suites never interleave; a summary with each suite's time and result closes the run. Exits
// non-zero when any suite failed.
import { spawn } from 'node:child_process';

/** Longest first. */
const suites = ['test:server', 'test:server:pg', 'test:browser', 'test:e2e', 'test:examples', 'test:scale', 'test:types'];
const workers = 2;

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

/** Runs `npm run <script>` with its output streamed, for the steps before the suites. */
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

const queue = [...suites];
const results = [];
await Promise.all(
  Array.from({ length: workers }, async () => {
    for (let script = queue.shift(); script !== undefined; script = queue.shift()) results.push(await run(script));
  }),
);
results.sort((a, b) => suites.indexOf(a.script) - suites.indexOf(b.script));

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
