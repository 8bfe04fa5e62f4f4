import { expect } from '@open-wc/testing';
import type { FolderContents } from '@bureau/api';
import { isHttpError, type BureauClient, type Upload } from '../index.js';
import { closeClients, makeClient, reportOffline, signedIn, unique, wipeLocalData } from '../test/helpers.js';

const space = 'espace-rh-360';
const chunkSize = 128 * 1024;

/** `size` random bytes (getRandomValues fills at most 64 KiB at a time). */
function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65_536)));
  return bytes;
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A fresh folder of Espace RH 360, so that tests do not see each other's files. */
async function freshFolder(client: BureauClient): Promise<{ spaceId: string; folderId: string }> {
  const { rootId } = await client.files.tree(space);
  const folder = await client.files.createFolder(space, { name: unique('Essai'), parentId: rootId });
  return { spaceId: space, folderId: folder.id };
}

/** Resolves once the upload has more than `bytes` on the server's side of the wire. */
function past(upload: Upload, bytes: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (upload.bytesSent <= bytes) return;
      upload.removeEventListener('progress', check);
      resolve();
    };
    upload.addEventListener('progress', check);
  });
}

/** Resolves when the upload reaches `state`. */
function reaches(upload: Upload, state: Upload['state']): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (upload.state !== state) return;
      upload.removeEventListener('statechange', check);
      resolve();
    };
    upload.addEventListener('statechange', check);
    check();
  });
}

beforeEach(async () => {
  await wipeLocalData();
});

afterEach(() => {
  closeClients();
});

describe('client.files', () => {
  it('creates folders and lists them with their files, live', async () => {
    const client = await signedIn('karim', { uploads: { chunkSize } });
    const target = await freshFolder(client);
    const controller = new AbortController();
    const seen: FolderContents[] = [];
    await client.files.watchFolder(target.folderId, ({ value }) => seen.push(value), { signal: controller.signal });
    expect(seen.at(-1)?.files).to.deep.equal([]);
    const bytes = randomBytes(10_000);
    const upload = client.files.uploads.add(new Blob([bytes], { type: 'text/plain' }), { ...target, name: 'note.txt' });
    const file = await upload.whenDone();
    expect(file.name).to.equal('note.txt');
    // The upload's id is its client id: the server echoes it on the file.
    expect(file.clientId).to.equal(upload.id);
    expect(file.size).to.equal(10_000);
    expect(file.checksum).to.equal(await sha256(bytes));
    expect(seen.at(-1)?.files.map((f) => f.id)).to.include(file.id);
    await client.files.renameFile(file.id, 'note-renommée.txt', { ifMatch: file.version });
    expect(seen.at(-1)?.files.map((f) => f.name)).to.deep.equal(['note-renommée.txt']);
    await client.files.deleteFile(file.id);
    expect(seen.at(-1)?.files).to.deep.equal([]);
    await client.files.restoreFile(file.id);
    expect(seen.at(-1)?.files.map((f) => f.id)).to.deep.equal([file.id]);
    controller.abort();
  });

  it('resumes a 50 MB upload interrupted mid-way from the server’s offset, not from zero', async () => {
    const client = await signedIn('karim');
    const target = await freshFolder(client);
    const bytes = randomBytes(50 * 1024 * 1024);
    const upload = client.files.uploads.add(new Blob([bytes]), { ...target, name: 'gros.bin' });
    // Past the first 8 MiB request: the server holds at least that much.
    await past(upload, 8 * 1024 * 1024);
    upload.pause();
    expect(upload.state).to.equal('paused');
    upload.resume();
    const file = await upload.whenDone();
    expect(upload.resumedFrom).to.be.greaterThanOrEqual(8 * 1024 * 1024);
    expect(file.size).to.equal(bytes.length);
    expect(file.checksum).to.equal(await sha256(bytes));
  });

  it('resumes by itself after a network cut, from the server’s offset', async () => {
    const client = await signedIn('karim', { uploads: { chunkSize } });
    const target = await freshFolder(client);
    const bytes = randomBytes(16 * chunkSize);
    // The cut: every new request goes nowhere (a refused connection), and the browser says it is offline.
    const open = XMLHttpRequest.prototype.open;
    let cut = false;
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
      const target = cut ? 'http://127.0.0.1:9/' : url;
      return (open as (...args: unknown[]) => void).call(this, method, target, ...rest);
    } as typeof XMLHttpRequest.prototype.open;
    let restoreNetwork: (() => void) | undefined;
    try {
      const upload = client.files.uploads.add(new Blob([bytes]), { ...target, name: 'coupure.bin' });
      await past(upload, 2 * chunkSize);
      cut = true;
      restoreNetwork = reportOffline();
      await reaches(upload, 'offline');
      cut = false;
      restoreNetwork();
      restoreNetwork = undefined;
      const file = await upload.whenDone();
      expect(upload.resumedFrom).to.be.greaterThanOrEqual(2 * chunkSize);
      expect(file.checksum).to.equal(await sha256(bytes));
    } finally {
      XMLHttpRequest.prototype.open = open;
      restoreNetwork?.();
    }
  });

  it('finishes an upload after a reload: a new client finds it and resumes from the server’s offset', async () => {
    const first = await signedIn('karim', { uploads: { chunkSize } });
    const target = await freshFolder(first);
    const bytes = randomBytes(8 * chunkSize);
    const upload = first.files.uploads.add(new Blob([bytes]), { ...target, name: 'rechargé.bin' });
    await past(upload, 2 * chunkSize);
    upload.pause();
    first.close();

    const second = makeClient({ uploads: { chunkSize } });
    const [found, ...others] = await second.files.uploads.restore();
    expect(others).to.have.length(0);
    if (found === undefined) throw new Error('the upload was not kept for the reload');
    expect(found.name).to.equal('rechargé.bin');
    const file = await found.whenDone();
    expect(found.resumedFrom).to.be.greaterThan(0);
    expect(file.checksum).to.equal(await sha256(bytes));
    expect(second.files.uploads.list()).to.have.length(0);
    const third = makeClient();
    expect(await third.files.uploads.restore()).to.have.length(0);
  });

  it('asks for the file again after a reload when its bytes were too large to keep', async () => {
    const first = await signedIn('karim', { uploads: { chunkSize, keepBytesUpTo: 0 } });
    const target = await freshFolder(first);
    const bytes = randomBytes(4 * chunkSize);
    const original = new File([bytes], 'grand.bin', { lastModified: 1_700_000_000_000 });
    const upload = first.files.uploads.add(original, target);
    await past(upload, chunkSize);
    upload.pause();
    first.close();

    const second = makeClient({ uploads: { chunkSize } });
    const [found] = await second.files.uploads.restore();
    if (found === undefined) throw new Error('the upload was not kept for the reload');
    expect(found.state).to.equal('needs-file');
    expect(() => found.provide(new File([randomBytes(10)], 'grand.bin'))).to.throw(/not the file/);
    found.provide(new File([bytes], 'grand.bin', { lastModified: 1_700_000_000_000 }));
    const file = await found.whenDone();
    expect(found.resumedFrom).to.be.greaterThan(0);
    expect(file.checksum).to.equal(await sha256(bytes));
  });

  it('runs at most `concurrency` uploads at once', async () => {
    const client = await signedIn('karim', { uploads: { chunkSize, concurrency: 2 } });
    const target = await freshFolder(client);
    let most = 0;
    client.files.uploads.addEventListener('statechange', () => {
      most = Math.max(most, client.files.uploads.list().filter((u) => u.state === 'uploading').length);
    });
    const uploads = [1, 2, 3, 4].map((n) => client.files.uploads.add(new Blob([randomBytes(2 * chunkSize)]), { ...target, name: `f${n}.bin` }));
    await Promise.all(uploads.map((u) => u.whenDone()));
    expect(most).to.equal(2);
  });

  it('surfaces a guest’s 403 and cancels cleanly', async () => {
    const client = await signedIn('ines', { uploads: { chunkSize } });
    const { rootId } = await client.files.tree(space);
    const upload = client.files.uploads.add(new Blob(['x']), { spaceId: space, folderId: rootId, name: 'interdit.txt' });
    const error = await upload.whenDone().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isHttpError(error) && error.status).to.equal(403);
    expect(upload.state).to.equal('failed');
    await upload.cancel();
    expect(client.files.uploads.list()).to.have.length(0);
  });

  it('cancels an upload: the server forgets its bytes', async () => {
    const client = await signedIn('karim', { uploads: { chunkSize } });
    const target = await freshFolder(client);
    const upload = client.files.uploads.add(new Blob([randomBytes(8 * chunkSize)]), { ...target, name: 'annulé.bin' });
    await past(upload, chunkSize);
    await upload.cancel();
    await reaches(upload, 'cancelled');
    const contents = await client.files.folder(target.folderId);
    expect(contents.files).to.deep.equal([]);
  });

  it('creates, lists and revokes share links', async () => {
    const client = await signedIn('karim', { uploads: { chunkSize } });
    const target = await freshFolder(client);
    const expiresAt = new Date(Date.now() + 7 * 864e5).toISOString();
    const link = await client.files.createShareLink(space, { target: { kind: 'folder', id: target.folderId }, expiresAt, password: 'secret-123' });
    expect(link.hasPassword).to.equal(true);
    expect((await client.files.shareLinks(space)).items.map((l) => l.id)).to.include(link.id);
    await client.files.revokeShareLink(link.id);
    expect((await client.files.shareLinks(space)).items.map((l) => l.id)).not.to.include(link.id);
  });
});
