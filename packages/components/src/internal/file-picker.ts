import { css, html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { addStyles } from './add-styles.js';
import type { Attachment, FileItem, Folder } from '@bureau/api';
import { filesDomain, registerDomains, type BureauClient } from '@bureau/sdk';
import type { Language } from '../i18n/catalogues.js';
import { formatBytes } from '../i18n/format.js';
import type { Messages } from '../i18n/fr.js';
import { currentFolder, rememberFolder } from './current-folder.js';

// The picker browses the space's folders: the files domain comes with it (the chat and the board, which
// open it, do not load that code until then).
registerDomains(filesDomain);

/** A file chosen in the picker: what a message attachment or a card link shows of it. */
export type PickedFile = Required<Attachment>;

const styles = css`
  .file-picker { border: 1px solid var(--bureau-border-color, #8a8a8a); border-radius: 4px; padding: .5rem; display: grid; gap: .375rem; }
  .file-picker ul { list-style: none; margin: 0; padding: 0; display: grid; gap: .25rem; max-height: 12rem; overflow: auto; }
  .file-picker li button { width: 100%; text-align: start; }
  .file-picker .recent-title { margin: 0; font-weight: 600; }
`;

/** What the picker needs from the element that shows it. */
export interface FilePickerHost {
  requestUpdate(): void;
  /** A file was chosen (the picker stays open: the host closes it). */
  pick(file: PickedFile): void;
  /** The person asked to close the picker (button or Escape). */
  close(): void;
}

/** A folder of the space with its path from the root, for the folder `<select>`. */
interface FolderChoice {
  id: string;
  path: string;
}

/** The folders of a tree, each with its path, in path order; the root (`/`) first. */
function choicesOf(items: readonly Folder[], rootId: string, rootName: string): FolderChoice[] {
  const byId = new Map(items.map((folder) => [folder.id, folder]));
  const pathOf = (folder: Folder): string => {
    const names: string[] = [];
    for (let at: Folder | undefined = folder; at !== undefined && at.id !== rootId; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      names.unshift(at.name);
    }
    return names.join(' / ');
  };
  const others = items
    .filter((folder) => folder.id !== rootId)
    .map((folder) => ({ id: folder.id, path: `${rootName} / ${pathOf(folder)}` }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return [{ id: rootId, path: rootName }, ...others];
}

/**
 * Chooses a file of a space: a `<select>` of its folders and the files of the chosen folder as
 * buttons. Shared by the board's card dialog and the chat composer; a lazy chunk, loaded on the first
 * « Lier un document » / « Joindre un document ». Keyboard: Tab to the folder list, arrows to change
 * folder, Tab to a file, Enter to choose it, Escape to close.
 */
export class FilePicker {
  readonly #host: FilePickerHost;
  readonly #client: BureauClient;
  readonly #spaceId: string;
  #folders: FolderChoice[] = [];
  #folderId = '';
  #files: FileItem[] | undefined;
  /** The space's latest changed files, offered before any browsing. */
  #recent: FileItem[] = [];
  #failed = false;
  #request: AbortController | undefined;

  constructor(host: FilePickerHost, client: BureauClient, spaceId: string) {
    this.#host = host;
    this.#client = client;
    this.#spaceId = spaceId;
  }

  /**
   * Loads the space's folders and recent files, then the files of the folder the person last
   * opened in `<bureau-files>` (else the root's).
   */
  async load(t: Messages): Promise<void> {
    try {
      this.#client.files.recent(this.#spaceId, { limit: 5 }).then(
        ({ items }) => {
          this.#recent = items;
          this.#host.requestUpdate();
        },
        () => undefined /* the folders are enough to choose */,
      );
      const tree = await this.#client.files.tree(this.#spaceId);
      this.#folders = choicesOf(tree.items, tree.rootId, t.filesRoot);
      const current = currentFolder(this.#spaceId);
      await this.#show(this.#folders.some((folder) => folder.id === current) ? (current as string) : tree.rootId);
    } catch {
      this.#failed = true;
      this.#host.requestUpdate();
    }
  }

  /** Stops any request in flight. */
  dispose(): void {
    this.#request?.abort();
  }

  async #show(folderId: string): Promise<void> {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#folderId = folderId;
    this.#files = undefined;
    this.#failed = false;
    this.#host.requestUpdate();
    try {
      const contents = await this.#client.files.folder(folderId, { signal: request.signal });
      if (request.signal.aborted) return;
      this.#files = contents.files;
    } catch {
      if (request.signal.aborted) return;
      this.#failed = true;
    }
    this.#host.requestUpdate();
  }

  /**
   * The picker. `id` prefixes its element ids; files in `taken` (already linked or attached) are
   * listed but cannot be chosen again.
   */
  render(t: Messages, language: Language, id: string, taken: readonly string[]): TemplateResult {
    const folder = this.#folders.find((each) => each.id === this.#folderId);
    const files = this.#files;
    return html`<div part="file-picker" class="file-picker" role="group" aria-labelledby="${id}-picker-title" ${ref((element) => element && addStyles(element, styles))}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        // Inside the card's modal dialog, Escape closes the picker only, not the dialog.
        event.preventDefault();
        event.stopPropagation();
        this.#host.close();
      }}>
      <strong id="${id}-picker-title">${t.pickerTitle}</strong>
      <label for="${id}-picker-folder">${t.filesFolder}</label>
      <select id="${id}-picker-folder" part="picker-folder" @change=${(event: Event) => {
        const folderId = (event.target as HTMLSelectElement).value;
        rememberFolder(this.#spaceId, folderId);
        void this.#show(folderId);
      }}>
        ${this.#folders.map((each) => html`<option value=${each.id} ?selected=${each.id === this.#folderId}>${each.path}</option>`)}
      </select>
      <div role="status">${this.#failed ? t.filesLoadFailed : files === undefined ? t.filesLoading : files.length === 0 ? t.filesEmpty : nothing}</div>
      ${files === undefined || files.length === 0
        ? nothing
        : html`<ul aria-label=${t.filesListLabel(folder?.path ?? '')}>
            ${files.map((file) => this.#fileButton(file, language, taken))}
          </ul>`}
      ${this.#recent.length === 0
        ? nothing
        : html`<p class="recent-title" id="${id}-picker-recent">${t.pickerRecent}</p>
            <ul part="picker-recent" aria-labelledby="${id}-picker-recent">
              ${this.#recent.map((file) => this.#fileButton(file, language, taken))}
            </ul>`}
      <button type="button" part="picker-close" @click=${() => this.#host.close()}>${t.chatCancel}</button>
    </div>`;
  }

  #fileButton(file: FileItem, language: Language, taken: readonly string[]): TemplateResult {
    return html`<li><button type="button" part="picker-file" ?disabled=${taken.includes(file.id)}
      @click=${() => this.#host.pick({ fileId: file.id, name: file.name, size: file.size, type: file.type })}
      >${file.name} <span class="meta">(${formatBytes(file.size, language)})</span></button></li>`;
  }
}
