import type { ReactiveControllerHost } from 'lit';
import type { BureauClient, ChatMessage } from '@bureau/sdk';
import type { MessageHit } from '@bureau/api';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import { formatDate } from '../../i18n/format.js';
import { messageKey } from './rows.js';
import type { ChatSearch } from './search.js';

/** The chat element, as the finder sees it. */
export interface FinderHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface FinderOptions {
  readonly id: string;
  messages(): Messages;
  language(): Language;
  /** Where the search looks: the open room and its space. */
  scope(): { client: BureauClient; spaceId: string; roomId: string } | undefined;
  /** Opens the room of a result at its message (the chat calls `arrived` once it is shown). */
  open(hit: MessageHit): void;
}

/**
 * Finding a message: the search of the room or space (a lazy chunk, fetched when a room opens) and
 * the room opened at a message (a result, a notification's target), which is highlighted, said to
 * screen readers, and given the focus when the reader chose it.
 */
export class MessageFinder {
  readonly #host: FinderHost;
  readonly #options: FinderOptions;
  #search: ChatSearch | undefined;
  /** The message the room was opened at, highlighted. */
  #found: string | undefined;
  /** What was said of it to screen readers. */
  #announcement = '';
  /** The reader chose it: the focus goes to it once shown. */
  #focus = false;

  constructor(host: FinderHost, options: FinderOptions) {
    this.#host = host;
    this.#options = options;
  }

  get search(): ChatSearch | undefined {
    return this.#search;
  }

  get found(): string | undefined {
    return this.#found;
  }

  get announcement(): string {
    return this.#announcement;
  }

  /** Fetches the search's chunk (once); words typed before it came are searched then. */
  loadSearch(): void {
    if (this.#search !== undefined) return;
    void import('./search.js').then(({ ChatSearch }) => {
      this.#search ??= new ChatSearch(this.#host, {
        id: this.#options.id,
        scope: () => this.#options.scope(),
        choose: (hit) => {
          this.#focus = true;
          this.#options.open(hit);
        },
      });
      const typed = this.#host.renderRoot.querySelector<HTMLInputElement>('[part~="search-field"]')?.value ?? '';
      if (typed !== '') this.#search.input(typed);
      this.#host.requestUpdate();
    });
  }

  /** The room is shown at `found`: highlighted, announced, focused if the reader chose it. */
  arrived(found: ChatMessage | undefined): void {
    if (found === undefined) return;
    this.#found = found.id;
    this.#announcement = this.#options.messages().chatFound(found.author.name, formatDate(found.createdAt, this.#options.language()));
    this.#host.requestUpdate();
    if (!this.#focus) return;
    this.#focus = false;
    void this.#host.updateComplete.then(() => {
      const row = this.#host.renderRoot.querySelector<HTMLElement>(`.log [data-key="${CSS.escape(messageKey(found))}"]`);
      if (row === null) return;
      if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
      row.focus({ preventScroll: true });
    });
  }

  /** The message asked for is gone: the room opened at its latest messages, and says so. */
  missing(): void {
    this.#announcement = this.#options.messages().chatFoundMissing;
  }

  /** The room closed. */
  reset(): void {
    this.#found = undefined;
    this.#announcement = '';
    this.#search?.close();
  }
}
