import { html, nothing, type TemplateResult } from 'lit';
import type { FileItem } from '@bureau/api';
import type { Messages } from '../../i18n/fr.js';
import { previewKind, type Entry, type SortDirection, type SortKey } from './entries.js';

export interface ToolbarOptions {
  id: string;
  t: Messages;
  canWrite: boolean;
  view: 'list' | 'grid';
  sort: SortKey;
  direction: SortDirection;
  creatingFolder: boolean;
  selected: readonly Entry[];
  onFiles: (files: File[]) => void;
  onNewFolder: () => void;
  onCreateFolder: (event: SubmitEvent) => void;
  onView: (view: 'list' | 'grid') => void;
  onSort: (sort: SortKey) => void;
  onDirection: () => void;
  onOpen: (entry: Entry) => void;
  onDownload: (entry: Entry) => void;
  onRename: (entry: Entry) => void;
  onMove: (entry: Entry) => void;
  onDelete: (entries: readonly Entry[]) => void;
  onVersions: (file: FileItem) => void;
  onShare: (entry: Entry) => void;
  onTrash: () => void;
  onSearch: () => void;
}

/**
 * The toolbar of `<bureau-files>`: upload (a real file input behind a button-looking label, so
 * that it works by keyboard and by screen readers), new folder, view and sort; then the buttons
 * acting on the selection. A guest sees no upload or change buttons.
 */
export function renderToolbar(o: ToolbarOptions): TemplateResult {
  const { t, id } = o;
  const single = o.selected.length === 1 ? o.selected[0] : undefined;
  const onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) o.onFiles(files);
  };
  return html`<div part="toolbar" class="toolbar" role="group" aria-label=${t.files}>
      ${o.canWrite
        ? html`<input id="${id}-upload" class="visually-hidden upload-input" type="file" multiple tabindex="-1" aria-label=${t.filesUpload} @change=${onInput} />
            <button type="button" part="upload-button" class="primary upload-button"
              @click=${(event: Event) => ((event.currentTarget as HTMLElement).previousElementSibling as HTMLInputElement).click()}
            >${t.filesUpload}</button>
            <button type="button" part="new-folder-button" aria-expanded=${o.creatingFolder ? 'true' : 'false'} @click=${o.onNewFolder}>${t.filesNewFolder}</button>`
        : nothing}
      <span class="views" role="group" aria-label=${t.filesView}>
        <button type="button" part="view-button" aria-pressed=${o.view === 'list' ? 'true' : 'false'} @click=${() => o.onView('list')}>${t.filesListView}</button>
        <button type="button" part="view-button" aria-pressed=${o.view === 'grid' ? 'true' : 'false'} @click=${() => o.onView('grid')}>${t.filesGridView}</button>
      </span>
      <label for="${id}-sort">${t.filesSortBy}</label>
      <select id="${id}-sort" part="sort" @change=${(event: Event) => o.onSort((event.target as HTMLSelectElement).value as SortKey)}>
        <option value="name" ?selected=${o.sort === 'name'}>${t.filesSortName}</option>
        <option value="date" ?selected=${o.sort === 'date'}>${t.filesSortDate}</option>
        <option value="size" ?selected=${o.sort === 'size'}>${t.filesSortSize}</option>
      </select>
      <button type="button" part="direction-button" @click=${o.onDirection}>${o.direction === 'ascending' ? t.filesSortAscending : t.filesSortDescending}</button>
      <button type="button" part="search-button" aria-haspopup="dialog" @click=${o.onSearch}>${t.filesSearch}</button>
      <button type="button" part="trash-button" aria-haspopup="dialog" @click=${o.onTrash}>${t.filesTrash}</button>
    </div>
    ${o.creatingFolder && o.canWrite
      ? html`<form class="new-folder" @submit=${o.onCreateFolder}>
          <label for="${id}-new-folder">${t.filesNewFolderName}</label>
          <input id="${id}-new-folder" name="name" required maxlength="255" />
          <button type="submit" class="primary">${t.filesCreate}</button>
        </form>`
      : nothing}
    ${renderActions(o, single)}`;
}

function renderActions(o: ToolbarOptions, single: Entry | undefined): TemplateResult {
  const { t } = o;
  const file = single?.kind === 'file' ? single.item : undefined;
  // Always there, even empty: the listing below must not move when a first row gets selected.
  if (o.selected.length === 0) return html`<div part="actions" class="actions"></div>`;
  return html`<div part="actions" class="actions" role="group" aria-label=${t.filesSelected(o.selected.length)}>
    ${single === undefined ? nothing : html`<button type="button" part="open-button" @click=${() => o.onOpen(single)}>${file && previewKind(file) ? t.filesPreview : t.filesOpen}</button>`}
    ${single?.kind === 'file' ? html`<button type="button" part="download-button" @click=${() => o.onDownload(single)}>${t.filesDownload}</button>` : nothing}
    ${o.canWrite && single !== undefined
      ? html`<button type="button" part="rename-button" @click=${() => o.onRename(single)}>${t.filesRename}</button>
          <button type="button" part="move-button" @click=${() => o.onMove(single)}>${t.filesMove}</button>`
      : nothing}
    ${o.canWrite ? html`<button type="button" part="delete-button" @click=${() => o.onDelete(o.selected)}>${t.filesDelete}</button>` : nothing}
    ${file === undefined ? nothing : html`<button type="button" part="versions-button" @click=${() => o.onVersions(file)}>${t.filesVersions}</button>`}
    ${o.canWrite && single !== undefined ? html`<button type="button" part="share-button" @click=${() => single && o.onShare(single)}>${t.filesShare}</button>` : nothing}
  </div>`;
}
