import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isHttpError, type BureauClient } from '@bureau/sdk';
import type { MessageHit } from '@bureau/api';
import { chatSearchMessages, type ChatSearchMessages } from '../../i18n/chat-search.js';
import type { Language } from '../../i18n/catalogues.js';
import { formatDate } from '../../i18n/format.js';

/** What the search needs from the chat. */
export interface ChatSearchOptions {
  /** The ids of the field, the listbox and its options. */
  id: string;
  /** Where to search: the client, the open room's space and the room. */
  scope: () => { client: BureauClient; spaceId: string; roomId: string } | undefined;
  /** Opens the room of a chosen result at its message. */
  choose: (hit: MessageHit) => void;
}

/** Results shown at once: the most recent ones. */
const limit = 20;
/** Typing pauses this long before the search goes to the server. */
const pause = 250;
/** Characters of text shown before the first matching word of a long message. */
const lead = 60;
/** Characters of text shown for a result. */
const span = 220;

type Status = 'idle' | 'searching' | 'done' | 'failed';

/**
 * The chat's search (a lazy chunk): the words typed in the field go to the space's full-text search
 * (this room or the whole space), the results show in a listbox under the field (the WAI-ARIA
 * combobox pattern: the focus stays in the field, ArrowDown/ArrowUp move the active result, Enter
 * opens it, Escape closes the list then clears the field), matching words highlighted as text.
 */
export class ChatSearch {
  /** Where to search: this room, or every room of its space. */
  wide = true;
  readonly #host: ReactiveControllerHost;
  readonly #options: ChatSearchOptions;
  #query = '';
  #status: Status = 'idle';
  #hits: readonly MessageHit[] = [];
  #more = false;
  #active = -1;
  #open = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;

  constructor(host: ReactiveControllerHost, options: ChatSearchOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Whether something is typed in the field (the scope is offered only then: one Tab stop less on the way to the composer). */
  get typed(): boolean {
    return this.#query !== '';
  }

  /** Whether the listbox is shown (the field's `aria-expanded`). */
  get expanded(): boolean {
    return this.#open && this.#hits.length > 0;
  }

  /** The id of the active result (the field's `aria-activedescendant`). */
  get activeId(): string | undefined {
    return this.expanded && this.#active >= 0 ? `${this.#options.id}-hit-${this.#active}` : undefined;
  }

  /** The field's text changed: search it after a pause. */
  input(query: string): void {
    this.#query = query.trim();
    clearTimeout(this.#timer);
    this.#abort?.abort();
    if (this.#query === '') {
      this.#reset();
      return;
    }
    this.#status = 'searching';
    this.#host.requestUpdate();
    this.#timer = setTimeout(() => void this.#run(), pause);
  }

  /** The scope changed: search again. */
  rescope(wide: boolean): void {
    this.wide = wide;
    this.input(this.#query);
  }

  /** The keys of the field. */
  keydown(event: KeyboardEvent, field: HTMLInputElement): void {
    const count = this.#hits.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (count === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.#active = this.#open ? (this.#active + step + count) % count : step > 0 ? 0 : count - 1;
      this.#open = true;
      this.#host.requestUpdate();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = this.#hits[this.#active];
      if (this.#open && hit !== undefined) this.#choose(hit);
      else if (this.#query !== '') void this.#run();
    } else if (event.key === 'Escape') {
      if (!this.#open && field.value === '') return;
      event.preventDefault();
      event.stopPropagation();
      if (this.#open) this.close();
      else {
        field.value = '';
        this.input('');
      }
    }
  }

  /** Hides the list (the focus left the search); the results stay for when it comes back. */
  close(): void {
    this.#open = false;
    this.#active = -1;
    this.#host.requestUpdate();
  }

  /** Shows the list again (the field has the focus and results). */
  reopen(): void {
    if (this.#hits.length === 0 || this.#open) return;
    this.#open = true;
    this.#host.requestUpdate();
  }

  /** Stops what is under way (the chat closed). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  #reset(): void {
    this.#hits = [];
    this.#status = 'idle';
    this.close();
  }

  async #run(): Promise<void> {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    const scope = this.#options.scope();
    if (scope === undefined || this.#query === '') return;
    const abort = (this.#abort = new AbortController());
    this.#status = 'searching';
    this.#host.requestUpdate();
    try {
      const found = await scope.client.search.messages(scope.spaceId, this.#query, {
        roomId: this.wide ? undefined : scope.roomId,
        limit,
        signal: abort.signal,
      });
      if (abort.signal.aborted) return;
      this.#hits = found.items;
      this.#more = found.nextCursor !== null;
      this.#status = 'done';
      this.#active = -1;
      this.#open = true;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#hits = [];
      this.#status = 'failed';
      // A refusal of the server is shown as the failure; anything else is unexpected too.
      if (!isHttpError(error)) reportError(error);
    }
    this.#host.requestUpdate();
  }

  #choose(hit: MessageHit): void {
    this.close();
    this.#options.choose(hit);
  }

  /** The listbox of results and the status line saying how many, or why none. */
  render(language: Language): TemplateResult {
    const s = chatSearchMessages(language);
    const status =
      this.#status === 'searching' ? s.chatSearching
      : this.#status === 'failed' ? s.chatSearchFailed
      : this.#status === 'done' ? s.chatSearchCount(this.#hits.length, this.#more)
      : '';
    const shown = this.#open || this.#status === 'failed' || this.#status === 'searching';
    return html`<div class=${shown ? 'search-popup' : 'visually-hidden'}>
      <p part="search-status" class="search-status" role="status">${status}</p>
      ${this.expanded
        ? html`<ul part="search-results" class="search-results" id="${this.#options.id}-results" role="listbox" aria-label=${s.chatSearchResults}>
            ${this.#hits.map((hit, at) => this.#renderHit(hit, at, s, language))}
          </ul>`
        : nothing}
    </div>`;
  }

  #renderHit(hit: MessageHit, at: number, s: ChatSearchMessages, language: Language): TemplateResult {
    const active = at === this.#active;
    return html`<li
      part="search-result${active ? ' search-result-active' : ''}"
      class="search-result ${active ? 'active' : ''}"
      id="${this.#options.id}-hit-${at}"
      role="option"
      aria-selected=${active ? 'true' : 'false'}
      @pointerdown=${(event: Event) => event.preventDefault()}
      @click=${() => this.#choose(hit)}
    >
      <span class="search-meta">
        <span part="search-author" class="author">${hit.message.author.name}</span>
        <span part="search-room">${s.chatSearchIn(hit.roomName)}</span>
        <time part="search-date" datetime=${hit.message.createdAt}>${formatDate(hit.message.createdAt, language)}</time>
      </span>
      <span part="search-text" class="search-text">${highlighted(hit)}</span>
    </li>`;
  }
}

/**
 * A result's text, around its first matching word for a long message, the matching words in
 * `<mark>`: text nodes only, never markup from the server.
 */
function highlighted(hit: MessageHit): Array<string | TemplateResult> {
  const { text } = hit.message;
  const ranges = [...hit.highlights].sort((a, b) => a[0] - b[0]);
  const from = Math.max(0, (ranges[0]?.[0] ?? 0) - lead);
  const to = Math.min(text.length, from + span);
  const pieces: Array<string | TemplateResult> = from > 0 ? ['…'] : [];
  let at = from;
  for (const [start, end] of ranges) {
    if (start < at || start >= to) continue;
    pieces.push(text.slice(at, start), html`<mark part="search-match">${text.slice(start, Math.min(end, to))}</mark>`);
    at = Math.min(end, to);
  }
  pieces.push(text.slice(at, to));
  if (to < text.length) pieces.push('…');
  return pieces;
}
