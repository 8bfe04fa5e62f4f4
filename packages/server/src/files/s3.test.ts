import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { readCliConfig } from '../cli-config.js';
import { createSpace, Person } from '../conformance/harness.js';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { startServer } from '../server.js';
import { newBlobKey } from './blob-store.js';
import { body, createUpload, download, patchUpload, plainUpload, rootOf, send, sha256, tinyPng, type FileJson } from './files-test-kit.test.js';
import { blobPrefix, S3BlobStore } from './s3-blob-store.js';
import { skipWithoutS3, startS3, type S3Fixture } from './s3-test-kit.test.js';

const MiB = 1024 * 1024;

/** The same person (same session) talking to another instance. */
const through = (person: Person, baseUrl: string): Person => Object.assign(Object.create(Object.getPrototypeOf(person) as object) as Person, person, { baseUrl });

/** Sends `bytes` in a PATCH, then cuts the connection after `cutAfter` bytes were written. */
function interruptedPatch(person: Person, path: string, offset: number, bytes: Buffer, cutAfter: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, person.baseUrl), {
      method: 'PATCH',
      headers: { ...person.authHeaders('PATCH'), 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', 'content-length': String(bytes.length) },
    });
    req.on('error', () => resolve());
    req.on('response', () => reject(new Error('the server answered a cut request')));
    req.write(bytes.subarray(0, cutAfter), () => {
      req.destroy();
      resolve();
    });
  });
}

/**
 * Resumes like a tus client: HEAD for the server's offset, PATCH the rest from there; once more on
 * 409 (the offset moved: a cut PATCH may still be settling its last part on the server); 5 tries.
 * Returns the offsets it resumed from and the final answer.
 */
async function resume(person: Person, location: string, bytes: Buffer): Promise<{ offsets: number[]; done: Awaited<ReturnType<typeof patchUpload>> }> {
  const offsets: number[] = [];
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const head = await send(person, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' });
    assert.equal(head.status, 200, head.text);
    const offset = Number(head.headers.get('upload-offset'));
    offsets.push(offset);
    const done = await patchUpload(person, location, offset, bytes.subarray(offset));
    if (done.status !== 409) return { offsets, done };
  }
  throw new Error(`${location}: the offset kept moving (${offsets.join(', ')})`);
}

describe('BUREAU_S3_* configuration', () => {
  const all = {
    BUREAU_S3_ENDPOINT: 'https://s3.example.net',
    BUREAU_S3_BUCKET: 'bureau',
    BUREAU_S3_REGION: 'fr-par',
    BUREAU_S3_ACCESS_KEY_ID: 'AK',
    BUREAU_S3_SECRET_ACCESS_KEY: 'SK',
  };

  it('configures the store from the five variables, path-style by default', () => {
    const config = readCliConfig(['--demo'], all);
    assert.ok(config.ok);
    assert.deepEqual(config.options.files?.s3, { endpoint: 'https://s3.example.net', bucket: 'bureau', region: 'fr-par', accessKeyId: 'AK', secretAccessKey: 'SK', forcePathStyle: true });
    const virtual = readCliConfig(['--demo'], { ...all, BUREAU_S3_FORCE_PATH_STYLE: 'false', BUREAU_S3_PART_SIZE: String(16 * MiB) });
    assert.ok(virtual.ok);
    assert.equal(virtual.options.files?.s3?.forcePathStyle, false);
    assert.equal(virtual.options.files?.s3?.partSize, 16 * MiB);
    const none = readCliConfig(['--demo'], {});
    assert.ok(none.ok);
    assert.equal(none.options.files?.s3, undefined, 'local disk when nothing is set');
  });

  it('refuses to start when only some are set, or with a malformed value, and says what is wrong', () => {
    const half = readCliConfig(['--demo'], { BUREAU_S3_ENDPOINT: 'https://s3.example.net', BUREAU_S3_BUCKET: 'bureau' });
    assert.equal(half.ok, false);
    assert.match(half.ok ? '' : half.message, /missing: BUREAU_S3_REGION, BUREAU_S3_ACCESS_KEY_ID, BUREAU_S3_SECRET_ACCESS_KEY/);
    const onlyStyle = readCliConfig(['--demo'], { BUREAU_S3_FORCE_PATH_STYLE: 'true' });
    assert.equal(onlyStyle.ok, false);
    for (const wrong of [{ BUREAU_S3_ENDPOINT: 's3.example.net' }, { BUREAU_S3_FORCE_PATH_STYLE: 'oui' }, { BUREAU_S3_PART_SIZE: '1048576' }]) {
      const config = readCliConfig(['--demo'], { ...all, ...wrong });
      assert.equal(config.ok, false, JSON.stringify(wrong));
      assert.match(config.ok ? '' : config.message, new RegExp(Object.keys(wrong)[0] ?? ''));
    }
  });
});

const uploadObjects = (keys: string[]) => keys.filter((key) => key.startsWith('upl_'));
const tus = { 'tus-resumable': '1.0.0' };

describe('S3BlobStore on a real S3-compatible server', { skip: skipWithoutS3 }, () => {
  let s3: S3Fixture;
  let store: S3BlobStore;
  before(async () => {
    s3 = await startS3();
    store = new S3BlobStore({ ...s3.options, partSize: 5 * MiB });
  });
  after(async () => {
    store?.client.destroy();
    await s3?.close();
  });

  it('puts a stream (multipart past one part), stats it, reads it whole and by range, deletes it', async () => {
    const bytes = randomBytes(12 * MiB + 123);
    const key = newBlobKey();
    assert.equal(await store.stat(key), null);
    await store.put(key, Readable.from([bytes.subarray(0, 3 * MiB), bytes.subarray(3 * MiB)]));
    assert.deepEqual(await s3.keys(), [`${blobPrefix}${key}`]);
    assert.deepEqual(await store.stat(key), { size: bytes.length });
    assert.equal(sha256(await buffer(await store.get(key))), sha256(bytes));
    const range = { start: 5 * MiB - 10, end: 5 * MiB + 9 };
    assert.deepEqual(await buffer(await store.get(key, range)), bytes.subarray(range.start, range.end + 1));
    await store.delete(key);
    assert.equal(await store.stat(key), null);
    await store.delete(key);
    assert.deepEqual(await s3.keys(), []);
  });

  it('a put whose stream fails leaves no object and no multipart upload behind', async () => {
    const key = newBlobKey();
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(6 * MiB);
        throw new Error('the client went away');
      })(),
    );
    await assert.rejects(store.put(key, failing), /the client went away/);
    assert.equal(await store.stat(key), null);
    assert.deepEqual(await s3.multipartUploads(), []);
  });

  it('a server whose bucket is missing refuses to start, and says which', async () => {
    const database = await freshTestDatabase('bureau-s3-');
    try {
      await assert.rejects(
        startServer({ ...database.options, demo: true, port: 0, files: { s3: { ...s3.options, bucket: 'nowhere-to-be-found' } } }),
        /The S3 bucket "nowhere-to-be-found" at http:\/\/127\.0\.0\.1:\d+ cannot be used: no such bucket/,
      );
    } finally {
      await database.drop();
    }
  });

  it('refuses keys it did not make', async () => {
    await assert.rejects(store.get('../etc/passwd'), /Invalid blob key/);
    await assert.rejects(store.put('a/b', Readable.from([])), /Invalid blob key/);
  });
});

describe('files on S3: tus uploads, downloads, two instances sharing a bucket and a database', { skip: skipWithoutS3 }, () => {
  let s3: S3Fixture;
  let database: TestDatabase;
  let dataDir: string;
  let one: Awaited<ReturnType<typeof startServer>>;
  let two: Awaited<ReturnType<typeof startServer>>;
  let karim: Person;
  let camille: Person;
  let spaceId: string;
  let rootId: string;
  const limit = 40 * MiB;

  before(async () => {
    s3 = await startS3();
    // One database for both instances: the same SQLite file, or the same PostgreSQL database when
    // the suite runs on PostgreSQL (BUREAU_TEST_DATABASE_URL).
    database = await freshTestDatabase('bureau-s3-');
    dataDir = database.dataDir;
    const options = { ...database.options, demo: true, port: 0, rateLimit: { max: 100_000, windowMs: 60_000 }, files: { maxUploadBytes: limit, maxPlainUploadBytes: 8 * MiB, s3: { ...s3.options, partSize: 5 * MiB } } };
    one = await startServer(options);
    two = await startServer(options);
    [karim, camille] = await Person.signInAll(one.url, ['karim', 'camille']);
    spaceId = await createSpace(karim, 'Stockage objet', [[camille, 'member']]);
    rootId = await rootOf(karim, spaceId);
  });
  after(async () => {
    await two?.close();
    await one?.close();
    await s3?.close();
    await database?.drop();
  });

  it('keeps neither blobs nor uploads on the local disk', async () => {
    await plainUpload(karim, rootId, 'local.txt', Buffer.from('où sont les octets ?'));
    const local = await readdir(dataDir);
    assert.ok(!local.includes('blobs') && !local.includes('uploads'), local.join(', '));
    assert.ok((await s3.keys()).some((key) => key.startsWith(blobPrefix)));
  });

  it('a 12 MB tus upload cut mid-way resumes from the offset S3 holds; the stored file’s checksum matches', async () => {
    const bytes = randomBytes(12 * MiB + 777);
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'grand.bin' }, bytes.length);
    assert.equal(created.status, 201, created.text);
    assert.ok(created.headers.get('upload-expires'), 'expiration extension');
    const location = created.headers.get('location') ?? '';
    const first = await patchUpload(karim, location, 0, bytes.subarray(0, 6 * MiB));
    assert.equal(first.status, 204, first.text);
    assert.deepEqual(await s3.multipartUploads(), [location.split('/').pop()], 'the upload is an S3 multipart upload');
    await interruptedPatch(karim, location, 6 * MiB, bytes.subarray(6 * MiB), 3 * MiB);
    const { offsets, done: rest } = await resume(karim, location, bytes);
    assert.ok(offsets[0]! >= 5 * MiB && offsets[0]! < bytes.length, `the part stored before the cut is kept: offsets ${offsets.join(', ')}`);
    assert.equal(rest.status, 204, rest.text);
    const fileId = rest.headers.get('bureau-file-id') ?? '';
    const file = body<FileJson>(await karim.call('GET', `/v1/files/${fileId}`));
    assert.equal(file.size, bytes.length);
    assert.equal(file.checksum, sha256(bytes));
    const got = await download(camille, `/v1/files/${fileId}/content`);
    assert.equal(got.status, 200);
    assert.equal(sha256(got.bytes), sha256(bytes));
    assert.deepEqual(uploadObjects(await s3.keys()), [], 'nothing of the upload is left in the bucket');
    assert.deepEqual(await s3.multipartUploads(), []);
    assert.equal((await send(karim, 'HEAD', location, undefined, tus)).status, 404, 'a finished upload is gone');
  });

  it('an upload started on instance 1 is resumed and finished on instance 2 (same session, bucket and database)', async () => {
    const bytes = randomBytes(11 * MiB + 5);
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'deux-instances.bin' }, bytes.length);
    assert.equal(created.status, 201, created.text);
    const location = created.headers.get('location') ?? '';
    const first = await patchUpload(karim, location, 0, bytes.subarray(0, 6 * MiB + 1));
    assert.equal(first.status, 204, first.text);
    const karimOnTwo = through(karim, two.url);
    const head = await send(karimOnTwo, 'HEAD', location, undefined, tus);
    assert.equal(head.status, 200, head.text);
    assert.equal(head.headers.get('upload-offset'), String(6 * MiB + 1), 'instance 2 reads the offset from S3, tail part included');
    assert.equal(head.headers.get('upload-length'), String(bytes.length));
    assert.equal((await send(through(camille, two.url), 'HEAD', location, undefined, tus)).status, 404, 'instance 2 knows whose upload it is');
    const rest = await patchUpload(karimOnTwo, location, 6 * MiB + 1, bytes.subarray(6 * MiB + 1));
    assert.equal(rest.status, 204, rest.text);
    const fileId = rest.headers.get('bureau-file-id') ?? '';
    assert.match(fileId, /.+/);
    const onOne = body<FileJson>(await karim.call('GET', `/v1/files/${fileId}`));
    assert.equal(onOne.checksum, sha256(bytes), 'measured from the bytes in S3');
    const got = await download(camille, `/v1/files/${fileId}/content`);
    assert.equal(sha256(got.bytes), sha256(bytes));
    assert.deepEqual(uploadObjects(await s3.keys()), []);
  });

  it('checksum extension on S3: a chunk whose checksum differs is refused (460) before it reaches the bucket', async () => {
    const bytes = randomBytes(6 * MiB);
    const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('base64');
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'somme.bin' }, bytes.length);
    const location = created.headers.get('location') ?? '';
    const wrong = await patchUpload(karim, location, 0, bytes.subarray(0, 5 * MiB), { 'upload-checksum': `sha1 ${sha1(Buffer.from('nope'))}` });
    assert.equal(wrong.status, 460, wrong.text);
    assert.equal((await send(karim, 'HEAD', location, undefined, tus)).headers.get('upload-offset'), '0');
    const right = await patchUpload(through(karim, two.url), location, 0, bytes.subarray(0, 5 * MiB), { 'upload-checksum': `sha1 ${sha1(bytes.subarray(0, 5 * MiB))}` });
    assert.equal(right.status, 204, right.text);
    const last = await patchUpload(karim, location, 5 * MiB, bytes.subarray(5 * MiB), { 'upload-checksum': `sha1 ${sha1(bytes.subarray(5 * MiB))}` });
    assert.equal(last.status, 204, last.text);
    const file = body<FileJson>(await karim.call('GET', `/v1/files/${last.headers.get('bureau-file-id') ?? ''}`));
    assert.equal(file.checksum, sha256(bytes));
  });

  it('a checksummed chunk longer than the upload is refused (413) before it is spooled whole', async () => {
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'court.txt' }, 10);
    const location = created.headers.get('location') ?? '';
    const long = randomBytes(64 * 1024);
    const refused = await patchUpload(karim, location, 0, long, { 'upload-checksum': `sha1 ${createHash('sha1').update(long).digest('base64')}` });
    assert.equal(refused.status, 413, refused.text);
    assert.equal((await send(karim, 'HEAD', location, undefined, tus)).headers.get('upload-offset'), '0');
    assert.equal((await send(karim, 'DELETE', location, undefined, tus)).status, 204);
  });

  it('termination on S3 aborts the multipart upload and leaves nothing of it', async () => {
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'abandon.bin' }, 7 * MiB);
    const location = created.headers.get('location') ?? '';
    const id = location.split('/').pop() ?? '';
    assert.equal((await patchUpload(karim, location, 0, randomBytes(1000))).status, 204);
    assert.ok((await s3.keys()).includes(`${id}.part`), 'a tail shorter than a part waits in `.part`');
    assert.equal((await send(through(karim, two.url), 'DELETE', location, undefined, tus)).status, 204);
    assert.deepEqual(uploadObjects(await s3.keys()), []);
    assert.deepEqual(await s3.multipartUploads(), []);
    assert.equal((await send(karim, 'HEAD', location, undefined, tus)).status, 404);
  });

  it('refuses an oversize upload with 413 before anything reaches the bucket', async () => {
    const before = await s3.keys();
    const tooBig = await createUpload(karim, { spaceId, folderId: rootId, filename: 'énorme.iso' }, limit + 1);
    assert.equal(tooBig.status, 413, tooBig.text);
    assert.deepEqual(await s3.keys(), before);
    assert.deepEqual(await s3.multipartUploads(), []);
    const plain = await plainUpload(karim, rootId, 'gros.bin', randomBytes(8 * MiB + 1));
    assert.equal(plain.status, 413, plain.text);
    assert.deepEqual(await s3.keys(), before, 'the blob begun in S3 was abandoned');
    assert.deepEqual(await s3.multipartUploads(), []);
  });

  it('downloads served from S3 keep the security headers, Range and conditional requests', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const file = body<FileJson>(await plainUpload(karim, rootId, 'logo.svg', svg, 'image/png'));
    assert.equal(file.type, 'image/svg+xml');
    assert.equal((await download(camille, `/v1/files/${file.id}/preview`)).status, 404, 'SVG is never inline');
    const onOne = await download(camille, `/v1/files/${file.id}/content`);
    const onTwo = await download(through(camille, two.url), `/v1/files/${file.id}/content`);
    for (const got of [onOne, onTwo]) {
      assert.equal(got.status, 200);
      assert.deepEqual(got.bytes, svg);
      assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
      assert.match(got.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.match(got.headers.get('content-disposition') ?? '', /^attachment;/);
    }
    const png = body<FileJson>(await plainUpload(karim, rootId, 'point.png', tinyPng, 'image/png'));
    const preview = await download(camille, `/v1/files/${png.id}/preview`);
    assert.equal(preview.status, 200);
    assert.deepEqual(preview.bytes, tinyPng);
    assert.match(preview.headers.get('content-disposition') ?? '', /^inline;/);
    assert.equal(preview.headers.get('x-content-type-options'), 'nosniff');
    assert.match(preview.headers.get('content-security-policy') ?? '', /sandbox/);
    const part = await download(camille, `/v1/files/${file.id}/content`, { range: 'bytes=5-14' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 5-14/${svg.length}`);
    assert.deepEqual(part.bytes, svg.subarray(5, 15));
    assert.equal(part.headers.get('x-content-type-options'), 'nosniff');
    const unchanged = await download(camille, `/v1/files/${file.id}/content`, { 'if-none-match': onOne.headers.get('etag') ?? '' });
    assert.equal(unchanged.status, 304);
  });

  it('expiration: an instance that starts sweeps expired uploads from the bucket and the database, whoever started them', async () => {
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'oubli.bin' }, 7 * MiB);
    const location = created.headers.get('location') ?? '';
    assert.equal((await patchUpload(karim, location, 0, randomBytes(1000))).status, 204);
    assert.notDeepEqual(uploadObjects(await s3.keys()), []);
    // A third instance whose uploads expire after 1 ms: its start-up sweep finds this one expired.
    const three = await startServer({ ...database.options, demo: true, port: 0, files: { uploadExpiryMs: 1, s3: s3.options } });
    try {
      assert.deepEqual(uploadObjects(await s3.keys()), []);
      assert.deepEqual(await s3.multipartUploads(), []);
      assert.equal((await send(karim, 'HEAD', location, undefined, tus)).status, 404);
    } finally {
      await three.close();
    }
  });

  it('erasing a person under the "delete" policy deletes their documents’ objects from the bucket', async () => {
    const [mehdi, nadia] = await Person.signInAll(one.url, ['mehdi', 'nadia']);
    const deleting = await createSpace(karim, 'Éphémère S3', [[mehdi, 'member']]);
    const policy = await karim.call('PUT', `/v1/spaces/${deleting}/policy`, { json: { erasure: 'delete', messageRetentionMonths: null, documentRetentionMonths: null, trashRetentionDays: null } });
    assert.equal(policy.status, 200, policy.text);
    const file = body<FileJson>(await plainUpload(mehdi, await rootOf(karim, deleting), 'notes-mehdi.txt', Buffer.from('Notes de Mehdi')));
    const objects = await s3.keys();
    const erased = await through(nadia, two.url).call('POST', '/v1/admin/users/mehdi/erasure');
    assert.equal(erased.status, 200, erased.text);
    assert.equal((await karim.call('GET', `/v1/files/${file.id}`)).status, 404);
    const left = new Set(await s3.keys());
    const gone = objects.filter((key) => !left.has(key));
    assert.equal(gone.length, 1, 'exactly the object of his one version');
    assert.ok(gone[0]?.startsWith(blobPrefix));
  });
});
