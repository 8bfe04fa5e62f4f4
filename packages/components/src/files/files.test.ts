import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
import type { FileItem } from '@bureau/api';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
// Defines the tag (the names below are only types, which the test bundler would drop).
import './files.js';
import type { BureauFilesElement } from './files.js';

const space = 'espace-rh-360';
const clients = new Set<BureauClient>();

/** A client of the test server, signed in as `userId` (the browser's session cookie), closed after the test. */
async function signedIn(userId: string): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory', uploads: { chunkSize: 64 * 1024 } });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

/** A fresh folder of Espace RH 360 holding `files` (name → text), so that tests do not see each other's. */
async function freshFolder(client: BureauClient, files: Record<string, string> = {}): Promise<{ folderId: string; items: FileItem[] }> {
  const { rootId } = await client.files.tree(space);
  const folder = await client.files.createFolder(space, { name: `Essai ${crypto.randomUUID().slice(0, 8)}`, parentId: rootId });
  const items: FileItem[] = [];
  for (const [name, text] of Object.entries(files)) {
    items.push(await client.files.uploads.add(new Blob([text], { type: 'text/plain' }), { spaceId: space, folderId: folder.id, name }).whenDone());
  }
  return { folderId: folder.id, items };
}

const shadow = (el: Element): ShadowRoot => {
  if (el.shadowRoot === null) throw new Error(`<${el.localName}> has no shadow root`);
  return el.shadowRoot;
};

function find<T extends HTMLElement = HTMLElement>(el: Element, selector: string): T {
  const found = shadow(el).querySelector<T>(selector);
  if (found === null) throw new Error(`nothing matches ${selector} in <${el.localName}>`);
  return found;
}

const names = (el: Element): string[] => [...shadow(el).querySelectorAll('.list .name')].map((node) => node.textContent ?? '');
const status = (el: Element): string => find(el, '[role="status"].visually-hidden').textContent ?? '';

async function mount(client: BureauClient, folderId: string, count: number): Promise<BureauFilesElement> {
  const el = await fixture<BureauFilesElement>(html`<bureau-files .client=${client} folder=${folderId}></bureau-files>`);
  await waitUntil(() => names(el).length === count || (count === 0 && shadow(el).querySelector('.state:not([role])') !== null), `${count} items listed`, { timeout: 10_000 });
  // The person's role arrives apart from the listing: writers get the upload button.
  await waitUntil(() => shadow(el).querySelector('.upload-button') !== null, 'role known', { timeout: 10_000 });
  return el;
}

function nextEvent<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => target.addEventListener(type, (event) => resolve(event as GlobalEventHandlersEventMap[K]), { once: true }));
}

afterEach(() => {
  for (const client of clients) client.close();
  clients.clear();
});

describe('<bureau-files>', () => {
  it('is accessible with files listed (axe)', async () => {
    const client = await signedIn('karim');
    const { folderId } = await freshFolder(client, { 'Note de service.txt': 'a', 'Guide RH.txt': 'bb' });
    const el = await mount(client, folderId, 2);
    await expect(el).to.be.accessible();
    el.view = 'grid';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('uploads by keyboard only: the button, then the file input', async () => {
    const client = await signedIn('karim');
    const { folderId } = await freshFolder(client);
    const el = await mount(client, folderId, 0);
    await waitUntil(() => shadow(el).querySelector('.upload-button') !== null, 'upload button shown');
    const button = find<HTMLButtonElement>(el, '.upload-button');
    const input = find<HTMLInputElement>(el, '.upload-input');
    const opened = new Promise<void>((resolve) => input.addEventListener('click', () => resolve(), { once: true }));
    button.focus();
    await sendKeys({ press: 'Enter' });
    await opened;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Bonjour'], 'Compte rendu CST.txt', { type: 'text/plain' }));
    input.files = transfer.files;
    const complete = nextEvent(el, 'bureau-upload-complete');
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const { file } = await complete;
    expect(file.name).to.equal('Compte rendu CST.txt');
    await waitUntil(() => names(el).includes('Compte rendu CST.txt'), 'uploaded file listed');
    await waitUntil(() => status(el).includes('Compte rendu CST.txt'), 'completion announced');
  });

  it('renames with F2 and deletes with Delete, then undoes the deletion', async () => {
    const client = await signedIn('karim');
    const { folderId } = await freshFolder(client, { 'a.txt': 'a', 'b.txt': 'b' });
    const el = await mount(client, folderId, 2);
    find<HTMLButtonElement>(el, 'button.entry[tabindex="0"]').focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(el).activeElement?.textContent).to.include('b.txt');
    await sendKeys({ press: 'F2' });
    await el.updateComplete;
    const field = find<HTMLInputElement>(el, '.rename input');
    expect(shadow(el).activeElement === field, 'has the focus').to.equal(true);
    field.value = 'c.txt';
    const renamed = nextEvent(el, 'bureau-file-rename');
    await sendKeys({ press: 'Enter' });
    expect((await renamed).name).to.equal('c.txt');
    await waitUntil(() => names(el).includes('c.txt'), 'renamed file listed');
    await waitUntil(() => shadow(el).activeElement?.textContent?.includes('c.txt') === true, 'focus back on the row');

    await sendKeys({ press: 'Delete' });
    await waitUntil(() => shadow(el).querySelector('[part~="undo-button"]') !== null, 'undo offered');
    expect(names(el)).to.deep.equal(['a.txt']);
    expect(status(el)).to.include('c.txt');
    find<HTMLButtonElement>(el, '[part~="undo-button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => names(el).includes('c.txt'), 'restored file listed again');
  });

  it('previews a PDF: Escape closes it from any keyboard stop; a click into the viewer (which keeps Escape) brings a note on how to leave', async () => {
    const client = await signedIn('karim');
    const { folderId } = await freshFolder(client);
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    const file = await client.files.uploads.add(new Blob([pdf], { type: 'application/pdf' }), { spaceId: space, folderId, name: 'Note de service.pdf' }).whenDone();
    const el = await mount(client, folderId, 1);
    const entry = find<HTMLButtonElement>(el, 'button.entry');
    entry.focus();
    await sendKeys({ press: 'Enter' });
    const open = (): HTMLDialogElement | null => shadow(el).querySelector<HTMLDialogElement>('dialog[part~="preview-dialog"]');
    await waitUntil(() => open()?.open === true, 'preview open');
    await expect(el).to.be.accessible();
    const active = (): Element | null => shadow(el).activeElement;
    expect(active()?.matches('[part="close-button"]')).to.equal(true, '« Fermer » has the focus, first in the dialog');
    // The viewer is out of the Tab order: the next stop is the link that reads the PDF in a tab of its own.
    await sendKeys({ press: 'Tab' });
    expect(active()?.matches('[part="preview-open-link"]')).to.equal(true, 'Tab skips the PDF viewer');
    expect(find<HTMLAnchorElement>(el, '[part="preview-open-link"]').href).to.equal(client.files.previewUrl(file.id));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => open() === null, 'Escape closed the preview');
    expect(active()).to.equal(entry, 'the focus is back on the file');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => open()?.open === true, 'preview open again');
    const note = (): string => find(el, '[part="preview-note"]').textContent?.trim() ?? '';
    expect(note()).to.equal('');
    const frame = find<HTMLIFrameElement>(el, '[part="preview-frame"]').getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(frame.left + frame.width / 2), Math.round(frame.top + frame.height / 2)] });
    await waitUntil(() => note().includes('garde la touche Échap'), 'the note tells how to leave the viewer', { timeout: 10_000 });
    expect(find(el, '[part="preview-note"]').getAttribute('role')).to.equal('status');
    find<HTMLButtonElement>(el, '[part="close-button"]').focus();
    await waitUntil(() => note() === '', 'back in the dialog, the note goes');
    find<HTMLButtonElement>(el, '[part="close-button"]').click();
    await waitUntil(() => open() === null, '« Fermer » closed the preview');
  });

  it('opens the share-link and versions dialogs as accessible native dialogs', async () => {
    const client = await signedIn('karim');
    const { folderId } = await freshFolder(client, { 'Guide.txt': 'v1' });
    const el = await mount(client, folderId, 1);
    find<HTMLButtonElement>(el, 'button.entry').click();
    await el.updateComplete;
    find<HTMLButtonElement>(el, '[part~="share-button"]').click();
    await waitUntil(() => shadow(el).querySelector<HTMLDialogElement>('dialog.share')?.open === true, 'share dialog open');
    const dialog = find<HTMLDialogElement>(el, 'dialog.share');
    find<HTMLInputElement>(el, 'dialog.share input[type="password"]').value = 'secret-123';
    find<HTMLButtonElement>(el, '[part~="share-create-button"]').click();
    await waitUntil(() => shadow(el).querySelector('[part~="share-link"]') !== null, 'link listed', { timeout: 10_000 });
    expect(find(el, '[part~="share-link"]').textContent).to.include('mot de passe');
    await expect(el).to.be.accessible();
    find<HTMLButtonElement>(el, '[part~="share-revoke-button"]').click();
    await waitUntil(() => shadow(el).querySelector('[part~="share-link"]') === null, 'link revoked');
    dialog.close();
    await waitUntil(() => shadow(el).querySelector('dialog.share') === null, 'share dialog closed');

    find<HTMLButtonElement>(el, '[part~="versions-button"]').click();
    await waitUntil(() => shadow(el).querySelector<HTMLDialogElement>('dialog.dialog')?.open === true, 'versions dialog open');
    expect(find(el, '[part~="version"]').textContent).to.include('Version 1');
    await expect(el).to.be.accessible();
    const input = find<HTMLInputElement>(el, '[part~="new-version-button"] input');
    const transfer = new DataTransfer();
    transfer.items.add(new File(['v2, plus longue'], 'autre-nom.txt', { type: 'text/plain' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => shadow(el).querySelectorAll('[part~="version"]').length === 2, 'second version listed', { timeout: 10_000 });
    expect(find(el, '[part~="version"]').textContent).to.include('Version 2');
    expect(names(el)).to.deep.equal(['Guide.txt']);
  });

  it('moves a file into another folder through the move dialog', async () => {
    const client = await signedIn('karim');
    const { folderId } = await freshFolder(client, { 'à-déplacer.txt': 'x' });
    const destination = await client.files.createFolder(space, { name: `Archives ${crypto.randomUUID().slice(0, 8)}`, parentId: folderId });
    const el = await mount(client, folderId, 2);
    find<HTMLButtonElement>(el, 'button.entry[tabindex="0"]').focus();
    await sendKeys({ press: 'End' });
    expect(shadow(el).activeElement?.textContent).to.include('à-déplacer.txt');
    find<HTMLButtonElement>(el, '[part~="move-button"]').click();
    await waitUntil(() => shadow(el).querySelector<HTMLDialogElement>('dialog.dialog')?.open === true, 'move dialog open');
    await expect(el).to.be.accessible();
    find<HTMLInputElement>(el, `dialog input[type="radio"][value="${destination.id}"]`).click();
    find<HTMLButtonElement>(el, '[part~="move-button"][type="submit"]').click();
    await waitUntil(() => !names(el).includes('à-déplacer.txt'), 'file left the folder');
    const moved = await client.files.folder(destination.id);
    expect(moved.files.map((file) => file.name)).to.deep.equal(['à-déplacer.txt']);
  });

  it('opens a folder with Enter, focus on its first entry; shows the storage used; a non-member reads whom to ask', async () => {
    const client = await signedIn('karim');
    const { folderId } = await freshFolder(client);
    const inner = await client.files.createFolder(space, { name: 'Sous-dossier', parentId: folderId });
    await client.files.uploads.add(new Blob(['x'], { type: 'text/plain' }), { spaceId: space, folderId: inner.id, name: 'Dedans.txt' }).whenDone();
    const el = await mount(client, folderId, 1);
    find<HTMLButtonElement>(el, 'button.entry').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.textContent?.includes('Dedans.txt') === true, 'the first entry of the folder focused', { timeout: 10_000 });
    expect(el.folder).to.equal(inner.id);
    await waitUntil(() => shadow(el).querySelector('.base > [part="usage"]') !== null, 'usage shown', { timeout: 10_000 });
    expect(find(el, '.base > [part="usage"]').textContent).to.match(/Espace utilisé : \d/);

    const theo = await signedIn('theo');
    const other = await fixture<BureauFilesElement>(html`<bureau-files .client=${theo} folder=${folderId} contact="Karim Benali, service RH"></bureau-files>`);
    await waitUntil(() => shadow(other).querySelector('[part="state"]')?.textContent?.includes('pas membre') === true, 'no-access', { timeout: 10_000 });
    expect(find(other, '[part="state"]').textContent).to.contain('adressez-vous à Karim Benali, service RH');
    expect(shadow(other).querySelector('[role="alert"], [part~="toolbar"], .upload-button')).to.equal(null);
    await expect(other).to.be.accessible();
  });

  it('restores a deleted file from the trash dialog, by keyboard', async () => {
    const client = await signedIn('karim');
    const name = `Brouillon ${crypto.randomUUID().slice(0, 8)}.txt`;
    const { folderId, items } = await freshFolder(client, { [name]: 'à garder finalement', 'reste.txt': 'r' });
    const el = await mount(client, folderId, 2);
    await client.files.deleteFile(items[0]?.id ?? '');
    await waitUntil(() => !names(el).includes(name), 'deleted file gone from the listing');

    find<HTMLButtonElement>(el, '[part~="trash-button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).querySelector<HTMLDialogElement>('dialog.dialog')?.open === true, 'trash dialog open');
    expect(find(el, '[part~="usage"]').textContent).to.match(/Espace utilisé : \d/);
    const entry = [...shadow(el).querySelectorAll('[part~="trash-entry"]')].find((node) => node.textContent?.includes(name));
    expect(entry, 'the deleted file is in the trash').to.exist;
    expect(entry?.textContent).to.include('Supprimé le');
    await expect(el).to.be.accessible();
    entry?.querySelector<HTMLButtonElement>('[part~="trash-restore-button"]')?.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => names(el).includes(name), 'restored file listed again in its folder');
    await waitUntil(() => status(el).includes(name), 'restoration announced');
    expect([...shadow(el).querySelectorAll('[part~="trash-entry"]')].some((node) => node.textContent?.includes(name))).to.equal(false);
    expect(shadow(el).activeElement?.closest('dialog')).to.exist;
  });

  it('shows a guest the trash without restore buttons', async () => {
    const writer = await signedIn('karim');
    const name = `Périmé ${crypto.randomUUID().slice(0, 8)}.txt`;
    const { items } = await freshFolder(writer, { [name]: 'x' });
    await writer.files.deleteFile(items[0]?.id ?? '');
    const client = await signedIn('ines');
    const el = await fixture<BureauFilesElement>(html`<bureau-files .client=${client} space=${space}></bureau-files>`);
    await waitUntil(() => shadow(el).querySelector('.read-only') !== null, 'read-only notice shown', { timeout: 10_000 });
    find<HTMLButtonElement>(el, '[part~="trash-button"]').click();
    await waitUntil(() => shadow(el).querySelector<HTMLDialogElement>('dialog.dialog')?.open === true, 'trash dialog open');
    expect([...shadow(el).querySelectorAll('[part~="trash-entry"]')].some((node) => node.textContent?.includes(name))).to.equal(true);
    expect(shadow(el).querySelector('[part~="trash-restore-button"]')).to.equal(null);
  });

  it('renders hostile file names as inert text', async () => {
    const client = await signedIn('karim');
    const hostile = '<img src=x onerror=alert(1)><svg onload=alert(2)>&amp;.txt';
    const { folderId } = await freshFolder(client, { [hostile]: 'x' });
    const el = await mount(client, folderId, 1);
    expect(names(el)).to.deep.equal([hostile]);
    const root = shadow(el);
    expect(root.querySelector('.list img, .list script')).to.equal(null);
  });

  it('announces files dragged over the drop zone and what was dropped', async () => {
    const client = await signedIn('karim');
    const { folderId } = await freshFolder(client);
    const el = await mount(client, folderId, 0);
    await waitUntil(() => shadow(el).querySelector('.drop-zone') !== null, 'drop zone shown');
    const zone = find(el, '.base');
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'déposé.txt', { type: 'text/plain' }));
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await waitUntil(() => status(el).includes('relâchez'), 'drag over announced');
    const complete = nextEvent(el, 'bureau-upload-complete');
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await waitUntil(() => status(el).includes('déposé.txt'), 'drop announced');
    expect((await complete).file.name).to.equal('déposé.txt');
  });

  it('shows upload progress bars named after their files', async () => {
    const client = await signedIn('karim');
    const { folderId } = await freshFolder(client);
    const el = await mount(client, folderId, 0);
    const upload = client.files.uploads.add(new Blob([new Uint8Array(512 * 1024)]), { spaceId: space, folderId, name: 'gros.bin' });
    await waitUntil(() => shadow(el).querySelector('progress') !== null, 'progress shown');
    const progress = find<HTMLProgressElement>(el, `progress[id$="${upload.id}"]`);
    const label = find<HTMLLabelElement>(el, `label[for="${progress.id}"]`);
    expect(label.textContent).to.include('gros.bin');
    await upload.whenDone();
    await waitUntil(() => shadow(el).querySelector(`progress[id$="${upload.id}"]`) === null, 'upload left the queue');
  });

  it('takes an upload out of the queue when its folder lists it, matched by client id, not by name or time', async () => {
    // The answer naming the file an upload made is held, so that the upload is still in the
    // client's queue when the folder's event lists its file: only the client id can tell them apart.
    let held: Promise<void> | undefined;
    let release = (): void => undefined;
    const client = createClient({
      baseUrl: apiUrl,
      storage: 'memory',
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (held !== undefined && request.method === 'GET' && /\/v1\/files\/[^/]+$/.test(new URL(request.url).pathname)) await held;
        return fetch(request);
      },
    });
    clients.add(client);
    await client.auth.signInDev('karim');
    const { folderId, items } = await freshFolder(client, { 'Rapport.txt': 'v1' });
    const fileId = items[0]?.id ?? '';
    const el = await mount(client, folderId, 1);
    const size = (): string => /^\d+/.exec(find(el, '.list .meta').textContent?.trim() ?? '')?.[0] ?? '';
    const queued = (upload: { id: string }): boolean => shadow(el).querySelector(`progress[id$="-upload-${upload.id}"]`) !== null;

    // A new version of the listed Rapport.txt, same name, paused before its first byte.
    const mine = client.files.uploads.add(new Blob(['m'.repeat(40)]), { spaceId: space, folderId, fileId, name: 'Rapport.txt' });
    mine.pause();
    await waitUntil(() => queued(mine), 'the paused upload queued beside the file of the same name');
    // Another tab of Karim's lands a version of the same file after this upload began.
    const other = await signedIn('karim');
    await other.files.uploads.add(new Blob(['t'.repeat(30)]), { spaceId: space, folderId, fileId, name: 'Rapport.txt' }).whenDone();
    await waitUntil(() => size() === '30', 'the other tab’s version listed', { timeout: 10_000 });
    expect(queued(mine), 'a file of the same name, changed since, is not this upload').to.equal(true);
    expect(names(el)).to.deep.equal(['Rapport.txt']);

    held = new Promise((resolve) => (release = resolve));
    mine.resume();
    await waitUntil(() => !queued(mine), 'the upload left the queue when the folder listed its version', { timeout: 10_000 });
    expect(size(), 'its version listed').to.equal('40');
    expect(client.files.uploads.list(), 'its answer is still held').to.include(mine);
    expect(names(el)).to.deep.equal(['Rapport.txt']);
    release();
    expect((await mine.whenDone()).clientId).to.equal(mine.id);
  });

  it('gives a guest no upload button, and surfaces the 403 of a forced upload', async () => {
    const client = await signedIn('ines');
    const { rootId } = await client.files.tree(space);
    const el = await fixture<BureauFilesElement>(html`<bureau-files .client=${client} folder=${rootId}></bureau-files>`);
    await waitUntil(() => shadow(el).querySelector('.read-only') !== null, 'read-only notice shown', { timeout: 10_000 });
    expect(shadow(el).querySelector('.upload-button')).to.equal(null);
    const upload = client.files.uploads.add(new Blob(['x']), { spaceId: space, folderId: rootId, name: 'forcé.txt' });
    await upload.whenDone().then(
      () => expect.fail('a guest upload was accepted'),
      () => undefined,
    );
    await waitUntil(() => shadow(el).querySelector('.upload[data-state="failed"]') !== null, 'failure shown in the queue');
    // Why, from the catalogue in the page's language: never the server's English detail.
    await waitUntil(() => shadow(el).querySelector('.upload[data-state="failed"]')?.textContent?.includes('Votre rôle dans cet espace ne le permet pas.') === true, 'told why', { timeout: 10_000 });
    await upload.cancel();
  });

  it('search: from another folder, Camille finds a file by a word without its accent, sees its folder, and it opens selected in its folder; axe clean', async () => {
    const camille = await signedIn('camille');
    const word = `Brévière${crypto.randomUUID().slice(0, 6)}`;
    const { folderId, items } = await freshFolder(camille, { [`Procès-verbal ${word}.txt`]: 'PV' });
    const elsewhere = await freshFolder(camille, { 'autre.txt': 'x' });
    const el = await mount(camille, elsewhere.folderId, 1);
    find(el, '[part~="search-button"]').click();
    await waitUntil(() => shadow(el).querySelector('dialog.search-dialog[open]') !== null, 'dialog open', { timeout: 10_000 });
    const field = find<HTMLInputElement>(el, 'dialog.search-dialog input[name="q"]');
    field.focus();
    await sendKeys({ type: `proces ${word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}` });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).querySelectorAll('[part~="search-result"]').length === 1, 'one result', { timeout: 10_000 });
    await expect(el).to.be.accessible();
    expect(find(el, '[part~="search-status"]').textContent).to.contain('1 document trouvé');
    expect(find(el, '[part~="search-folder"]').textContent).to.match(/^dans Essai /);
    find(el, '[part~="search-result"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.folder === folderId && shadow(el).activeElement?.getAttribute('data-key') === `f:${items[0]?.id}`, 'the file focused in its folder', {
      timeout: 10_000,
    });
    expect(shadow(el).querySelector('dialog.search-dialog[open]')).to.equal(null);
  });
});
