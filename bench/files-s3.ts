// Files on S3 versus local disk, on loopback: the same random bytes uploaded by tus 1.0 (creation,
// then one PATCH) and downloaded again, through a reference server on local disk and through one on
// an S3-compatible store (moto's server, as in the S3 tests, or BUREAU_TEST_S3_ENDPOINT), each in
// its own process, alternately, several rounds. Prints the median MB/s of each and the ratios.
// Run: `node --conditions=bureau:source --import tsx bench/files-s3.ts` (options: --mb=50 --rounds=3 --part-mb=8).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startS3 } from '../packages/server/src/files/s3-test-kit.test.ts';
import { announce, devSignIn, expectStatus, startServerChild, stopServerChild, unlimited } from './server-child.js';

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};
const megabytes = arg('mb', 50);
const rounds = arg('rounds', 3);
const partMegabytes = arg('part-mb', 8);

/** Child mode: the reference server in demo mode on a fresh folder, on S3 when `--s3=<json>` is given; prints its URL. */
async function serve(): Promise<void> {
  const { startServer } = await import('@bureau/server');
  const s3Arg = process.argv.find((a) => a.startsWith('--s3='));
  const s3 = s3Arg ? { ...(JSON.parse(s3Arg.slice('--s3='.length)) as Record<string, string>), partSize: partMegabytes * 1024 * 1024 } : null;
  const dataDir = await mkdtemp(join(tmpdir(), 'bureau-bench-s3-'));
  const server = await startServer({ dataDir, demo: true, port: 0, rateLimit: unlimited, files: { s3: s3 as never } });
  announce(server, () => rm(dataDir, { recursive: true, force: true }));
}

/** This file again as a server child (its stderr, moto's chatter included, is dropped). */
const startChild = (extra: string[]) => startServerChild(import.meta.url, ['--serve', `--part-mb=${partMegabytes}`, ...extra], { stderr: 'ignore' });

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Milliseconds of a tus upload (creation + one PATCH) and of the download of the file it made. */
async function roundTrip(url: string, auth: Record<string, string>, folderId: string, bytes: Buffer, name: string): Promise<{ up: number; down: number }> {
  const start = performance.now();
  const created = await expectStatus(
    await fetch(`${url}/v1/uploads`, {
      method: 'POST',
      headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': `spaceId ${b64('espace-rh-360')},folderId ${b64(folderId)},filename ${b64(name)}` },
    }),
    201,
    'tus creation',
  );
  const done = await expectStatus(
    await fetch(`${url}${created.headers.get('location') ?? ''}`, {
      method: 'PATCH',
      headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: bytes,
    }),
    204,
    'tus PATCH',
  );
  const up = performance.now() - start;
  const fileId = done.headers.get('bureau-file-id') ?? '';
  const before = performance.now();
  const got = await expectStatus(await fetch(`${url}/v1/files/${fileId}/content`, { headers: auth }), 200, 'download');
  const hash = createHash('sha256');
  for await (const chunk of got.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  const down = performance.now() - before;
  if (hash.digest('hex') !== createHash('sha256').update(bytes).digest('hex')) throw new Error('the downloaded bytes differ');
  return { up, down };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const s3 = await startS3();
  const local = await startChild([]);
  const remote = await startChild([`--s3=${JSON.stringify(s3.options)}`]);
  try {
    const targets = { local, s3: remote };
    const auth = { local: await devSignIn(local.url), s3: await devSignIn(remote.url) };
    const roots = {
      local: ((await (await fetch(`${local.url}/v1/spaces/espace-rh-360/folders`, { headers: auth.local })).json()) as { rootId: string }).rootId,
      s3: ((await (await fetch(`${remote.url}/v1/spaces/espace-rh-360/folders`, { headers: auth.s3 })).json()) as { rootId: string }).rootId,
    };
    const bytes = randomBytes(megabytes * 1024 * 1024);
    const times = { local: { up: [] as number[], down: [] as number[] }, s3: { up: [] as number[], down: [] as number[] } };
    for (let round = 0; round < rounds; round += 1) {
      for (const kind of ['local', 's3'] as const) {
        const { up, down } = await roundTrip(targets[kind].url, auth[kind], roots[kind], bytes, `bench-${kind}-${round}.bin`);
        times[kind].up.push(up);
        times[kind].down.push(down);
      }
    }
    const rate = (ms: number) => Number(((megabytes * 1.048576) / (ms / 1000)).toFixed(1));
    const result = {
      megabytes,
      rounds,
      partMegabytes,
      s3Server: process.env.BUREAU_TEST_S3_ENDPOINT ? 'BUREAU_TEST_S3_ENDPOINT' : 'moto (in-memory, Python)',
      tusUploadMBps: { local: rate(median(times.local.up)), s3: rate(median(times.s3.up)) },
      downloadMBps: { local: rate(median(times.local.down)), s3: rate(median(times.s3.down)) },
    };
    process.stdout.write(
      `${JSON.stringify({ ...result, uploadRatioS3ToLocal: Number((result.tusUploadMBps.s3 / result.tusUploadMBps.local).toFixed(3)), downloadRatioS3ToLocal: Number((result.downloadMBps.s3 / result.downloadMBps.local).toFixed(3)) })}\n`,
    );
  } finally {
    await Promise.all([stopServerChild(local), stopServerChild(remote)]);
    await s3.close();
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
