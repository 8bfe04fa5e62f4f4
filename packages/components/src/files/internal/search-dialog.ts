import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { FileHit, FileSearchQuery, Member } from '@bureau/api';
import { isHttpError, type BureauClient } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import { formatDate } from '../../i18n/format.js';
import { filesSearchMessages, type FilesSearchMessages } from '../../i18n/files-search.js';

/** What the search dialog needs from `<bureau-files>`. */
export interface FileSearchOptions {
  id: string;
  client: () => BureauClient | undefined;
  spaceId: () => string | undefined;
  messages: () => Messages;
  language: () => Language;
  /** Shows a found file in its folder. */
  reveal: (hit: FileHit) => void;
}

/** The types offered, as the API takes them (a MIME type, or the start of one). */
const types = ['', 'application/pdf', 'application/vnd.oasis.opendocument.', 'application/vnd.openxmlformats-officedocument.', 'image/', 'text/'] as const;

type State = { kind: 'idle' } | { kind: 'searching' } | { kind: 'done'; hits: readonly FileHit[]; more: boolean } | { kind: 'failed' };

/**
 * « Rechercher » in the files toolbar (a lazy chunk): a native modal dialog to find the space's
 * files in every folder by words of their name, type, author and dates; each result shows its
 * folder and, chosen, is shown selected in that folder.
 */
export class FileSearchDialog {
  readonly #host: ReactiveControllerHost;
  readonly #options: FileSearchOptions;
  #open = false;
  #state: State = { kind: 'idle' };
  #members: readonly Member[] = [];
  #abort: AbortController | undefined;

  constructor(host: ReactiveControllerHost, options: FileSearchOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Opens the dialog, its name field focused; the members load for the author list. */
  async show(root: ParentNode): Promise<void> {
    this.#open = true;
    this.#host.requestUpdate();
    await (this.#host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    root.querySelector<HTMLDialogElement>('dialog.search-dialog')?.showModal();
    const client = this.#options.client();
    const spaceId = this.#options.spaceId();
    if (client !== undefined && spaceId !== undefined && this.#members.length === 0) {
      this.#members = (await client.spaces.members(spaceId, { limit: 100 })).items;
      this.#host.requestUpdate();
    }
  }

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const client = this.#options.client();
    const spaceId = this.#options.spaceId();
    if (client === undefined || spaceId === undefined) return;
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string): string | undefined => {
      const value = String(data.get(name) ?? '').trim();
      return value === '' ? undefined : value;
    };
    const day = (name: string, next: boolean): string | undefined => {
      const value = text(name);
      if (value === undefined) return undefined;
      const date = new Date(`${value}T00:00:00`);
      if (next) date.setDate(date.getDate() + 1);
      return date.toISOString();
    };
    const query: FileSearchQuery = { q: text('q'), type: text('type'), authorId: text('author'), from: day('from', false), to: day('to', true) };
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#state = { kind: 'searching' };
    this.#host.requestUpdate();
    try {
      const found = await client.files.search(spaceId, query, { signal: abort.signal });
      if (!abort.signal.aborted) this.#state = { kind: 'done', hits: found.items, more: found.more };
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#state = { kind: 'failed' };
      if (!isHttpError(error)) reportError(error);
    }
    this.#host.requestUpdate();
  };

  readonly #closed = (): void => {
    this.#open = false;
    this.#abort?.abort();
    this.#host.requestUpdate();
  };

  #choose(event: Event, hit: FileHit): void {
    (event.currentTarget as HTMLElement).closest('dialog')?.close();
    this.#options.reveal(hit);
  }

  render(): TemplateResult | typeof nothing {
    if (!this.#open) return nothing;
    const t = this.#options.messages();
    const s = filesSearchMessages(this.#options.language());
    const id = this.#options.id;
    const state = this.#state;
    const status =
      state.kind === 'searching' ? s.filesSearching
      : state.kind === 'failed' ? s.filesSearchFailed
      : state.kind === 'done' ? s.filesSearchCount(state.hits.length, state.more)
      : '';
    return html`<dialog part="dialog search-dialog" class="dialog search-dialog" aria-labelledby="${id}-search-title" @close=${this.#closed}>
      <h2 id="${id}-search-title">${s.filesSearchTitle}</h2>
      <form part="search-form" class="search-form" @submit=${this.#submit}>
        <label>${s.filesSearchName} <input name="q" type="search" autofocus /></label>
        <label>${s.filesSearchType}
          <select name="type">${types.map((type) => html`<option value=${type}>${s.filesSearchTypes[type]}</option>`)}</select>
        </label>
        <label>${s.filesSearchAuthor}
          <select name="author">
            <option value="">${s.filesSearchAnyone}</option>
            ${this.#members.map((member) => html`<option value=${member.userId}>${member.name}</option>`)}
          </select>
        </label>
        <label>${s.filesSearchFrom} <input name="from" type="date" /></label>
        <label>${s.filesSearchTo} <input name="to" type="date" /></label>
        <button type="submit" class="primary">${t.filesSearch}</button>
      </form>
      <p part="search-status" role="status">${status}</p>
      ${state.kind === 'done' && state.hits.length > 0
        ? html`<ul part="search-results" class="search-results" aria-label=${s.filesSearchResults}>
            ${state.hits.map((hit) => this.#renderHit(hit, t, s))}
          </ul>`
        : nothing}
      <form method="dialog" class="dialog-close"><button part="close-button">${t.filesClose}</button></form>
    </dialog>`;
  }

  #renderHit(hit: FileHit, t: Messages, s: FilesSearchMessages): TemplateResult {
    const { file } = hit;
    return html`<li>
      <button type="button" part="search-result" class="link" @click=${(event: Event) => this.#choose(event, hit)}>${file.name}</button>
      <span part="search-folder">${s.filesSearchIn(hit.folderPath.length === 0 ? t.filesRoot : hit.folderPath.join(' / '))}</span>
      <span>${file.author.name}, ${formatDate(file.updatedAt, this.#options.language())}</span>
    </li>`;
  }
}
