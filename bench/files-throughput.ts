// Upload throughput on loopback, with the reference server in its own process: the same 100 MB of
// random bytes sent (a) by tus 1.0 (creation, then one PATCH, as tus-js-client does by default) and
// (b) in one plain request (`POST /v1/folders/{id}/files`), alternately, several rounds. Prints the
// median MB/s of each and the ratio tus / plain, which should stay ≥ 0.9.
// Run: `node --conditions=bureau:source --import tsx bench/files-throughput.ts` (options: --mb=100 --rounds=3).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { announce, devSignIn, expectStatus, startServerChild, stopServerChild, unlimited } from './server-child.js';

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};
const megabytes = arg('mb', 100);
const rounds = arg('rounds', 3);

/** Child mode: the reference server in demo mode, limits lifted, on a fresh folder; prints its URL. */
async function serve(): Promise<void> {
  const { startServer } = await import('@bureau/server');
  const dataDir = await mkdtemp(join(tmpdir(), 'bureau-bench-files-'));
  const server = await startServer({ dataDir, demo: true, port: 0, rateLimit: unlimited, files: { maxPlainUploadBytes: (megabytes + 1) * 1024 * 1024 } });
  announce(server, () => rm(dataDir, { recursive: true, force: true }));
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

async function viaTus(url: string, auth: Record<string, string>, folderId: string, bytes: Buffer, name: string): Promise<number> {
  const start = performance.now();
  const created = await expectStatus(
    await fetch(`${url}/v1/uploads`, {
      method: 'POST',
      headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': `spaceId ${b64('espace-rh-360')},folderId ${b64(folderId)},filename ${b64(name)}` },
    }),
    201,
    'tus creation',
  );
  const location = created.headers.get('location') ?? '';
  await expectStatus(
    await fetch(`${url}${location}`, {
      method: 'PATCH',
      headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: bytes,
    }),
    204,
    'tus PATCH',
  );
  return performance.now() - start;
}

async function viaPlain(url: string, auth: Record<string, string>, folderId: string, bytes: Buffer, name: string): Promise<number> {
  const start = performance.now();
  await expectStatus(
    await fetch(`${url}/v1/folders/${folderId}/files?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: bytes }),
    201,
    'plain upload',
  );
  return performance.now() - start;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const server = await startServerChild(import.meta.url, ['--serve', `--mb=${megabytes}`]);
  const { url } = server;
  try {
    const auth = await devSignIn(url);
    const tree = (await (await fetch(`${url}/v1/spaces/espace-rh-360/folders`, { headers: auth })).json()) as { rootId: string };
    const bytes = randomBytes(megabytes * 1024 * 1024);
    const tus: number[] = [];
    const plain: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      tus.push(await viaTus(url, auth, tree.rootId, bytes, `bench-tus-${round}.bin`));
      plain.push(await viaPlain(url, auth, tree.rootId, bytes, `bench-plain-${round}.bin`));
    }
    const rate = (ms: number) => (megabytes * 1.048576) / (ms / 1000);
    const tusRate = rate(median(tus));
    const plainRate = rate(median(plain));
    process.stdout.write(
      `${JSON.stringify({ megabytes, rounds, tusMBps: Number(tusRate.toFixed(1)), plainMBps: Number(plainRate.toFixed(1)), ratio: Number((tusRate / plainRate).toFixed(3)), target: '>= 0.9' })}\n`,
    );
  } finally {
    await stopServerChild(server);
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
