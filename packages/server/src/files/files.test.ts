import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, Person, startReference, type Target } from '../conformance/harness.js';
import { body, createUpload, download, patchUpload, plainUpload, rootOf, send, sha256, tinyPng, type FileJson } from './files-test-kit.test.js';

describe('files: folders, plain uploads, downloads', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let rootId: string;

  before(async () => {
    target = await startReference();
    [karim, camille, ines, theo] = (await Promise.all(['karim', 'camille', 'ines', 'theo'].map((id) => Person.signIn(target.baseUrl, id)))) as [Person, Person, Person, Person];
    spaceId = await createSpace(karim, 'Fichiers', [[camille, 'member'], [ines, 'guest']]);
    rootId = await rootOf(karim, spaceId);
  });
  after(() => target.close());

  it('creates folders, refuses a taken name with 409 (case and normalisation folded), lists contents with a breadcrumb', async () => {
    const a = await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Guides RH' } });
    assert.equal(a.status, 201, a.text);
    const folder = body<{ id: string; path: string; parentId: string }>(a);
    assert.equal(folder.parentId, rootId);
    assert.equal(folder.path, '/Guides RH');
    const again = await camille.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'guides rh' } });
    assert.equal(again.status, 409);
    assert.equal(body<{ code: string }>(again).code, 'conflict');
    const sub = await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Été', parentId: folder.id } });
    assert.equal(sub.status, 201, sub.text);
    const nfd = await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'E\u0301te\u0301', parentId: folder.id } });
    assert.equal(nfd.status, 409);
    const contents = await camille.call('GET', `/v1/folders/${body<{ id: string }>(sub).id}`);
    assert.equal(contents.status, 200);
    const c = body<{ breadcrumb: { id: string }[]; folder: { path: string } }>(contents);
    assert.deepEqual(c.breadcrumb.map((f) => f.id), [rootId, folder.id]);
    assert.equal(c.folder.path, '/Guides RH/Été');
  });

  it('uploads a small file in one request, detects its type from the bytes, serves it back with the same checksum', async () => {
    const reply = await plainUpload(camille, rootId, 'organigramme.png', tinyPng, 'text/html');
    assert.equal(reply.status, 201, reply.text);
    const file = body<FileJson>(reply);
    assert.equal(file.type, 'image/png');
    assert.equal(file.size, tinyPng.length);
    assert.equal(file.checksum, sha256(tinyPng));
    const got = await download(karim, `/v1/files/${file.id}/content`);
    assert.equal(got.status, 200);
    assert.equal(sha256(got.bytes), file.checksum);
    assert.match(got.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(got.headers.get('content-security-policy'), "sandbox; default-src 'none'");
    const preview = await download(karim, `/v1/files/${file.id}/preview`);
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('content-type'), 'image/png');
    assert.match(preview.headers.get('content-disposition') ?? '', /^inline;/);
  });

  it('a tus upload becomes a file', async () => {
    const bytes = Buffer.from('Nom;Date\nFormation;2026-12-01\n');
    const created = await createUpload(karim, { spaceId, folderId: rootId, filename: 'calendrier.csv' }, bytes.length);
    assert.equal(created.status, 201, created.text);
    const location = created.headers.get('location') ?? '';
    assert.match(location, /^\/v1\/uploads\/upl_/);
    const patched = await patchUpload(karim, location, 0, bytes);
    assert.equal(patched.status, 204, patched.text);
    const fileId = patched.headers.get('bureau-file-id') ?? '';
    const meta = await karim.call('GET', `/v1/files/${fileId}`);
    assert.equal(body<FileJson>(meta).type, 'text/csv');
    assert.equal(body<FileJson>(meta).checksum, sha256(bytes));
    const other = await send(camille, 'HEAD', location, undefined, { 'tus-resumable': '1.0.0' });
    assert.equal(other.status, 404);
    assert.ok(theo && ines);
  });
});
