import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { FileItem, FileVersion, Folder, SpaceUsage, TrashEntry } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';
import { formatBytes, formatDate } from '../../i18n/format.js';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import { filesDialogsText, type FilesDialogsText } from '../../i18n/files-dialogs.js';
import { previewKind, type Entry } from './entries.js';

export interface DialogsHost extends ReactiveControllerHost {
  readonly shadowRoot: ShadowRoot | null;
}

export interface FileDialogsOptions {
  id: string;
  client: () => BureauClient | undefined;
  spaceId: () => string | undefined;
  messages: () => Messages;
  language: () => Language;
  announce: (text: string) => void;
  failed: (error: unknown) => void;
  /** Whether the person may change files (not a guest). */
  canWrite: () => boolean;
}

type Open =
  | { kind: 'preview'; file: FileItem }
  | { kind: 'move'; entry: Entry; folders: readonly Folder[] }
  | { kind: 'versions'; file: FileItem; versions: readonly FileVersion[] }
  | { kind: 'trash'; spaceId: string; entries: readonly TrashEntry[]; next: string | null; usage: SpaceUsage | undefined };

/**
 * The preview, move, versions and trash dialogs of `<bureau-files>`, each a native modal `<dialog>`:
 * the focus goes into it, Escape closes it, and the focus comes back to what opened it.
 */
export class FileDialogs implements ReactiveController {
  readonly #host: DialogsHost;
  readonly #options: FileDialogsOptions;
  #open: Open | undefined;
  #opener: HTMLElement | null = null;
  /** The focus is inside a previewed PDF, whose viewer keeps Escape: the preview says how to leave. */
  #inPdf = false;

  constructor(host: DialogsHost, options: FileDialogsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    window.removeEventListener('blur', this.#windowBlurred);
  }

  /** Shows an image or PDF inline. */
  preview(file: FileItem): Promise<void> {
    return this.#show({ kind: 'preview', file });
  }

  /** Asks which folder to move a file or folder into. */
  async move(entry: Entry): Promise<void> {
    const client = this.#options.client();
    const spaceId = this.#options.spaceId();
    if (client === undefined || spaceId === undefined) return;
    const tree = await client.files.tree(spaceId);
    // A folder cannot go into itself or below it.
    const below = new Set<string>(entry.kind === 'folder' ? [entry.item.id] : []);
    let grew = true;
    while (grew) {
      grew = false;
      for (const folder of tree.items) {
        if (folder.parentId !== null && below.has(folder.parentId) && !below.has(folder.id)) {
          below.add(folder.id);
          grew = true;
        }
      }
    }
    const folders = tree.items.filter((folder) => !below.has(folder.id)).sort((a, b) => pathOf(a, tree.items).localeCompare(pathOf(b, tree.items)));
    await this.#show({ kind: 'move', entry, folders });
  }

  /** Lists the versions of a file, each downloadable, older ones restorable. */
  async versions(file: FileItem): Promise<void> {
    const client = this.#options.client();
    if (client === undefined) return;
    const { items } = await client.files.versions(file.id);
    await this.#show({ kind: 'versions', file, versions: items });
  }

  /**
   * Lists what was deleted in the space, newest first, each restorable (by members and owners)
   * to where it was; with the storage the space uses, trash included.
   */
  async trash(): Promise<void> {
    const client = this.#options.client();
    const spaceId = this.#options.spaceId();
    if (client === undefined || spaceId === undefined) return;
    const [page, usage] = await Promise.all([client.files.trash(spaceId), client.files.usage(spaceId).catch(() => undefined)]);
    await this.#show({ kind: 'trash', spaceId, entries: page.items, next: page.nextCursor ?? null, usage });
  }

  render(): TemplateResult | typeof nothing {
    const open = this.#open;
    if (open === undefined) return nothing;
    const t = filesDialogsText(this.#options.messages(), this.#options.language());
    const titleId = `${this.#options.id}-dialog-title`;
    const body =
      open.kind === 'preview'
        ? this.#renderPreview(open.file, titleId, t)
        : open.kind === 'move'
          ? this.#renderMove(open, titleId, t)
          : open.kind === 'versions'
            ? this.#renderVersions(open, titleId, t)
            : this.#renderTrash(open, titleId, t);
    const close = html`<form method="dialog" class="dialog-close"><button part="close-button">${t.filesClose}</button></form>`;
    // A preview's close button comes first: it has the focus when the dialog opens and stays the
    // first thing of the dialog, in sight above the document.
    return html`<dialog part="dialog ${open.kind}-dialog" class="dialog" aria-labelledby=${titleId} @close=${this.#closed}
      @focusin=${this.#leftPdf}>
      ${open.kind === 'preview' ? close : nothing} ${body} ${open.kind === 'preview' ? nothing : close}
    </dialog>`;
  }

  /**
   * An image, or a PDF in Chromium's (or the browser's) viewer. The viewer keeps every key while it
   * has the focus, Escape included, and no page can take it back: the frame is out of the Tab order
   * (the keyboard never lands in it, so Escape always closes), « Ouvrir dans un nouvel onglet » reads
   * it with the viewer's keys, and when a click puts the focus inside, a note says how to leave.
   */
  #renderPreview(file: FileItem, titleId: string, t: FilesDialogsText): TemplateResult {
    const client = this.#options.client();
    const url = client?.files.previewUrl(file.id) ?? '';
    if (previewKind(file) === 'image') return html`<h2 id=${titleId}>${file.name}</h2><img part="preview-image" class="preview" src=${url} alt=${file.name} />`;
    return html`<h2 id=${titleId}>${file.name}</h2>
      <p part="preview-note" class="meta" role="status">${this.#inPdf ? t.filesPreviewPdfKeys : nothing}</p>
      <iframe part="preview-frame" class="preview" src=${url} title=${file.name} tabindex="-1"></iframe>
      <p><a part="preview-open-link" href=${url} target="_blank" rel="noopener">${t.filesPreviewOpenTab}</a></p>`;
  }

  /** The page lost the focus to a frame: if it is the previewed PDF, the note shows. */
  readonly #windowBlurred = (): void => {
    const frame = this.#dialog()?.querySelector('iframe');
    if (frame === null || frame === undefined || this.#host.shadowRoot?.activeElement !== frame) return;
    this.#inPdf = true;
    this.#host.requestUpdate();
  };

  readonly #leftPdf = (): void => {
    if (!this.#inPdf) return;
    this.#inPdf = false;
    this.#host.requestUpdate();
  };

  #renderMove(open: Extract<Open, { kind: 'move' }>, titleId: string, t: FilesDialogsText): TemplateResult {
    const { entry, folders } = open;
    const current = entry.kind === 'file' ? entry.item.folderId : entry.item.parentId;
    const name = `${this.#options.id}-move-target`;
    return html`<h2 id=${titleId}>${t.filesMoveTitle(entry.name)}</h2>
      <form part="move-form" @submit=${(event: SubmitEvent) => this.#submitMove(event, entry)}>
        <fieldset>
          <legend>${t.filesFolder}</legend>
          ${folders.map(
            (folder) => html`<label class="choice">
              <input type="radio" name=${name} value=${folder.id} ?checked=${folder.id === current} required />
              ${pathOf(folder, folders) || t.filesRoot}
            </label>`,
          )}
        </fieldset>
        <button type="submit" class="primary" part="move-button">${t.filesMoveHere}</button>
      </form>`;
  }

  #renderVersions(open: Extract<Open, { kind: 'versions' }>, titleId: string, t: FilesDialogsText): TemplateResult {
    const { file, versions } = open;
    const language = this.#options.language();
    const client = this.#options.client();
    return html`<h2 id=${titleId}>${t.filesVersionsTitle(file.name)}</h2>
      <ol part="versions" class="versions">
        ${versions.map(
          (version) => html`<li part="version">
            <span>${t.filesVersion(version.number)}${version.number === file.currentVersion ? html` (${t.filesCurrentVersion})` : nothing}</span>
            <span class="meta">${t.filesModified(formatDate(version.createdAt, language), version.author.name)} · ${formatBytes(version.size, language)}</span>
            <a part="version-download" href=${client?.files.contentUrl(file.id, { version: version.number }) ?? ''} download
              >${t.filesDownload} <span class="visually-hidden">${t.filesVersion(version.number)}</span></a
            >
            ${version.number === file.currentVersion
              ? nothing
              : html`<button type="button" part="version-restore-button" @click=${() => this.#restoreVersion(file, version.number)}>
                  ${t.filesRestoreVersion} <span class="visually-hidden">${t.filesVersion(version.number)}</span>
                </button>`}
          </li>`,
        )}
      </ol>
      ${this.#options.canWrite()
        ? html`<label part="new-version-button" class="pick">
            ${t.filesNewVersion}
            <input type="file" class="visually-hidden" @change=${(event: Event) => this.#newVersion(file, event)} />
          </label>`
        : nothing}`;
  }

  #renderTrash(open: Extract<Open, { kind: 'trash' }>, titleId: string, t: FilesDialogsText): TemplateResult {
    const language = this.#options.language();
    const canWrite = this.#options.canWrite();
    const usage = open.usage;
    return html`<h2 id=${titleId}>${t.filesTrashTitle}</h2>
      ${usage === undefined
        ? nothing
        : html`<p part="usage" class="meta">${t.filesUsage(formatBytes(usage.used, language), usage.quota === null ? null : formatBytes(usage.quota, language))}</p>`}
      ${open.entries.length === 0
        ? html`<p part="trash-empty">${t.filesTrashEmpty}</p>`
        : html`<ul part="trash" class="versions">
            ${open.entries.map((entry) => {
              const item = entry.kind === 'file' ? entry.file : entry.folder;
              const name = item.name;
              return html`<li part="trash-entry">
                <span>${name}</span>
                <span class="meta"
                  >${entry.kind === 'file' ? formatBytes(entry.file.size, language) : t.filesTrashFolder} ·
                  ${t.filesTrashDeleted(formatDate(item.deletedAt ?? item.updatedAt, language))}</span
                >
                ${canWrite
                  ? html`<button type="button" part="trash-restore-button" @click=${() => this.#restore(open, entry)}>
                      ${t.filesTrashRestore} <span class="visually-hidden">${name}</span>
                    </button>`
                  : nothing}
              </li>`;
            })}
          </ul>`}
      ${open.next === null ? nothing : html`<button type="button" part="trash-more-button" @click=${() => this.#moreTrash(open)}>${t.filesTrashMore}</button>`}`;
  }

  async #moreTrash(open: Extract<Open, { kind: 'trash' }>): Promise<void> {
    const client = this.#options.client();
    if (client === undefined || open.next === null) return;
    try {
      const page = await client.files.trash(open.spaceId, { cursor: open.next });
      if (this.#open !== open) return;
      this.#open = { ...open, entries: [...open.entries, ...page.items], next: page.nextCursor ?? null };
      this.#host.requestUpdate();
    } catch (error) {
      this.#options.failed(error);
    }
  }

  /** Puts an item back where it was; the focus moves to the next restore button, or the dialog's close button. */
  async #restore(open: Extract<Open, { kind: 'trash' }>, entry: TrashEntry): Promise<void> {
    const client = this.#options.client();
    if (client === undefined) return;
    try {
      const restored = entry.kind === 'file' ? await client.files.restoreFile(entry.file.id) : await client.files.restoreFolder(entry.folder.id);
      const id = restored.id;
      const index = open.entries.indexOf(entry);
      const entries = open.entries.filter((each) => (each.kind === 'file' ? each.file.id : each.folder.id) !== id);
      if (this.#open === open) this.#open = { ...open, entries };
      this.#options.announce(filesDialogsText(this.#options.messages(), this.#options.language()).filesRestored(restored.name));
      this.#host.requestUpdate();
      await this.#host.updateComplete;
      const dialog = this.#dialog();
      const buttons = [...(dialog?.querySelectorAll<HTMLButtonElement>('[part="trash-restore-button"]') ?? [])];
      (buttons[Math.min(index, buttons.length - 1)] ?? dialog?.querySelector<HTMLButtonElement>('[part="close-button"]'))?.focus();
    } catch (error) {
      this.#options.failed(error);
    }
  }

  /** Uploads a new version of `file`; the list refreshes when it is in. */
  #newVersion(file: FileItem, event: Event): void {
    const input = event.target as HTMLInputElement;
    const picked = input.files?.[0];
    input.value = '';
    const client = this.#options.client();
    if (picked === undefined || client === undefined) return;
    const upload = client.files.uploads.add(picked, { spaceId: file.spaceId, folderId: file.folderId, fileId: file.id, name: file.name });
    upload.whenDone().then(async (updated) => {
      if (this.#open?.kind !== 'versions' || this.#open.file.id !== file.id) return;
      const { items } = await client.files.versions(file.id);
      this.#open = { kind: 'versions', file: updated, versions: items };
      this.#host.requestUpdate();
    }).catch((error: unknown) => this.#options.failed(error));
  }

  async #submitMove(event: SubmitEvent, entry: Entry): Promise<void> {
    event.preventDefault();
    const client = this.#options.client();
    const form = event.currentTarget as HTMLFormElement;
    const target = new FormData(form).get(`${this.#options.id}-move-target`);
    if (client === undefined || typeof target !== 'string') return;
    try {
      if (entry.kind === 'file') await client.files.moveFile(entry.item.id, target);
      else await client.files.updateFolder(entry.item.id, { parentId: target });
      this.close();
    } catch (error) {
      this.#options.failed(error);
    }
  }

  async #restoreVersion(file: FileItem, number: number): Promise<void> {
    const client = this.#options.client();
    if (client === undefined) return;
    try {
      const restored = await client.files.restoreVersion(file.id, number);
      const { items } = await client.files.versions(file.id);
      this.#open = { kind: 'versions', file: restored, versions: items };
      this.#host.requestUpdate();
    } catch (error) {
      this.#options.failed(error);
    }
  }

  /** Closes the open dialog, if any. */
  close(): void {
    this.#dialog()?.close();
  }

  async #show(open: Open): Promise<void> {
    const active = this.#host.shadowRoot?.activeElement;
    this.#opener = active instanceof HTMLElement ? active : null;
    this.#open = open;
    this.#inPdf = false;
    if (open.kind === 'preview') window.addEventListener('blur', this.#windowBlurred);
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const dialog = this.#dialog();
    if (dialog && !dialog.open) dialog.showModal();
  }

  readonly #closed = (): void => {
    window.removeEventListener('blur', this.#windowBlurred);
    this.#open = undefined;
    this.#inPdf = false;
    this.#host.requestUpdate();
    this.#opener?.focus();
    this.#opener = null;
  };

  #dialog(): HTMLDialogElement | null {
    return this.#host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.dialog') ?? null;
  }
}

/** `/A/B` for a folder, from its parents in `folders` (the root is ''). */
function pathOf(folder: Folder, folders: readonly Folder[]): string {
  const names: string[] = [];
  let current: Folder | undefined = folder;
  for (let depth = 0; current !== undefined && current.parentId !== null && depth < 64; depth += 1) {
    names.unshift(current.name);
    const parentId: string = current.parentId;
    current = folders.find((candidate) => candidate.id === parentId);
  }
  return names.length === 0 ? '' : `/${names.join('/')}`;
}
