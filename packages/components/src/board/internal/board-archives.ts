import { html, nothing, type TemplateResult } from 'lit';
import type { Card } from '@bureau/api';
import type { BureauClient, LiveBoard } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import { formatDate } from '../../i18n/format.js';
import { failureText, selfServiceMessages } from '../../i18n/self-service.js';

/** What the archives view needs from the board. */
export interface BoardArchivesHost {
  readonly id: string;
  requestUpdate(): void;
  updateComplete(): Promise<boolean>;
  root(): ShadowRoot;
  language(): Language;
  live(): { board: LiveBoard; client: BureauClient } | undefined;
  /** Whether the person may restore cards (members and owners of an open board). */
  canWrite(): boolean;
  announce(text: string): void;
}

type ArchivesState = 'loading' | 'ready' | 'error';

/**
 * The board's « Archives » (a lazy chunk, loaded the first time someone opens them): a native modal
 * `<dialog>` listing the archived cards, the most recently archived first, with the column each
 * came from and when; « Restaurer » puts a card back in its column, where it was, for everyone.
 * The list follows the stream while open (a card archived or restored elsewhere appears or goes).
 * Guests read the list without the buttons.
 */
export class BoardArchives {
  readonly #host: BoardArchivesHost;
  #cards: Card[] = [];
  #state: ArchivesState = 'loading';
  #next: string | null = null;
  #error = '';
  #unsubscribe: (() => void) | undefined;

  constructor(host: BoardArchivesHost) {
    this.#host = host;
  }

  /** Opens the dialog and reads the first page of archived cards. */
  async open(): Promise<void> {
    const live = this.#host.live();
    if (live === undefined) return;
    this.#cards = [];
    this.#state = 'loading';
    this.#error = '';
    this.#unsubscribe?.();
    this.#unsubscribe = live.client.stream.subscribe('*', (event) => {
      if (event.type !== 'card.archived' && event.type !== 'card.restored') return;
      if (event.data.boardId !== live.board.boardId) return;
      const others = this.#cards.filter((card) => card.id !== event.data.id);
      this.#cards = event.type === 'card.archived' ? [event.data, ...others] : others;
      this.#host.requestUpdate();
    });
    this.#host.requestUpdate();
    await this.#host.updateComplete();
    this.#dialog()?.showModal();
    await this.#load(undefined);
  }

  async #load(cursor: string | undefined): Promise<void> {
    const live = this.#host.live();
    if (live === undefined) return;
    try {
      const page = await live.client.boards.archivedCards(live.board.boardId, { limit: 50, cursor, signal: AbortSignal.timeout(30_000) });
      const known = new Set(this.#cards.map((card) => card.id));
      this.#cards = [...this.#cards, ...page.items.filter((card) => !known.has(card.id))];
      this.#next = page.nextCursor;
      this.#state = 'ready';
    } catch (error) {
      if (this.#cards.length === 0) this.#state = 'error';
      else this.#error = failureText(selfServiceMessages(this.#host.language()), error);
    }
    this.#host.requestUpdate();
  }

  render(boardName: string, columnName: (columnId: string) => string): TemplateResult {
    const language = this.#host.language();
    const s = selfServiceMessages(language);
    const id = this.#host.id;
    const canWrite = this.#host.canWrite();
    const state =
      this.#state === 'loading' ? s.archivesLoading : this.#state === 'error' ? s.archivesFailed : this.#cards.length === 0 ? s.archivesEmpty : '';
    return html`<dialog part="archives-dialog" aria-labelledby="${id}-archives-title" @close=${this.#closed}>
      <h2 id="${id}-archives-title">${s.archivesOf(boardName)}</h2>
      ${state === '' ? nothing : html`<p part="archives-state" role=${this.#state === 'error' ? 'alert' : 'status'}>${state}</p>`}
      <ul part="archived-cards" class="comments">
        ${this.#cards.map(
          (card) => html`<li part="archived-card" data-archived=${card.id}>
            <strong>${card.title}</strong>
            <span class="hint">${s.archivedOn(formatDate(card.archivedAt ?? card.updatedAt, language, { dateStyle: 'medium' }), columnName(card.columnId))}</span>
            ${canWrite
              ? html`<button type="button" part="restore-button" aria-label=${s.restoreCard(card.title)} @click=${() => void this.#restore(card)}>${s.restore}</button>`
              : nothing}
          </li>`,
        )}
      </ul>
      ${this.#next === null ? nothing : html`<button type="button" part="more-archives-button" @click=${() => void this.#load(this.#next ?? undefined)}>${s.moreArchives}</button>`}
      ${this.#error === '' ? nothing : html`<p role="alert">${this.#error}</p>`}
      <div class="dialog-actions"><button type="button" part="archives-close-button" @click=${() => this.#dialog()?.close()}>${s.close}</button></div>
    </dialog>`;
  }

  async #restore(card: Card): Promise<void> {
    const live = this.#host.live();
    if (live === undefined) return;
    const s = selfServiceMessages(this.#host.language());
    const index = this.#cards.findIndex((each) => each.id === card.id);
    try {
      const restored = await live.board.restore(card.id);
      this.#cards = this.#cards.filter((each) => each.id !== card.id);
      this.#error = '';
      const column = live.board.detail?.columns.find((each) => each.id === restored.columnId)?.name ?? '';
      this.#host.announce(s.cardRestored(card.title, column));
      // The focus goes to the next card's « Restaurer » (or the previous one's, or « Fermer »).
      const next = this.#cards[Math.min(index, this.#cards.length - 1)];
      this.#host.requestUpdate();
      await this.#host.updateComplete();
      const selector = next === undefined ? '[part="archives-close-button"]' : `[data-archived="${CSS.escape(next.id)}"] [part="restore-button"]`;
      this.#dialog()?.querySelector<HTMLElement>(selector)?.focus();
    } catch (error) {
      this.#error = failureText(s, error);
      this.#host.requestUpdate();
    }
  }

  readonly #closed = (): void => {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#host.root().querySelector<HTMLElement>('[part="archives-button"]')?.focus();
  };

  #dialog(): HTMLDialogElement | null {
    return this.#host.root().querySelector<HTMLDialogElement>('dialog[part="archives-dialog"]');
  }

  /** Stops following the stream (the board closed). */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
