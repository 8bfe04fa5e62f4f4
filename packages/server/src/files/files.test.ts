import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signInWithSpace, startReference, type Person, type Target } from '../conformance/harness.js';
import { readEvents } from '@bureau/conformance/sse';
import { body, download, plainUpload, rootOf, send, sha256, tinyPng, type FileJson } from './files-test-kit.test.js';

describe('files: folders, plain uploads, safe downloads, versions, trash', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let rootId: string;

  before(async () => {
    target = await startReference();
    ({ people: [karim, camille, ines, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'ines', 'theo'], 'Fichiers', {
      camille: 'member',
      ines: 'guest',
    }));
    rootId = await rootOf(karim, spaceId);
  });
  after(() => target.close());

  it('creates folders, refuses a taken name with 409 (case and Unicode normalisation folded), lists contents with a breadcrumb', async () => {
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
    const intoItself = await karim.call('PATCH', `/v1/folders/${folder.id}`, { json: { parentId: body<{ id: string }>(sub).id } });
    assert.equal(intoItself.status, 422);
  });

  it('a small file in one request: type detected from the bytes, not the claimed Content-Type; same checksum back', async () => {
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
    const preview = await download(ines, `/v1/files/${file.id}/preview`);
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('content-type'), 'image/png');
    assert.match(preview.headers.get('content-disposition') ?? '', /^inline;/);
    assert.equal(preview.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(preview.headers.get('content-security-policy'), "sandbox; default-src 'none'");
  });

  it('a PDF previews inline without `sandbox` (Chromium shows no PDF in a sandboxed document) but loads nothing else', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const reply = await plainUpload(camille, rootId, 'note-de-service.pdf', pdf, 'application/pdf');
    assert.equal(reply.status, 201, reply.text);
    const file = body<FileJson>(reply);
    assert.equal(file.type, 'application/pdf');
    const preview = await download(ines, `/v1/files/${file.id}/preview`);
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('content-type'), 'application/pdf');
    assert.match(preview.headers.get('content-disposition') ?? '', /^inline;/);
    assert.equal(preview.headers.get('x-content-type-options'), 'nosniff');
    const policy = preview.headers.get('content-security-policy') ?? '';
    assert.doesNotMatch(policy, /sandbox/);
    assert.match(policy, /default-src 'none'/);
    assert.doesNotMatch(policy, /script-src/);
    // The download of the same file stays a sandboxed attachment.
    const got = await download(karim, `/v1/files/${file.id}/content`);
    assert.match(got.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.equal(got.headers.get('content-security-policy'), "sandbox; default-src 'none'");
  });

  const hostile: [string, string, string][] = [
    ['dessin.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/svg+xml'],
    ['page.html', '<!doctype html><html><body><script>alert(1)</script></body></html>', 'text/html'],
    ['photo.png', '<html><script>alert(document.cookie)</script></html>', 'text/html'],
    ['rapport.pdf', '<svg onload="alert(1)"></svg>', 'image/svg+xml'],
  ];
  for (const [name, text, detected] of hostile) {
    it(`${name} holding ${detected} is served as an attachment with nosniff and a sandboxing CSP, never previewed`, async () => {
      const reply = await plainUpload(camille, rootId, name, Buffer.from(text), name.endsWith('.png') ? 'image/png' : 'application/pdf');
      assert.equal(reply.status, 201, reply.text);
      const file = body<FileJson>(reply);
      assert.equal(file.type, detected);
      for (const path of [`/v1/files/${file.id}/content`]) {
        const got = await download(karim, path);
        assert.equal(got.status, 200);
        assert.match(got.headers.get('content-disposition') ?? '', /^attachment;/);
        assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(got.headers.get('content-security-policy'), "sandbox; default-src 'none'");
        assert.notEqual(got.headers.get('content-type'), 'image/png');
      }
      const preview = await download(karim, `/v1/files/${file.id}/preview`);
      assert.equal(preview.status, 404);
    });
  }

  for (const name of ['a/b', 'a\\b', '..', '.', 'CON', 'nul.txt', 'com1', 'LPT9.pdf', ' espace', 'point.', 'tab\tname', 'nul\u0000', 'x'.repeat(256), 'é'.repeat(128), '']) {
    it(`refuses the name ${JSON.stringify(name.slice(0, 20))} with 422`, async () => {
      const folder = await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name } });
      assert.equal(folder.status, 422, folder.text);
      const file = await plainUpload(karim, rootId, name, Buffer.from('x'));
      assert.equal(file.status, 422, file.text);
      assert.equal(body<{ code: string }>(file).code, 'validation-failed');
    });
  }

  it('stores an unusual but valid name verbatim and returns it as JSON text; the download names it with RFC 6266 filename*', async () => {
    const name = '<img src=x onerror=alert(1)> "Compte-rendu" 😀 été.txt';
    const reply = await plainUpload(karim, rootId, name, Buffer.from('bonjour'));
    assert.equal(reply.status, 201, reply.text);
    assert.equal(body<FileJson>(reply).name, name);
    const got = await download(karim, `/v1/files/${body<FileJson>(reply).id}/content`);
    const disposition = got.headers.get('content-disposition') ?? '';
    assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`), disposition);
    assert.doesNotMatch(disposition.split('filename*')[0] ?? '', /[^\x20-\x7e]/);
  });

  it('honours one Range: 206 with Content-Range, suffix ranges, 416 beyond the end', async () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const file = body<FileJson>(await plainUpload(karim, rootId, 'plage.bin', bytes));
    const part = await download(camille, `/v1/files/${file.id}/content`, { range: 'bytes=100-199' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), 'bytes 100-199/1000');
    assert.deepEqual(part.bytes, bytes.subarray(100, 200));
    const suffix = await download(camille, `/v1/files/${file.id}/content`, { range: 'bytes=-10' });
    assert.deepEqual(suffix.bytes, bytes.subarray(990));
    const open = await download(camille, `/v1/files/${file.id}/content`, { range: 'bytes=995-' });
    assert.equal(open.headers.get('content-range'), 'bytes 995-999/1000');
    const beyond = await download(camille, `/v1/files/${file.id}/content`, { range: 'bytes=5000-' });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), 'bytes */1000');
    assert.equal((JSON.parse(beyond.bytes.toString('utf8')) as { code: string }).code, 'range-not-satisfiable', 'a listed problem code');
  });

  it('uploads, lists and restores versions; an older version can be downloaded', async () => {
    const v1 = body<FileJson>(await plainUpload(karim, rootId, 'guide.txt', Buffer.from('version 1')));
    const v2 = await send(camille, 'PUT', `/v1/files/${v1.id}/content`, Buffer.from('version 2'), { 'content-type': 'text/plain' });
    assert.equal(v2.status, 200, v2.text);
    assert.equal(body<FileJson>(v2).currentVersion, 2);
    const versions = body<{ items: { number: number; checksum: string; author: { id: string } }[] }>(await karim.call('GET', `/v1/files/${v1.id}/versions`));
    assert.deepEqual(versions.items.map((v) => [v.number, v.author.id]), [[2, 'camille'], [1, 'karim']]);
    const old = await download(karim, `/v1/files/${v1.id}/content?version=1`);
    assert.equal(old.bytes.toString(), 'version 1');
    const restored = await karim.call('POST', `/v1/files/${v1.id}/versions/1/restore`);
    assert.equal(restored.status, 200, restored.text);
    assert.equal(body<FileJson>(restored).currentVersion, 3);
    assert.equal(body<FileJson>(restored).checksum, sha256(Buffer.from('version 1')));
    assert.equal((await download(karim, `/v1/files/${v1.id}/content`)).bytes.toString(), 'version 1');
  });

  it('moves a folder with its files to the trash and brings everything back', async () => {
    const folder = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Corbeille test' } }));
    const inner = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Dedans', parentId: folder.id } }));
    const file = body<FileJson>(await plainUpload(karim, inner.id, 'note.txt', Buffer.from('note')));
    const loose = body<FileJson>(await plainUpload(karim, rootId, 'seul.txt', Buffer.from('seul')));
    assert.equal((await camille.call('DELETE', `/v1/files/${loose.id}`)).status, 204);
    assert.equal((await camille.call('DELETE', `/v1/folders/${folder.id}`)).status, 204);
    assert.equal((await karim.call('GET', `/v1/folders/${inner.id}`)).status, 404);
    const trash = body<{ items: { kind: string; folder?: { id: string }; file?: { id: string } }[] }>(await ines.call('GET', `/v1/spaces/${spaceId}/trash`));
    const ids = trash.items.map((e) => e.folder?.id ?? e.file?.id);
    assert.ok(ids.includes(folder.id) && ids.includes(loose.id));
    assert.ok(!ids.includes(inner.id) && !ids.includes(file.id), 'what went with a folder is not listed on its own');
    assert.equal((await karim.call('POST', `/v1/files/${file.id}/restore`)).status, 409);
    const back = await karim.call('POST', `/v1/folders/${folder.id}/restore`);
    assert.equal(back.status, 200, back.text);
    assert.equal(body<{ deletedAt: null }>(back).deletedAt, null);
    const contents = body<{ files: { id: string }[] }>(await karim.call('GET', `/v1/folders/${inner.id}`));
    assert.deepEqual(contents.files.map((f) => f.id), [file.id]);
    assert.equal((await karim.call('POST', `/v1/files/${loose.id}/restore`)).status, 200);
  });

  it('recent files: the latest changed first, trash left out, for every member', async () => {
    const older = body<FileJson>(await plainUpload(karim, rootId, 'ancien.txt', Buffer.from('a')));
    const newer = body<FileJson>(await plainUpload(camille, rootId, 'récent.txt', Buffer.from('b')));
    const trashed = body<FileJson>(await plainUpload(karim, rootId, 'jeté.txt', Buffer.from('c')));
    assert.equal((await karim.call('DELETE', `/v1/files/${trashed.id}`)).status, 204);
    const reply = await ines.call('GET', `/v1/spaces/${spaceId}/recent-files?limit=2`);
    assert.equal(reply.status, 200, reply.text);
    const ids = body<{ items: FileJson[] }>(reply).items.map((file) => file.id);
    assert.deepEqual(ids, [newer.id, older.id]);
  });

  it('guests read but cannot write (403); non-members get 404 for everything', async () => {
    const file = body<FileJson>(await plainUpload(karim, rootId, 'lecture.txt', Buffer.from('lecture')));
    assert.equal((await download(ines, `/v1/files/${file.id}/content`)).status, 200);
    assert.equal((await plainUpload(ines, rootId, 'invité.txt', Buffer.from('x'))).status, 403);
    assert.equal((await ines.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Invité' } })).status, 403);
    assert.equal((await ines.call('PATCH', `/v1/files/${file.id}`, { json: { name: 'renommé.txt' } })).status, 403);
    assert.equal((await ines.call('DELETE', `/v1/files/${file.id}`)).status, 403);
    assert.equal((await send(ines, 'PUT', `/v1/files/${file.id}/content`, Buffer.from('y'))).status, 403);
    for (const path of [`/v1/files/${file.id}`, `/v1/files/${file.id}/content`, `/v1/files/${file.id}/preview`, `/v1/files/${file.id}/versions`, `/v1/folders/${rootId}`, `/v1/spaces/${spaceId}/folders`, `/v1/spaces/${spaceId}/trash`, `/v1/spaces/${spaceId}/recent-files`]) {
      const reply = await theo.call('GET', path);
      assert.equal(reply.status, 404, path);
      assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
    }
    assert.equal((await theo.call('PATCH', `/v1/files/${file.id}`, { json: { name: 'volé.txt' } })).status, 404);
    assert.equal((await plainUpload(theo, rootId, 'intrus.txt', Buffer.from('x'))).status, 404);
  });

  it('rename and move answer with the new version; If-Match guards; file events reach members on the stream', async () => {
    const controller = new AbortController();
    const stream = await camille.fetch('GET', '/v1/events', { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    const events = readEvents(stream);
    const folder = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Événements' } }));
    const file = body<FileJson>(await plainUpload(karim, folder.id, 'a.txt', Buffer.from('a')));
    const stale = await karim.call('PATCH', `/v1/files/${file.id}`, { json: { name: 'b.txt' }, headers: { 'if-match': '"99"' } });
    assert.equal(stale.status, 412);
    const renamed = await karim.call('PATCH', `/v1/files/${file.id}`, { json: { name: 'b.txt', folderId: rootId }, headers: { 'if-match': `"${file.version}"` } });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.headers.get('etag'), `"${file.version + 1}"`);
    assert.equal((await karim.call('DELETE', `/v1/files/${file.id}`)).status, 204);
    const seen: string[] = [];
    for await (const { envelope } of events) {
      if (envelope.spaceId !== spaceId || !/^(file|folder)\./.test(envelope.type)) continue;
      const data = envelope.data as { id?: string; file?: { id: string } };
      if (data.id !== folder.id && data.id !== file.id && data.file?.id !== file.id) continue;
      seen.push(envelope.type);
      if (envelope.type === 'file.deleted') break;
    }
    controller.abort();
    assert.deepEqual(seen, ['folder.created', 'file.created', 'file.updated', 'file.deleted']);
  });

  it('searches the space’s files by name (accents and case folded), type, author and date, with their folder; members only', async () => {
    const top = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Zorglub' } }));
    const sub = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Été 2027', parentId: top.id } }));
    const note = body<FileJson>(await plainUpload(karim, sub.id, 'Note de Service ZORGLUB Été.txt', Buffer.from('texte')));
    const image = body<FileJson>(await plainUpload(camille, top.id, 'organigramme-zorglub-ete.png', tinyPng, 'image/png'));
    await plainUpload(karim, top.id, 'zorglub-trash.txt', Buffer.from('x')).then(async (reply) => karim.call('DELETE', `/v1/files/${body<FileJson>(reply).id}`));
    type Hits = { items: { file: { id: string }; folderPath: string[] }[]; more: boolean };
    const search = async (query: string, person = camille): Promise<Hits> => {
      const reply = await person.call('GET', `/v1/spaces/${spaceId}/files/search?${query}`);
      assert.equal(reply.status, 200, reply.text);
      return body<Hits>(reply);
    };
    const ids = (hits: Hits) => hits.items.map((hit) => hit.file.id);
    const byName = await search('q=note%20zorglub%20ete');
    assert.deepEqual(ids(byName), [note.id]);
    assert.deepEqual(byName.items[0]?.folderPath, ['Zorglub', 'Été 2027']);
    assert.deepEqual(ids(await search('q=zorglub')), [image.id, note.id], 'newest first, not the trashed one');
    assert.deepEqual(ids(await search('q=zorglub&type=image/')), [image.id]);
    assert.deepEqual(ids(await search('q=zorglub&type=text/plain')), [note.id]);
    assert.deepEqual(ids(await search('q=zorglub&authorId=camille')), [image.id]);
    assert.deepEqual(ids(await search(`q=zorglub&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)), []);
    assert.deepEqual(ids(await search('q=zorglub', ines)), [image.id, note.id], 'guests read, so they find');
    assert.equal((await theo.call('GET', `/v1/spaces/${spaceId}/files/search?q=zorglub`)).status, 404);
    assert.equal((await camille.call('GET', `/v1/spaces/${spaceId}/files/search?q=%20`)).status, 400);
  });
});
