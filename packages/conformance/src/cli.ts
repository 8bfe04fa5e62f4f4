#!/usr/bin/env node
import { run } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { outcomesOf, type Outcome } from './outcomes.js';
import { sectionNames, sections, type Section } from './sections.js';

const usage = `Usage: bureau-conformance --url <base URL> [--only conventions,chat,…] [--timeout <ms>]

Runs the Bureau API conformance checks against a backend in demo mode (POST /v1/auth/dev signs in
the demo's people) and prints a report per section. Exits with 1 when a check fails.
Sections: ${sectionNames.join(', ')}.`;

interface SectionReport {
  section: Section;
  passed: number;
  failures: Outcome[];
  seconds: number;
}

// Run from the sources (tsx) or from dist: the checks sit beside this file, with its extension.
const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const here = (path: string): string => fileURLToPath(new URL(`${path}${extension}`, import.meta.url));

/**
 * Runs one section's checks with `node:test` (each module in a child process that inherits this
 * one's options and environment, `BUREAU_CONFORMANCE_URL` included) and gathers their outcomes. A
 * section where no check ran (a module that did not load) fails: passing means proving.
 */
async function runSection(section: Section, timeoutMs: number): Promise<SectionReport> {
  const started = Date.now();
  const files = sections[section].map((check) => here(`./checks/${check}`));
  const outcomes: Outcome[] = [];
  for await (const outcome of outcomesOf(run({ files, timeout: timeoutMs, concurrency: 1 }) as AsyncIterable<never>)) outcomes.push(outcome);
  const failures = outcomes.filter((outcome) => !outcome.ok);
  if (outcomes.length === 0) failures.push({ ok: false, name: `${section}: no check ran`, reason: 'the checks did not load or did not start' });
  return { section, passed: outcomes.filter((outcome) => outcome.ok).length, failures, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: { url: { type: 'string' }, only: { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { url, only, timeout, help } = parsed.values;
  if (help) {
    console.log(usage);
    return 0;
  }
  if (!url || !/^https?:\/\//.test(url)) {
    console.error(`Give the backend's base URL with --url http://…\n\n${usage}`);
    return 2;
  }
  const chosen = only === undefined ? sectionNames : only.split(',').map((name) => name.trim());
  const unknown = chosen.filter((name) => !(sectionNames as string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`Unknown section${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Sections: ${sectionNames.join(', ')}.`);
    return 2;
  }
  const timeoutMs = Number(timeout ?? 120_000);
  const base = url.replace(/\/+$/, '');
  process.env.BUREAU_CONFORMANCE_URL = base;
  // Started from inside a test (the reference server's suite does): this command is a runner of its own.
  delete process.env.NODE_TEST_CONTEXT;
  console.log(`Bureau API conformance — ${base}\n`);
  const reports: SectionReport[] = [];
  for (const section of chosen as Section[]) {
    const report = await runSection(section, timeoutMs);
    reports.push(report);
    const mark = report.failures.length === 0 ? 'pass' : 'FAIL';
    console.log(`${mark}  ${section.padEnd(14)} ${String(report.passed).padStart(3)} passed, ${String(report.failures.length).padStart(3)} failed  (${report.seconds} s)`);
    for (const failure of report.failures) console.log(`      ✗ ${failure.name}\n        ${failure.reason ?? ''}`);
  }
  const passed = reports.reduce((sum, report) => sum + report.passed, 0);
  const failed = reports.reduce((sum, report) => sum + report.failures.length, 0);
  const failing = reports.filter((report) => report.failures.length > 0).map((report) => report.section);
  console.log(`\n${passed} passed, ${failed} failed${failing.length > 0 ? ` — failing sections: ${failing.join(', ')}` : ' — conformant'}`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
