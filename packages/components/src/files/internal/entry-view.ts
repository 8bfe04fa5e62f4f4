import { html, nothing, svg, type TemplateResult } from 'lit';
import { formatBytes, formatDate } from '../../i18n/format.js';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import type { Entry } from './entries.js';

const folderIcon = svg`<path d="M3 6.5A1.5 1.5 0 0 1 4.5 5h4l2 2h9A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z"/>`;
const fileIcon = svg`<path d="M6 3h8l4 4v14H6z M14 3v4h4"/>`;

export interface EntryViewOptions {
  id: string;
  t: Messages;
  language: Language;
  selected: boolean;
  /** The row holding the list's one tab stop (roving tabindex). */
  focused: boolean;
  renaming: boolean;
  onClick: (event: MouseEvent) => void;
  onOpen: () => void;
  onRename: (name: string) => void;
  onRenameCancel: () => void;
}

/**
 * One row of the listing: a button (the row's tab stop) with the name — always as text — and the
 * size, date and author; or, while it is renamed, a name field (Enter saves, Escape cancels).
 */
export function renderEntry(entry: Entry, o: EntryViewOptions): TemplateResult {
  const { t } = o;
  const parts = `item item-${entry.kind}${o.selected ? ' item-selected' : ''}`;
  if (o.renaming) {
    const submit = (event: SubmitEvent): void => {
      event.preventDefault();
      o.onRename(((event.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement).value);
    };
    const keydown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      o.onRenameCancel();
    };
    return html`<li part=${parts} class="item renaming">
      <form class="rename" @submit=${submit}>
        <input part="rename-field" name="name" .value=${entry.name} aria-label=${t.filesRenameLabel(entry.name)} required @keydown=${keydown} />
      </form>
    </li>`;
  }
  const meta =
    entry.kind === 'folder'
      ? t.filesFolder
      : `${formatBytes(entry.item.size, o.language)} · ${t.filesModified(formatDate(entry.item.updatedAt, o.language), entry.item.author.name)}`;
  return html`<li part=${parts} class="item ${o.selected ? 'selected' : ''}">
    <button
      type="button"
      part="entry"
      class="entry"
      data-key=${entry.key}
      tabindex=${o.focused ? 0 : -1}
      aria-describedby="${o.id}-hint"
      @click=${o.onClick}
      @dblclick=${o.onOpen}
    >
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${entry.kind === 'folder' ? folderIcon : fileIcon}</svg>
      <span part="name" class="name">${entry.name}</span>${o.selected ? html`<span class="visually-hidden">, ${t.filesItemSelected}</span>` : nothing}
      <span part="meta" class="meta">${meta}</span>
    </button>
  </li>`;
}
