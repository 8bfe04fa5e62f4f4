import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { fromSource } from '../test-process.js';
import { startReference, type Target } from './harness.js';

// The command from its sources when this file runs through tsx, else as built (`npm run build`).
const cli = fromSource
  ? ['--conditions=bureau:source', '--import', 'tsx', fileURLToPath(new URL('../../../conformance/src/cli.ts', import.meta.url))]
  : [fileURLToPath(new URL('../../../conformance/dist/cli.js', import.meta.url))];

/** Runs `bureau-conformance` (from its sources) with `args`; its exit code and report. */
function conformance(args: string[]): Promise<{ code: number | null; report: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let report = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (report += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (report += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, report });
    });
  });
}

// The whole kit runs against the reference server in this suite already (one file per check, beside
// this one); here the command itself: its report per section and its exit code.
describe('bureau-conformance, the command', () => {
  let reference: Target;
  before(async () => {
    reference = await startReference();
  });
  after(() => reference.close());

  it('against the reference server: every check of the sections asked for passes, exit 0', async () => {
    const { code, report } = await conformance(['--url', reference.baseUrl, '--only', 'boards']);
    assert.equal(code, 0, report);
    assert.match(report, /^pass {2}boards +[1-9]\d* passed, +0 failed/m);
    assert.match(report, /— conformant$/m);
  });

  it('against a server that answers 500 to everything: each section fails with its reasons, exit 1', async () => {
    const broken = createServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = broken.address() as AddressInfo;
      const { code, report } = await conformance(['--url', `http://127.0.0.1:${port}`, '--only', 'authorization,files']);
      assert.equal(code, 1, report);
      assert.match(report, /^FAIL {2}authorization +0 passed, +[1-9]\d* failed/m);
      assert.match(report, /^FAIL {2}files +0 passed, +[1-9]\d* failed/m);
      assert.match(report, /✗ .+\n +.*answered 500: boom/, 'a failing check says why');
      assert.match(report, /failing sections: authorization, files$/m);
    } finally {
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
  });

  it('refuses an unknown section, exit 2', async () => {
    const unknown = await conformance(['--url', 'http://127.0.0.1:9', '--only', 'chess']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.report, /Unknown section: chess/);
  });
});
