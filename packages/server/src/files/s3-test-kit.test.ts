// Not a test: a real S3-compatible server for the S3 tests (named *.test.ts so the build leaves it out; it has no tests).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { CreateBucketCommand, ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3Options } from './options.js';
import { s3ClientConfig } from './s3-blob-store.js';

/**
 * The S3 tests run against moto's S3 server (`moto.server`, Python), started here on 127.0.0.1:
 * it implements what @tus/s3-store needs (multipart uploads with ListParts, AbortMultipartUpload,
 * ListMultipartUploads, CopyObject, ranged GetObject), which s3rver 3.7 does not (no ListParts nor
 * AbortMultipartUpload). Or against any S3-compatible endpoint named by `BUREAU_TEST_S3_ENDPOINT`
 * (with `BUREAU_TEST_S3_ACCESS_KEY_ID`, `BUREAU_TEST_S3_SECRET_ACCESS_KEY`, `BUREAU_TEST_S3_REGION`):
 * each test suite makes its own bucket there.
 */
const external = process.env.BUREAU_TEST_S3_ENDPOINT;
const python = process.env.BUREAU_TEST_PYTHON ?? 'python3';

/** Why no S3-compatible server can run here, or null when one can. */
export const s3Missing: string | null = external
  ? null
  : spawnSync(python, ['-c', 'import moto.server, flask, flask_cors'], { stdio: 'ignore' }).status === 0
    ? null
    : `no S3-compatible server: ${python} cannot import moto.server (moto with its server extras), and BUREAU_TEST_S3_ENDPOINT is not set`;

/** `describe`'s skip option: skip with the reason when no server can run, except in CI, where the suite fails instead. */
export const skipWithoutS3: string | false = s3Missing !== null && process.env.CI !== 'true' ? s3Missing : false;

export interface S3Fixture {
  /** A fresh, empty bucket on the server. */
  options: S3Options;
  client: S3Client;
  /** Every object key of the bucket, sorted. */
  keys(): Promise<string[]>;
  /** The keys of the bucket's unfinished multipart uploads. */
  multipartUploads(): Promise<string[]>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts moto's server on a free loopback port; resolves once it says it is running (20 s at most). */
async function startMoto(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(python, ['-c', 'import sys; from moto.server import main; main(sys.argv[1:])', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`moto did not start within 20 s:\n${output}`)), 20_000);
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Running on http://127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto exited (${code}) before it started:\n${output}`));
    });
  });
  // Keep draining its request log so that it never blocks on a full pipe.
  if (process.env.BUREAU_TEST_S3_LOG) {
    const { createWriteStream } = await import('node:fs');
    const log = createWriteStream(process.env.BUREAU_TEST_S3_LOG);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A fresh bucket on moto (started for this suite) or on `BUREAU_TEST_S3_ENDPOINT`. */
export async function startS3(): Promise<S3Fixture> {
  if (s3Missing !== null) throw new Error(s3Missing);
  const server = external ? { endpoint: external, stop: async () => {} } : await startMoto();
  const options: S3Options = {
    endpoint: server.endpoint,
    bucket: `bureau-test-${randomBytes(6).toString('hex')}`,
    region: process.env.BUREAU_TEST_S3_REGION ?? 'us-east-1',
    accessKeyId: process.env.BUREAU_TEST_S3_ACCESS_KEY_ID ?? 'testing',
    secretAccessKey: process.env.BUREAU_TEST_S3_SECRET_ACCESS_KEY ?? 'testing',
    forcePathStyle: true,
  };
  const client = new S3Client(s3ClientConfig(options));
  await client.send(new CreateBucketCommand({ Bucket: options.bucket }));
  return {
    options,
    client,
    async keys() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: options.bucket, ContinuationToken: token }));
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async multipartUploads() {
      const page = await client.send(new ListMultipartUploadsCommand({ Bucket: options.bucket }));
      return (page.Uploads ?? []).map((upload) => upload.Key ?? '').sort();
    },
    async close() {
      client.destroy();
      await server.stop();
    },
  };
}
