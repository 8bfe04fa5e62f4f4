import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signInWithSpace, type Person } from '../conformance/harness.js';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { startServer } from '../server.js';
import { body, createUpload, download, patchUpload, plainUpload, rootOf, send, sha256, type FileJson } from './files-test-kit.test.js';

/** Files (recursively) under a folder of the data directory; none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Sends `bytes` in a PATCH, then cuts the connection after `cutAfter` bytes were written. */
function interruptedPatch(person: Person, path: string, offset: number, bytes: Buffer, cutAfter: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, person.baseUrl);
    const req = httpRequest(url, {
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

describe('tus uploads', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let karim: Person;
  let camille: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let rootId: string;
  const limit = 60 * 1024 * 1024;

  before(async () => {
    database = await freshTestDatabase('bureau-files-');
    dataDir = database.dataDir;
    server = await startServer({ ...database.options, demo: true, port: 0, allowedOrigins: ['http://intranet.test'], rateLimit: { max: 100_000, windowMs: 60_000 }, files: { maxUploadBytes: limit, quotaBytes: 200 * 1024 * 1024 } });
    ({ people: [karim, camille, ines, theo], spaceId } = await signInWithSpace(server.url, ['karim', 'camille', 'ines', 'theo'], 'Téléversements', {
      camille: 'member',
      ines: 'guest',
    }));
    rootId = await rootOf(karim, spaceId);
  });
  after(async () => {
    await server.close();
    await database.drop();
  });

  it('a 50 MB upload cut mid-way resumes from the server’s offset; the stored file’s checksum matches', async () => {
    const bytes = randomBytes(50 * 1024 * 1024);
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'archive.bin' }, bytes.length);
    assert.equal(created.status, 201, created.text);
    const location = created.headers.get('location') ?? '';
    assert.ok(created.headers.get('upload-expires'), 'expiration extension');
    const first = await patchUpload(karim, location, 0, bytes.subarray(0, 10 * 1024 * 1024));
    assert.equal(first.status, 204, first.text);
    await interruptedPatch(karim, location, 10 * 1024 * 1024, bytes.subarray(10 * 1024 * 1024), 15 * 1024 * 1024);
    const head = await send(karim, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' });
    assert.equal(head.status, 200);
    const offset = Number(head.headers.get('upload-offset'));
    assert.ok(offset >= 10 * 1024 * 1024 && offset < bytes.length, `offset ${offset}`);
    assert.equal(head.headers.get('upload-length'), String(bytes.length));
    const rest = await patchUpload(karim, location, offset, bytes.subarray(offset));
    assert.equal(rest.status, 204, rest.text);
    const fileId = rest.headers.get('bureau-file-id') ?? '';
    const file = body<FileJson>(await karim.call('GET', `/v1/files/${fileId}`));
    assert.equal(file.size, bytes.length);
    assert.equal(file.checksum, sha256(bytes));
    const got = await download(camille, `/v1/files/${fileId}/content`);
    assert.equal(createHash('sha256').update(got.bytes).digest('hex'), sha256(bytes));
    assert.equal((await send(karim, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' })).status, 404, 'a finished upload is gone');
  });

  it('nobody else can HEAD, PATCH or DELETE someone’s upload (404), not even an owner of the space', async () => {
    const created = await createUpload(camille, { spaceId, folderId: rootId, filename: 'à moi.txt' }, 10);
    const location = created.headers.get('location') ?? '';
    for (const person of [karim, ines, theo]) {
      assert.equal((await send(person, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' })).status, 404);
      assert.equal((await patchUpload(person, location, 0, Buffer.from('0123456789'))).status, 404);
      assert.equal((await send(person, 'DELETE', location, undefined, { 'tus-resumable': '1.0.0' })).status, 404);
    }
    const head = await send(camille, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' });
    assert.equal(head.headers.get('upload-offset'), '0', 'untouched');
    assert.equal((await send(camille, 'DELETE', location, undefined, { 'tus-resumable': '1.0.0' })).status, 204);
    assert.equal((await send(camille, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' })).status, 404);
  });

  it('refuses an oversize upload with 413 before storing anything', async () => {
    const before = await filesUnder(join(dataDir, 'uploads'));
    const tooBig = await createUpload(karim, { spaceId, folderId: rootId, filename: 'énorme.iso' }, limit + 1);
    assert.equal(tooBig.status, 413, tooBig.text);
    assert.equal(body<{ code: string }>(tooBig).code, 'payload-too-large');
    assert.deepEqual(await filesUnder(join(dataDir, 'uploads')), before);
    const overQuota = await createUpload(karim, { spaceId, folderId: rootId, filename: 'quota.iso' }, limit);
    const overQuota2 = await createUpload(karim, { spaceId, folderId: rootId, filename: 'quota2.iso' }, limit);
    const overQuota3 = await createUpload(karim, { spaceId, folderId: rootId, filename: 'quota3.iso' }, limit);
    assert.deepEqual([overQuota.status, overQuota2.status, overQuota3.status], [201, 201, 413], 'in-flight uploads count against the quota');
    assert.equal(body<{ reason: string }>(overQuota3).reason, 'quota');
    for (const reply of [overQuota, overQuota2]) await send(karim, 'DELETE', reply.headers.get('location') ?? '', undefined, { 'tus-resumable': '1.0.0' });
    const blobsBefore = await filesUnder(join(dataDir, 'blobs'));
    const plain = await plainUpload(karim, rootId, 'gros.bin', randomBytes(33 * 1024 * 1024));
    assert.equal(plain.status, 413);
    assert.deepEqual(await filesUnder(join(dataDir, 'blobs')), blobsBefore);
  });

  it('checks metadata at creation: guests 403, non-members 404, hostile names 422, taken names 409', async () => {
    assert.equal((await createUpload(ines, { spaceId, folderId: rootId, filename: 'invité.txt' }, 1)).status, 403);
    assert.equal((await createUpload(theo, { spaceId, folderId: rootId, filename: 'intrus.txt' }, 1)).status, 404);
    assert.equal((await createUpload(karim, { spaceId, folderId: rootId, filename: '../../etc/passwd' }, 1)).status, 422);
    assert.equal((await createUpload(karim, { spaceId, folderId: rootId }, 1)).status, 422);
    await plainUpload(karim, rootId, 'pris.txt', Buffer.from('x'));
    assert.equal((await createUpload(karim, { spaceId, folderId: rootId, filename: 'PRIS.txt' }, 1)).status, 409);
  });

  it('a tus upload with `fileId` becomes a new version', async () => {
    const file = body<FileJson>(await plainUpload(karim, rootId, 'modèle.txt', Buffer.from('v1')));
    const created = await createUpload(camille, { spaceId, folderId: rootId, fileId: file.id, filename: 'ignored' }, 2);
    assert.equal(created.status, 201, created.text);
    const done = await patchUpload(camille, created.headers.get('location') ?? '', 0, Buffer.from('v2'));
    assert.equal(done.status, 204, done.text);
    const now = body<FileJson>(await karim.call('GET', `/v1/files/${file.id}`));
    assert.equal(now.currentVersion, 2);
    assert.equal(now.name, 'modèle.txt');
  });

  it('a zero-length upload completes at creation and becomes an empty file', async () => {
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'vide.txt' }, 0);
    assert.equal(created.status, 201, created.text);
    assert.ok(created.headers.get('location'));
    assert.equal(created.headers.get('upload-offset'), '0');
    const file = body<FileJson>(await karim.call('GET', `/v1/files/${created.headers.get('bureau-file-id') ?? ''}`));
    assert.equal(file.name, 'vide.txt');
    assert.equal(file.size, 0);
    assert.equal(file.checksum, sha256(Buffer.alloc(0)));
  });

  it('tus errors are problem details with a stable code; a PATCH that is not offset+octet-stream is 415', async () => {
    const missing = await patchUpload(karim, '/v1/uploads/upl_nothing', 0, Buffer.from('x'));
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(body<{ code: string }>(missing).code, 'not-found');
    const bytes = Buffer.from('0123456789');
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'conflit.txt' }, bytes.length);
    const location = created.headers.get('location') ?? '';
    const offset = await patchUpload(karim, location, 3, bytes);
    assert.equal(offset.status, 409, offset.text);
    assert.match(offset.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(body<{ code: string }>(offset).code, 'conflict');
    const json = await patchUpload(karim, location, 0, Buffer.from('{"a":1}'), { 'content-type': 'application/json' });
    assert.equal(json.status, 415, json.text);
    assert.equal(body<{ code: string }>(json).code, 'unsupported-media-type');
    const head = await send(karim, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' });
    assert.equal(head.headers.get('upload-offset'), '0');
  });

  it('checksum extension: a chunk whose checksum differs is refused (460) and not kept', async () => {
    const bytes = Buffer.from('0123456789abcdef');
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'somme.txt' }, bytes.length);
    const location = created.headers.get('location') ?? '';
    const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('base64');
    const wrong = await patchUpload(karim, location, 0, bytes.subarray(0, 8), { 'upload-checksum': `sha1 ${sha1(Buffer.from('nope'))}` });
    assert.equal(wrong.status, 460);
    assert.match(wrong.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(body<{ code: string }>(wrong).code, 'checksum-mismatch');
    assert.equal(wrong.headers.get('upload-offset'), '0', 'the offset where the refused chunk started');
    const head = await send(karim, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' });
    assert.equal(head.headers.get('upload-offset'), '0');
    const right = await patchUpload(karim, location, 0, bytes.subarray(0, 8), { 'upload-checksum': `sha1 ${sha1(bytes.subarray(0, 8))}` });
    assert.equal(right.status, 204);
    const last = await patchUpload(karim, location, 8, bytes.subarray(8), { 'upload-checksum': `sha1 ${sha1(bytes.subarray(8))}` });
    assert.equal(last.status, 204, last.text);
    const file = body<FileJson>(await karim.call('GET', `/v1/files/${last.headers.get('bureau-file-id') ?? ''}`));
    assert.equal(file.checksum, sha256(bytes));
  });

  it('CORS lets an allowed origin speak tus: request headers allowed, tus answer headers exposed', async () => {
    const preflight = await fetch(`${server.url}/v1/uploads/upl_x`, {
      method: 'OPTIONS',
      headers: { origin: 'http://intranet.test', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'tus-resumable,upload-offset,content-type,x-csrf-token,upload-checksum' },
    });
    assert.equal(preflight.status, 204);
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['tus-resumable', 'upload-offset', 'upload-length', 'upload-metadata', 'upload-checksum', 'x-csrf-token']) assert.ok(allowed.includes(header), header);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    const created = await send(karim, 'POST', '/v1/uploads', undefined, {
      origin: 'http://intranet.test',
      'tus-resumable': '1.0.0',
      'upload-length': '1',
      'upload-metadata': `spaceId ${Buffer.from(spaceId).toString('base64')},folderId ${Buffer.from(rootId).toString('base64')},filename ${Buffer.from('cors.txt').toString('base64')}`,
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.get('access-control-allow-origin'), 'http://intranet.test');
    assert.equal(created.headers.get('access-control-allow-credentials'), 'true');
    const exposed = (created.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const header of ['location', 'upload-offset', 'upload-length', 'upload-expires', 'tus-resumable', 'bureau-file-id']) assert.ok(exposed.includes(header), header);
    await send(karim, 'DELETE', created.headers.get('location') ?? '', undefined, { 'tus-resumable': '1.0.0' });
  });

  it('tus requests need a session and the CSRF header like every write', async () => {
    const anonymous = await fetch(`${server.url}/v1/uploads`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '1' } });
    assert.equal(anonymous.status, 401);
    const headers = { ...karim.authHeaders('POST', true), 'tus-resumable': '1.0.0', 'upload-length': '1' };
    const noCsrf = await fetch(`${server.url}/v1/uploads`, { method: 'POST', headers });
    assert.equal(noCsrf.status, 403);
  });
});
