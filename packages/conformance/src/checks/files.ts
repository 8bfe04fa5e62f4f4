import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTarget, signInWithSpace, type Person, type Reply, type Target } from '../harness.js';
import { createUpload, download, patchUpload, plainUpload, rootOf, send, sha256 } from '../uploads.js';

const body = <T>(reply: Reply): T => reply.body as T;
interface FileItem {
  id: string;
  name: string;
  size: number;
  checksum: string;
  folderId: string;
}

/** A tus reply's problem: `application/problem+json` with a stable code. */
function assertTusProblem(reply: Reply, status: number, code: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(body<{ code: string }>(reply).code, code);
}

describe('files: folders, plain uploads, tus resumable uploads, downloads', () => {
  let target: Target;
  let karim: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let root: string;
  before(async () => {
    target = await openTarget();
    ({ people: [karim, ines, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'ines', 'theo'], 'Conformité fichiers', { ines: 'guest' }));
    root = await rootOf(karim, spaceId);
  });
  after(() => target.close());

  it('a folder is created under the root; a second one with the same name (any case) is 409', async () => {
    const made = await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Guides', parentId: root } });
    assert.equal(made.status, 201, made.text);
    const twin = await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'GUIDES', parentId: root } });
    assert.equal(twin.status, 409, twin.text);
    const guest = await ines.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Invitée', parentId: root } });
    assert.equal(guest.status, 403, guest.text);
  });

  it('a plain upload becomes a file whose bytes and SHA-256 come back on download', async () => {
    const bytes = Buffer.from('Note de service : télétravail\n');
    const reply = await plainUpload(karim, root, 'note.txt', bytes, 'text/plain');
    assert.equal(reply.status, 201, reply.text);
    const file = body<FileItem>(reply);
    assert.equal(file.size, bytes.length);
    assert.equal(file.checksum, sha256(bytes));
    const got = await download(ines, `/v1/files/${file.id}/content`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.bytes, bytes);
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await download(theo, `/v1/files/${file.id}/content`)).status, 404, 'outside the space: 404');
  });

  it('tus: an upload sent in two PATCHes resumes at the offset HEAD gives, and becomes a file', async () => {
    const bytes = Buffer.from('a'.repeat(5000) + 'b'.repeat(3000));
    const creation = await createUpload(karim, { spaceId, folderId: root, filename: 'repris.txt' }, bytes.length);
    assert.equal(creation.status, 201, creation.text);
    assert.equal(creation.headers.get('tus-resumable'), '1.0.0');
    const location = creation.headers.get('location') ?? '';
    assert.ok(location, 'Location names the upload');
    const path = location.startsWith('http') ? new URL(location).pathname : location;
    const first = await patchUpload(karim, path, 0, bytes.subarray(0, 5000));
    assert.equal(first.status, 204, first.text);
    assert.equal(first.headers.get('upload-offset'), '5000');
    const head = await send(karim, 'HEAD', path, undefined, { 'tus-resumable': '1.0.0' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('upload-offset'), '5000');
    const stale = await patchUpload(karim, path, 0, bytes.subarray(0, 10));
    assertTusProblem(stale, 409, 'conflict');
    const last = await patchUpload(karim, path, 5000, bytes.subarray(5000));
    assert.equal(last.status, 204, last.text);
    const fileId = last.headers.get('bureau-file-id') ?? '';
    assert.ok(fileId, 'the last PATCH names the file (Bureau-File-Id)');
    const file = body<FileItem>(await karim.call('GET', `/v1/files/${fileId}`));
    assert.equal(file.name, 'repris.txt');
    assert.equal(file.checksum, sha256(bytes));
    assert.equal((await send(theo, 'HEAD', path, undefined, { 'tus-resumable': '1.0.0' })).status, 404, 'another person’s upload: 404');
  });

  it('tus: a zero-length upload completes at creation; errors are problem details with stable codes', async () => {
    const empty = await createUpload(karim, { spaceId, folderId: root, filename: 'vide.txt' }, 0);
    assert.equal(empty.status, 201, empty.text);
    const emptyId = empty.headers.get('bureau-file-id');
    assert.ok(emptyId, 'a zero-length upload is a file at once');
    assert.equal(body<FileItem>(await karim.call('GET', `/v1/files/${emptyId}`)).size, 0);
    const guest = await createUpload(ines, { spaceId, folderId: root, filename: 'invitee.txt' }, 3);
    assertTusProblem(guest, 403, 'forbidden');
    const unknown = await patchUpload(karim, '/v1/uploads/upl_inexistant', 0, Buffer.from('x'));
    assertTusProblem(unknown, 404, 'not-found');
    const creation = await createUpload(karim, { spaceId, folderId: root, filename: 'json.txt' }, 2);
    const path = creation.headers.get('location') ?? '';
    const json = await send(karim, 'PATCH', path.startsWith('http') ? new URL(path).pathname : path, Buffer.from('{}'), {
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/json',
    });
    assertTusProblem(json, 415, 'unsupported-media-type');
  });
});
