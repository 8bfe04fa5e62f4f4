import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { FolderContents } from '@bureau/api';
import { filesDomain, spacesDomain, type BureauClient } from '@bureau/sdk';
import { filesCatalogue } from '../i18n/files.fr.js';
import { documentsCatalogue } from '../i18n/documents.fr.js';
import { BureauElement } from '../internal/bureau-element.js';
import { BureauFileDeleteEvent } from './events/file-delete.js';
import { BureauFileOpenEvent } from './events/file-open.js';
import { BureauFileRenameEvent } from './events/file-rename.js';
import { BureauFolderOpenEvent } from './events/folder-open.js';
import { BureauUploadCompleteEvent } from './events/upload-complete.js';
import { DropZone } from './internal/drop-zone.js';
import { entriesOf, previewKind, type Entry, type SortDirection, type SortKey } from './internal/entries.js';
import type { FileDialogs, FileDialogsOptions } from './internal/file-dialogs.js';
import type { FileSearchDialog } from './internal/search-dialog.js';
import { handleListKey } from './internal/keys.js';
import { roleIn } from '../internal/role.js';
import { Selection } from './internal/selection.js';
import type { ShareDialog } from './internal/share-dialog.js';
import { Toast } from './internal/toast.js';
import { UploadQueue } from './internal/upload-queue.js';
import { renderEntry } from './internal/entry-view.js';
import { filesStyles } from './files.styles.js';
import { renderToolbar } from './internal/toolbar.js';
import { loadReasons, reasonOf } from './internal/reason.js';
import { UsageMeter } from './internal/usage.js';
import { isNoAccess } from '../internal/membership.js';
import { rememberFolder } from '../internal/current-folder.js';

type LoadState = 'idle' | 'loading' | 'ready' | 'error' | 'no-access';

/** Everything opened for one folder, closed together when the folder or the client changes. */
interface Opened {
  client: BureauClient;
  folder: string | undefined;
  space: string | undefined;
  abort: AbortController;
}

let instances = 0;

/**
 * The documents of a folder: list or grid, breadcrumb, sort, keyboard navigation and
 * multi-selection, uploads by button or by drag and drop (announced to screen readers) with a
 * queue showing progress, speed and time left that resumes after a network cut or a reload,
 * preview of images and PDF, rename in place, move, delete with undo, versions and share links —
 * every dialog a native `<dialog>`. Live: files others add or change appear at once. File names
 * are always rendered as text.
 *
 * @tagname bureau-files
 * @summary A folder's documents, live, with resumable uploads, versions and share links.
 *
 * @event {BureauFileOpenEvent} bureau-file-open - A file is being opened. Cancelable (no preview or download then).
 * @event {BureauFolderOpenEvent} bureau-folder-open - A folder is being opened. Cancelable.
 * @event {BureauFileRenameEvent} bureau-file-rename - A rename is about to be saved. Cancelable.
 * @event {BureauFileDeleteEvent} bureau-file-delete - Items are about to go to the trash. Cancelable.
 * @event {BureauUploadCompleteEvent} bureau-upload-complete - An upload started here became a file.
 *
 * @csspart base - The wrapper of everything; also the drop zone (`base drop-over` while files are over it).
 * @csspart breadcrumb - The path from the root (`<nav>`).
 * @csspart crumb - One step of it.
 * @csspart toolbar - Upload, new folder, view and sort controls.
 * @csspart upload-button - Opens the file picker.
 * @csspart new-folder-button - Shows the new-folder form.
 * @csspart view-button - The list/grid toggles.
 * @csspart sort - The sort select.
 * @csspart direction-button - Toggles ascending/descending.
 * @csspart actions - The buttons acting on the selection.
 * @csspart open-button - Opens (or previews) the selected item.
 * @csspart download-button - Downloads the selected file.
 * @csspart rename-button - Renames in place.
 * @csspart move-button - Opens the move dialog.
 * @csspart delete-button - Moves the selection to the trash.
 * @csspart versions-button - Opens the versions dialog.
 * @csspart share-button - Opens the share-link dialog.
 * @csspart trash-button - Opens the trash dialog: deleted items, each restorable, and the storage used.
 * @csspart search-button - Opens the search dialog: the space's files by name, type, author and dates, each shown in its folder.
 * @csspart search-dialog - The search dialog (also `dialog`); inside, `search-form`, `search-status`, `search-results`, `search-result` (a file, a button), `search-folder`.
 * @csspart drop-zone - The drag-and-drop hint.
 * @csspart state - The loading, empty or error message.
 * @csspart list - The listing (`<ul>`).
 * @csspart item - A row; also `item-folder`, `item-file`, `item-selected`.
 * @csspart entry - The focusable button of a row.
 * @csspart name - A file or folder name.
 * @csspart meta - Size, date, author.
 * @csspart rename-field - The name field of a rename in place.
 * @csspart uploads - The upload queue.
 * @csspart upload - One upload.
 * @csspart upload-progress - Its `<progress>`.
 * @csspart upload-status - Its state, speed and time left.
 * @csspart upload-pause-button - Pauses an upload.
 * @csspart upload-resume-button - Resumes it.
 * @csspart upload-cancel-button - Cancels it.
 * @csspart upload-pick-button - Picks the file again after a reload.
 * @csspart toast - Says what was done, with « Annuler » after a deletion.
 * @csspart undo-button - « Annuler »: restores from the trash.
 * @csspart dialog - Every dialog; also `preview-dialog`, `move-dialog`, `versions-dialog`, `share-dialog`, `trash-dialog`.
 * @csspart trash - The list of deleted items (trash dialog); `trash-entry` each, `trash-empty` when there is none.
 * @csspart trash-restore-button - Puts a deleted item back where it was (members and owners).
 * @csspart trash-more-button - Loads more deleted items.
 * @csspart usage - The storage the space uses, trash included, and its quota.
 * @csspart close-button - Closes a dialog.
 * @csspart preview-note - In a PDF preview: how to leave the viewer, once a click put the focus in it.
 * @csspart preview-open-link - « Ouvrir dans un nouvel onglet »: the PDF in a tab of its own.
 * @csspart new-version-button - Uploads a new version (versions dialog).
 * @csspart read-only - Says why a guest cannot upload.
 *
 * @cssproperty --bureau-files-block-size - Height of the listing before it scrolls (default 28rem).
 * @cssproperty --bureau-files-item-min-inline-size - Width of a grid cell (default 9rem).
 * @cssproperty --bureau-files-selected-background - Background of selected rows.
 * @cssproperty --bureau-files-drop-background - Background of the zone while files are over it.
 * @cssproperty --bureau-files-progress-color - Colour of upload progress bars.
 */
export class BureauFilesElement extends BureauElement {
  static override domains = [filesDomain, spacesDomain];
  static override catalogues = [filesCatalogue, documentsCatalogue];

  static override styles = [...BureauElement.styles, filesStyles];

  static override properties: PropertyDeclarations = {
    folder: { reflect: true },
    space: { reflect: true },
    view: { reflect: true },
    sort: { reflect: true },
    direction: { reflect: true },
    loadState: { state: true, attribute: false },
    contents: { state: true, attribute: false },
  };

  /** The id of the folder shown. */
  declare folder: string | undefined;
  /** A space whose root folder is shown when `folder` is not set. */
  declare space: string | undefined;
  /** `list` (default) or `grid`. */
  declare view: 'list' | 'grid';
  /** `name` (default), `date` or `size`. Folders always come first. */
  declare sort: SortKey;
  /** `ascending` (default) or `descending`. */
  declare direction: SortDirection;

  private declare loadState: LoadState;
  private declare contents: FolderContents | undefined;

  readonly #id = `bureau-files-${(instances += 1)}`;
  #opened: Opened | undefined;
  #canWrite = false;
  #error: unknown;
  readonly #selection = new Selection();
  #renaming: string | undefined;
  #creatingFolder = false;
  /** A folder was opened from the list: its first entry gets the focus once it shows. */
  #focusFirst = false;
  readonly #usage = new UsageMeter(this);
  #announcement = '';
  /** Uploads started from this element (their completion is announced here). */
  readonly #mine = new Set<string>();
  readonly #queue: UploadQueue;
  readonly #common: FileDialogsOptions;
  /** The dialogs, once loaded (on first use). */
  #dialogs: Promise<{ files: FileDialogs; share: ShareDialog }> | undefined;
  #loadedDialogs: { files: FileDialogs; share: ShareDialog } | undefined;
  /** The search dialog, once loaded (on first use). */
  #searchDialog: FileSearchDialog | undefined;
  /** A file found by the search, to select and focus once its folder is shown. */
  #revealing: string | undefined;
  readonly #drop: DropZone;
  readonly #toast: Toast;

  constructor() {
    super();
    this.view = 'list';
    this.sort = 'name';
    this.direction = 'ascending';
    this.loadState = 'idle';
    this.contents = undefined;
    const common = {
      id: this.#id,
      client: () => this.activeClient,
      spaceId: () => this.contents?.folder.spaceId,
      messages: () => this.messages,
      language: () => this.resolvedLanguage,
      announce: (text: string) => this.#announce(text),
      failed: (error: unknown) => this.#failed(error),
      canWrite: () => this.#canWrite,
    };
    this.#queue = new UploadQueue(this, { ...common, confirmed: () => this.contents?.files.map((file) => file.clientId) ?? [] });
    this.#common = common;
    this.#toast = new Toast(this, common);
    this.#drop = new DropZone(this, {
      enabled: () => this.#canWrite,
      announce: (text) => this.#announce(text),
      over: () => this.messages.filesDropOver,
      left: () => this.messages.filesDropLeft,
      dropped: (files) => {
        this.#announce(this.messages.filesDropped(files.map((file) => file.name)));
        this.#upload(files);
      },
    });
  }

  /** The rows shown, sorted. */
  get #entries(): Entry[] {
    return this.contents === undefined ? [] : entriesOf(this.contents, this.sort, this.direction);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    const opened = this.#opened;
    if (this.isConnected && (opened?.client !== client || opened?.folder !== this.folder || opened?.space !== this.space)) {
      this.#close();
      if (client !== undefined && (this.folder || this.space)) this.#open(client);
    }
    this.#queue.follow(client);
    this.#selection.keep(this.#entries.map((entry) => entry.key));
  }

  #open(client: BureauClient): void {
    const abort = new AbortController();
    const { signal } = abort;
    const { folder, space } = this;
    this.#opened = { client, folder, space, abort };
    this.loadState = 'loading';
    this.contents = undefined;
    const onError = (error: unknown): void => {
      if (!signal.aborted) this.#failed(error);
    };
    const load = async (): Promise<void> => {
      const folderId = folder || (await client.files.tree(space ?? '', { signal })).rootId;
      let spaceChecked: string | undefined;
      await client.files.watchFolder(
        folderId,
        ({ value }) => {
          this.contents = value;
          this.loadState = 'ready';
          rememberFolder(value.folder.spaceId, value.folder.id);
          if (this.#focusFirst) {
            // Opened with Enter: the focus goes to the folder's first entry (or its empty state).
            this.#focusFirst = false;
            void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button.entry[tabindex="0"], button.entry, .state')?.focus());
          }
          this.#revealFound();
          if (spaceChecked !== value.folder.spaceId) {
            spaceChecked = value.folder.spaceId;
            this.#usage.follow(client, spaceChecked, signal);
            roleIn(client, spaceChecked, signal).then((role) => {
              this.#canWrite = role === 'owner' || role === 'member';
              this.requestUpdate();
            }, onError);
          }
        },
        { signal, onError },
      );
    };
    load().catch(async (error: unknown) => {
      if (signal.aborted) return;
      if (!isNoAccess(error)) await loadReasons().catch(() => undefined);
      this.#error = error;
      this.loadState = isNoAccess(error) ? 'no-access' : 'error';
    });
    client.files.uploads.addEventListener('complete', (event) => {
      if (!this.#mine.delete(event.upload.id)) return;
      this.dispatchEvent(new BureauUploadCompleteEvent(event.file));
      this.#usage.refresh();
      this.#announce(this.messages.filesUploaded(event.file.name));
    }, { signal });
    client.files.uploads.addEventListener('statechange', (event) => {
      const upload = event.upload;
      if (upload.state !== 'failed') return;
      void loadReasons().then(() => {
        this.requestUpdate();
        if (this.#mine.has(upload.id)) this.#announce(this.messages.filesUploadFailed(upload.name, reasonOf(upload.error, this.resolvedLanguage)));
      });
    }, { signal });
  }

  /** Runs `action` with the dialogs, loading them first if needed; failures are shown. */
  #withDialogs(action: (dialogs: { files: FileDialogs; share: ShareDialog }) => Promise<void>): void {
    this.#dialogs ??= import('./internal/dialogs.js').then(({ FileDialogs, ShareDialog }) => {
      this.#loadedDialogs = { files: new FileDialogs(this, this.#common), share: new ShareDialog(this, this.#common) };
      return this.#loadedDialogs;
    });
    this.#dialogs.then(action).catch((error: unknown) => {
      if (this.#loadedDialogs === undefined) this.#dialogs = undefined;
      this.#failed(error);
    });
  }

  #close(): void {
    this.#opened?.abort.abort();
    this.#opened = undefined;
    this.#canWrite = false;
  }

  #announce(text: string): void {
    // The same words twice in a row are still read: the region is emptied first.
    this.#announcement = '';
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.#announcement = text;
      this.requestUpdate();
    });
  }

  #failed(error: unknown): void {
    void loadReasons()
      .catch(() => undefined)
      .then(() => this.#toast.show(this.messages.filesActionFailed(reasonOf(error, this.resolvedLanguage))));
  }

  // ——— Actions ———

  #navigate(folderId: string): void {
    if (!this.dispatchEvent(new BureauFolderOpenEvent(folderId))) return;
    this.folder = folderId;
  }

  #openEntry(entry: Entry): void {
    if (entry.kind === 'folder') {
      this.#focusFirst = true;
      this.#navigate(entry.item.id);
      return;
    }
    if (!this.dispatchEvent(new BureauFileOpenEvent(entry.item))) return;
    if (previewKind(entry.item) !== null) {
      this.#withDialogs(({ files }) => files.preview(entry.item));
      return;
    }
    this.#download(entry);
  }

  #download(entry: Entry): void {
    const client = this.activeClient;
    if (client === undefined || entry.kind !== 'file') return;
    const link = document.createElement('a');
    link.href = client.files.contentUrl(entry.item.id);
    link.download = entry.item.name;
    link.click();
  }

  /** Uploads files into the folder shown. */
  #upload(files: readonly File[]): void {
    const client = this.activeClient;
    const folder = this.contents?.folder;
    if (client === undefined || folder === undefined) return;
    for (const file of files) this.#mine.add(client.files.uploads.add(file, { spaceId: folder.spaceId, folderId: folder.id }).id);
  }

  #startRename(entry: Entry): void {
    if (!this.#canWrite) return;
    this.#renaming = entry.key;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const field = this.renderRoot.querySelector<HTMLInputElement>('.rename input');
      field?.focus();
      field?.select();
    });
  }

  async #rename(entry: Entry, name: string): Promise<void> {
    this.#renaming = undefined;
    this.requestUpdate();
    const client = this.activeClient;
    const trimmed = name.trim();
    if (client !== undefined && trimmed !== '' && trimmed !== entry.name && this.dispatchEvent(new BureauFileRenameEvent(entry.kind, entry.item.id, trimmed))) {
      try {
        if (entry.kind === 'file') await client.files.renameFile(entry.item.id, trimmed);
        else await client.files.updateFolder(entry.item.id, { name: trimmed });
      } catch (error) {
        this.#failed(error);
      }
    }
    await this.updateComplete;
    this.#focusEntry(entry.key);
  }

  async #delete(entries: readonly Entry[]): Promise<void> {
    const client = this.activeClient;
    if (client === undefined || entries.length === 0 || !this.#canWrite) return;
    const files = entries.flatMap((entry) => (entry.kind === 'file' ? [entry.item] : []));
    const folders = entries.flatMap((entry) => (entry.kind === 'folder' ? [entry.item] : []));
    if (!this.dispatchEvent(new BureauFileDeleteEvent(files, folders))) return;
    const keys = this.#entries.map((entry) => entry.key);
    const next = keys.slice(keys.indexOf(entries[entries.length - 1]?.key ?? '') + 1).find((key) => !entries.some((entry) => entry.key === key));
    try {
      for (const file of files) await client.files.deleteFile(file.id);
      for (const folder of folders) await client.files.deleteFolder(folder.id);
    } catch (error) {
      this.#failed(error);
      return;
    }
    const t = this.messages;
    const label = entries.length === 1 ? (entries[0]?.name ?? '') : t.filesSelected(entries.length);
    this.#toast.show(t.filesDeleted(label), async () => {
      for (const file of files) await client.files.restoreFile(file.id);
      for (const folder of folders) await client.files.restoreFolder(folder.id);
      this.#toast.show(t.filesRestored(label));
    });
    this.#selection.clear();
    if (next !== undefined) this.#selection.moveFocus(next);
    await this.updateComplete;
    if (next !== undefined) this.#focusEntry(next);
  }

  async #createFolder(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.activeClient;
    const folder = this.contents?.folder;
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    if (client === undefined || folder === undefined || field.value.trim() === '') return;
    try {
      await client.files.createFolder(folder.spaceId, { name: field.value.trim(), parentId: folder.id });
      this.#creatingFolder = false;
      this.requestUpdate();
    } catch (error) {
      this.#failed(error);
    }
  }

  // ——— Keyboard and pointer ———

  /** Opens the search dialog (its code comes the first time). */
  async #search(): Promise<void> {
    if (this.#searchDialog === undefined) {
      const { FileSearchDialog } = await import('./internal/search-dialog.js');
      this.#searchDialog ??= new FileSearchDialog(this, {
        ...this.#common,
        reveal: (hit) => {
          this.#revealing = `f:${hit.file.id}`;
          if (this.contents?.folder.id === hit.file.folderId) this.#revealFound();
          else this.#navigate(hit.file.folderId);
        },
      });
    }
    await this.#searchDialog.show(this.renderRoot);
  }

  /** Selects and focuses the file found by the search, once its folder is shown. */
  #revealFound(): void {
    const key = this.#revealing;
    if (key === undefined || !this.#entries.some((entry) => entry.key === key)) return;
    this.#revealing = undefined;
    this.#selection.only(key);
    this.requestUpdate();
    void this.updateComplete.then(() => this.#focusEntry(key));
  }

  #focusEntry(key: string): void {
    this.renderRoot.querySelector<HTMLButtonElement>(`button.entry[data-key="${CSS.escape(key)}"]`)?.focus();
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (this.#renaming !== undefined) return;
    handleListKey(event, this.#entries, this.#selection, this.view === 'grid' ? this.#columns() : 1, {
      open: (entry) => this.#openEntry(entry),
      rename: (entry) => this.#startRename(entry),
      delete: (entries) => void this.#delete(entries),
      changed: (focusKey) => {
        this.requestUpdate();
        if (focusKey !== undefined) void this.updateComplete.then(() => this.#focusEntry(focusKey));
      },
    });
  };

  /** The selected rows. */
  #selectedEntries(): Entry[] {
    return this.#entries.filter((entry) => this.#selection.has(entry.key));
  }

  #columns(): number {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('.list > li')];
    const top = items[0]?.offsetTop;
    return Math.max(1, items.filter((item) => item.offsetTop === top).length);
  }

  #onClick(event: MouseEvent, entry: Entry): void {
    const keys = this.#entries.map((candidate) => candidate.key);
    if (event.shiftKey) this.#selection.extend(entry.key, keys);
    else if (event.ctrlKey || event.metaKey) this.#selection.toggle(entry.key);
    else this.#selection.only(entry.key);
    this.requestUpdate();
  }

  // ——— Rendering ———

  protected override render(): TemplateResult {
    const t = this.messages;
    if (this.loadState === 'no-access') return html`<div part="base" class="base"><p part="state" class="state">${this.noAccessText}</p></div>`;
    return html`<div
      part="base${this.#drop.over ? ' drop-over' : ''}"
      class="base ${this.#drop.over ? 'over' : ''}"
      @dragenter=${this.#drop.enter}
      @dragover=${this.#drop.overZone}
      @dragleave=${this.#drop.leave}
      @drop=${this.#drop.drop}
    >
      ${this.#renderBreadcrumb()}
      ${renderToolbar({
        id: this.#id,
        t,
        canWrite: this.#canWrite && this.contents !== undefined,
        view: this.view,
        sort: this.sort,
        direction: this.direction,
        creatingFolder: this.#creatingFolder,
        selected: this.#selectedEntries(),
        onFiles: (files) => this.#upload(files),
        onNewFolder: () => {
          this.#creatingFolder = !this.#creatingFolder;
          this.requestUpdate();
        },
        onCreateFolder: (event) => void this.#createFolder(event),
        onView: (view) => (this.view = view),
        onSort: (sort) => (this.sort = sort),
        onDirection: () => (this.direction = this.direction === 'ascending' ? 'descending' : 'ascending'),
        onOpen: (entry) => this.#openEntry(entry),
        onDownload: (entry) => this.#download(entry),
        onRename: (entry) => this.#startRename(entry),
        onMove: (entry) => this.#withDialogs(({ files }) => files.move(entry)),
        onDelete: (entries) => void this.#delete(entries),
        onVersions: (file) => this.#withDialogs(({ files }) => files.versions(file)),
        onShare: (entry) => this.#withDialogs(({ share }) => share.open(entry)),
        onTrash: () => this.#withDialogs(({ files }) => files.trash()),
        onSearch: () => void this.#search().catch((error: unknown) => this.#failed(error)),
      })}
      ${this.#canWrite
        ? html`<p part="drop-zone" class="drop-zone">${t.filesDropZone}</p>`
        : this.loadState === 'ready'
          ? html`<p part="read-only" class="read-only">${t.filesReadOnly}</p>`
          : nothing}
      ${this.#renderListing()} ${this.#usage.render(t, this.resolvedLanguage)} ${this.#queue.render()} ${this.#toast.render()}
      <div class="visually-hidden" role="status">${this.#announcement}</div>
      ${this.#loadedDialogs?.files.render() ?? nothing} ${this.#loadedDialogs?.share.render() ?? nothing} ${this.#searchDialog?.render() ?? nothing}
    </div>`;
  }

  #renderBreadcrumb(): TemplateResult | typeof nothing {
    const contents = this.contents;
    if (contents === undefined) return nothing;
    const t = this.messages;
    const label = (name: string): string => (name === '' ? t.filesRoot : name);
    return html`<nav part="breadcrumb" class="breadcrumb" aria-label=${t.filesBreadcrumb}>
      <ol>
        ${contents.breadcrumb.map(
          (folder) => html`<li part="crumb"><button type="button" class="link" @click=${() => this.#navigate(folder.id)}>${label(folder.name)}</button></li>`,
        )}
        <li part="crumb"><span aria-current="location">${label(contents.folder.name)}</span></li>
      </ol>
    </nav>`;
  }

  #renderListing(): TemplateResult {
    const t = this.messages;
    if (this.loadState === 'idle') return html`<p part="state" class="state">${t.filesNoFolder}</p>`;
    if (this.loadState === 'loading') return html`<p part="state" class="state" role="status">${t.filesLoading}</p>`;
    if (this.loadState === 'error' || this.contents === undefined) {
      return html`<p part="state" class="state error" role="alert">${t.filesLoadFailed} ${reasonOf(this.#error, this.resolvedLanguage)}</p>`;
    }
    const entries = this.#entries;
    if (entries.length === 0) return html`<p part="state" class="state" tabindex="-1">${t.filesEmpty}</p>`;
    const folderName = this.contents.folder.name === '' ? t.filesRoot : this.contents.folder.name;
    return html`<p id="${this.#id}-hint" class="visually-hidden">${t.filesListHint}</p>
      <ul part="list" class="list ${this.view}" aria-label=${t.filesListLabel(folderName)} @keydown=${this.#onKeydown}>
        ${entries.map((entry) => this.#renderEntry(entry))}
      </ul>`;
  }

  #renderEntry(entry: Entry): TemplateResult {
    return renderEntry(entry, {
      id: this.#id,
      t: this.messages,
      language: this.resolvedLanguage,
      selected: this.#selection.has(entry.key),
      focused: this.#selection.focus === entry.key,
      renaming: this.#renaming === entry.key,
      onClick: (event) => this.#onClick(event, entry),
      onOpen: () => this.#openEntry(entry),
      onRename: (name) => void this.#rename(entry, name),
      onRenameCancel: () => {
        this.#renaming = undefined;
        this.requestUpdate();
        void this.updateComplete.then(() => this.#focusEntry(entry.key));
      },
    });
  }
}
