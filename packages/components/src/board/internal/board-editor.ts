import { css, html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { addStyles } from '../../internal/add-styles.js';
import type { BureauClient, LiveBoard } from '@bureau/sdk';
import type { Column } from '@bureau/api';
import type { Language } from '../../i18n/catalogues.js';
import { failureText, selfServiceMessages, type SelfServiceMessages } from '../../i18n/self-service.js';
import { ColumnDrag } from './column-drag.js';
import type { Lane } from './lanes.js';

const styles = css`
  .pending-cards { list-style: none; margin: 0 0 0.5rem; padding: 0; display: grid; gap: 0.25rem; font-size: 0.875em; color: var(--_text-muted); }
  .column-tools { display: flex; gap: 0.25rem; justify-content: end; align-items: center; }
  .column-handle { cursor: grab; touch-action: none; user-select: none; padding-inline: 0.5rem; margin-inline-end: auto; }
  .column-name-field { font: inherit; inline-size: 100%; }
  .add-card, .add-column > button { inline-size: 100%; margin-block-start: 0.5rem; }
  .add-form { display: grid; gap: 0.35rem; margin-block-start: 0.5rem; }
  .column-button { min-inline-size: 2.75rem; }
  .add-column { align-self: start; }
`;

/** What the editor needs from the board. */
interface BoardEditorHost {
  readonly id: string;
  requestUpdate(): void;
  updateComplete(): Promise<boolean>;
  root(): ShadowRoot;
  language(): Language;
  live(): { board: LiveBoard; client: BureauClient } | undefined;
  announce(text: string): void;
}

/** The editor of a board element (`el`), made in this lazy chunk so that the board's own code stays small. */
export function boardEditorFor(
  el: ReactiveElement,
  id: string,
  language: () => Language,
  live: () => { board: LiveBoard; client: BureauClient } | undefined,
  announce: (text: string) => void,
): BoardEditor {
  return new BoardEditor({
    id,
    requestUpdate: () => el.requestUpdate(),
    updateComplete: () => el.updateComplete,
    root: () => el.renderRoot as ShadowRoot,
    language,
    live,
    announce,
  });
}

/**
 * The editing tools of a board for people who may write (a lazy chunk, loaded once the person's
 * role allows it): « Ajouter une carte » at the foot of every column (Enter adds and keeps the field
 * open for the next card, Escape closes; a card typed offline waits in the outbox), « Ajouter une
 * colonne » after the last column, a column's name renamed in place (✎: Enter saves, Escape
 * cancels), columns dragged by their handle, and a dialog per column to rename it, set or clear its
 * WIP limit, move it left or right (the keyboard and single-pointer path of the drag; every move
 * announced), or delete it after choosing where its cards go.
 */
export class BoardEditor {
  readonly #host: BoardEditorHost;
  /** The column whose « Ajouter une carte » field is open. */
  #addingTo: string | undefined;
  #addingColumn = false;
  /** The column whose dialog is open. */
  #managing: Column | undefined;
  /** The column whose name is being edited in place. */
  #renaming: string | undefined;
  /** The columns as last drawn (for a drop's neighbours). */
  #lanes: readonly Lane[] = [];
  readonly #drag: ColumnDrag;
  #error = '';

  constructor(host: BoardEditorHost) {
    this.#host = host;
    this.#drag = new ColumnDrag({
      root: () => host.root(),
      indicator: () => host.root().querySelector<HTMLElement>('.drop-indicator'),
      drop: (columnId, index) => {
        const column = this.#lanes.find((lane) => lane.column.id === columnId)?.column;
        if (column !== undefined) void this.#placeColumn(this.#lanes, column, index);
      },
    });
    addStyles(host.root(), styles);
  }

  get #s(): SelfServiceMessages {
    return selfServiceMessages(this.#host.language());
  }

  /**
   * The foot of a column: the cards added here that wait for the network (they stay in the outbox,
   * across reloads, and become cards once sent), then « Ajouter une carte » or its open field.
   */
  foot(lane: Lane): TemplateResult {
    const pending = (this.#host.live()?.board.pendingCards ?? []).filter((card) => card.columnId === lane.column.id);
    // One template whatever is pending: the open field (and what is being typed in it) stays.
    return html`${pending.length === 0
      ? nothing
      : html`<ul part="pending-cards" class="pending-cards">
          ${pending.map((card) => html`<li part="pending-card">${this.#s.pendingCard(card.title)}</li>`)}
        </ul>`}${this.#addCardControl(lane)}`;
  }

  #addCardControl(lane: Lane): TemplateResult {
    const s = this.#s;
    const column = lane.column;
    const fieldId = `${this.#host.id}-new-${column.id}`;
    if (this.#addingTo !== column.id) {
      return html`<button type="button" part="add-card-button" class="add-card" data-add-card=${column.id}
        aria-label=${s.addCardTo(column.name)} @click=${() => this.#openField(column.id)}>+ ${s.addCard}</button>`;
    }
    return html`<form part="add-card-form" class="add-form" @submit=${(event: Event) => this.#addCard(event, column)}>
      <label class="visually-hidden" for=${fieldId}>${s.newCardTitle(column.name)}</label>
      <input id=${fieldId} part="add-card-field" name="title" maxlength="500" required autocomplete="off"
        aria-describedby="${fieldId}-hint" @keydown=${(event: KeyboardEvent) => this.#fieldKey(event, column.id)} />
      <span id="${fieldId}-hint" class="hint">${s.newCardHint}</span>
      ${this.#error === '' ? nothing : html`<span part="add-error" class="hint" role="alert">${this.#error}</span>`}
      <span class="dialog-actions">
        <button type="submit" class="primary">${s.addCard}</button>
        <button type="button" @click=${() => this.#closeField(column.id)}>${s.close}</button>
      </span>
    </form>`;
  }

  /** After the last column: « Ajouter une colonne » and its field. */
  addColumn(): TemplateResult {
    const s = this.#s;
    const fieldId = `${this.#host.id}-new-column`;
    return html`<div part="add-column" class="column add-column">
      ${this.#addingColumn
        ? html`<form class="add-form" @submit=${(event: Event) => this.#createColumn(event)}>
            <label for=${fieldId}>${s.newColumnName}</label>
            <input id=${fieldId} part="add-column-field" name="name" maxlength="100" required autocomplete="off"
              @keydown=${(event: KeyboardEvent) => {
                if (event.key === 'Escape') {
                  event.preventDefault();
                  this.#addingColumn = false;
                  void this.#focus('button[part="add-column-button"]');
                }
              }} />
            <span class="dialog-actions">
              <button type="submit" class="primary">${s.addColumn}</button>
              <button type="button" @click=${() => {
                this.#addingColumn = false;
                void this.#focus('button[part="add-column-button"]');
              }}>${s.close}</button>
            </span>
          </form>`
        : html`<button type="button" part="add-column-button" @click=${() => {
            this.#addingColumn = true;
            this.#error = '';
            void this.#focus('input[part="add-column-field"]');
          }}>+ ${s.addColumn}</button>`}
    </div>`;
  }

  /** The column's name in its heading: a field in place while renamed (Enter saves, Escape cancels). */
  columnName(lane: Lane): TemplateResult {
    const column = lane.column;
    if (this.#renaming !== column.id) return html`<span class="column-name">${column.name}</span>`;
    return html`<input part="column-name-field" class="column-name-field" maxlength="80" required autocomplete="off"
      aria-label=${this.#s.columnNewName(column.name)} .value=${column.name}
      @keydown=${(event: KeyboardEvent) => this.#renameKey(event, column)}
      @blur=${(event: FocusEvent) => void this.#rename(event.currentTarget as HTMLInputElement, column, false)} />`;
  }

  /** The column's tools beside its heading: the drag handle, « Renommer » and the button of its dialog. */
  columnButton(lane: Lane): TemplateResult {
    const s = this.#s;
    const column = lane.column;
    return html`<span class="column-tools">
      <span part="column-handle" class="column-handle" aria-hidden="true" title=${s.dragColumn}
        @pointerdown=${(event: PointerEvent) => this.#drag.down(event, column.id)}>⠿</span>
      <button type="button" part="rename-column-button" class="column-button" aria-label=${s.renameColumn(column.name)}
        @click=${() => this.#startRenaming(column)}>✎</button>
      <button type="button" part="column-button" class="column-button" aria-label=${s.columnActions(column.name)}
        @click=${() => this.#manage(column)}>⋯</button>
    </span>`;
  }

  #startRenaming(column: Column): void {
    this.#renaming = column.id;
    void this.#focus('input[part="column-name-field"]').then(() => this.#host.root().querySelector<HTMLInputElement>('input[part="column-name-field"]')?.select());
  }

  #renameKey(event: KeyboardEvent, column: Column): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      void this.#rename(event.currentTarget as HTMLInputElement, column, true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#renaming = undefined;
      void this.#focus(`[data-column="${CSS.escape(column.id)}"] [part="rename-column-button"]`);
    }
  }

  /** Saves the name typed in place (on Enter, or when the field loses the focus); a refusal keeps the field and the text. */
  async #rename(field: HTMLInputElement, column: Column, refocus: boolean): Promise<void> {
    if (this.#renaming !== column.id) return;
    const live = this.#host.live();
    const name = field.value.trim();
    const back = `[data-column="${CSS.escape(column.id)}"] [part="rename-column-button"]`;
    if (live === undefined || name === '' || name === column.name) {
      this.#renaming = undefined;
      if (refocus) await this.#focus(back);
      else this.#host.requestUpdate();
      return;
    }
    this.#renaming = undefined;
    try {
      await live.client.boards.updateColumn(column.id, { name }, { ifMatch: column.version });
      this.#host.announce(this.#s.columnSaved(name));
      if (refocus) await this.#focus(back);
      else this.#host.requestUpdate();
    } catch (error) {
      this.#renaming = column.id;
      this.#host.announce(failureText(this.#s, error));
      await this.#focus('input[part="column-name-field"]');
      const again = this.#host.root().querySelector<HTMLInputElement>('input[part="column-name-field"]');
      if (again !== null) again.value = name;
    }
  }

  /** The column dialog (a native modal `<dialog>`), filled while a column is managed. */
  dialog(lanes: readonly Lane[]): TemplateResult {
    this.#lanes = lanes;
    const s = this.#s;
    const column = this.#managing === undefined ? undefined : lanes.find((lane) => lane.column.id === this.#managing?.id)?.column;
    const id = this.#host.id;
    const index = column === undefined ? -1 : lanes.findIndex((lane) => lane.column.id === column.id);
    const others = lanes.filter((lane) => lane.column.id !== column?.id);
    const count = index < 0 ? 0 : (lanes[index]?.total ?? 0);
    return html`<dialog part="column-dialog" aria-labelledby="${id}-column-title" @close=${() => this.#stopManaging()}>
      ${column === undefined
        ? nothing
        : html`<form method="dialog" @submit=${(event: Event) => this.#saveColumn(event, column)}>
            <h2 id="${id}-column-title">${s.columnTitle(column.name)}</h2>
            <label for="${id}-column-name">${s.name}</label>
            <input id="${id}-column-name" name="name" maxlength="100" required .value=${column.name} />
            <label for="${id}-column-wip">${s.wipLimit}</label>
            <input id="${id}-column-wip" name="wip" type="number" min="1" max="999" inputmode="numeric" .value=${column.wipLimit === null ? '' : String(column.wipLimit)} />
            <div class="dialog-actions">
              <button type="submit" class="primary">${s.save}</button>
              <button type="button" ?disabled=${index <= 0} @click=${() => this.#moveColumn(lanes, column, -1)}>← ${s.moveLeft}</button>
              <button type="button" ?disabled=${index >= lanes.length - 1} @click=${() => this.#moveColumn(lanes, column, 1)}>${s.moveRight} →</button>
            </div>
            <fieldset>
              <legend>${s.deleteColumn}</legend>
              ${count === 0 || others.length === 0
                ? nothing
                : html`<label for="${id}-column-dest">${s.cardsGoTo(count)}</label>
                    <select id="${id}-column-dest" name="destination">
                      ${others.map((lane) => html`<option value=${lane.column.id}>${lane.column.name}</option>`)}
                    </select>`}
              <button type="button" class="danger" part="delete-column-button" ?disabled=${count > 0 && others.length === 0}
                @click=${(event: Event) => this.#deleteColumn(event, column, count)}>${s.deleteColumn}</button>
            </fieldset>
            ${this.#error === '' ? nothing : html`<p class="hint" role="alert">${this.#error}</p>`}
            <div class="dialog-actions"><button type="button" @click=${() => this.#dialogElement()?.close()}>${s.close}</button></div>
          </form>`}
    </dialog>`;
  }

  #openField(columnId: string): void {
    this.#addingTo = columnId;
    this.#error = '';
    void this.#focus(`input[part="add-card-field"]`);
  }

  #closeField(columnId: string): void {
    this.#addingTo = undefined;
    void this.#focus(`button[data-add-card="${CSS.escape(columnId)}"]`);
  }

  #fieldKey(event: KeyboardEvent, columnId: string): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.#closeField(columnId);
  }

  /** Adds the card; the field is emptied at once for the next one (the write waits in the outbox if offline). */
  #addCard(event: Event, column: Column): void {
    event.preventDefault();
    const live = this.#host.live();
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('title') as HTMLInputElement;
    const title = field.value.trim();
    if (live === undefined || title === '') return;
    field.value = '';
    this.#error = '';
    live.client.boards.createCard(live.board.boardId, { columnId: column.id, title }).then(
      () => this.#host.announce(this.#s.cardAdded(title, column.name)),
      (error: unknown) => {
        // Refused (not queued): the title comes back in the field, with the reason.
        this.#error = failureText(this.#s, error);
        const current = this.#host.root().querySelector<HTMLInputElement>('input[part="add-card-field"]');
        if (current !== null && current.value === '') current.value = title;
        this.#host.requestUpdate();
      },
    );
  }

  #createColumn(event: Event): void {
    event.preventDefault();
    const live = this.#host.live();
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    const name = field.value.trim();
    if (live === undefined || name === '') return;
    field.value = '';
    this.#addingColumn = false;
    this.#host.requestUpdate();
    live.client.boards.createColumn(live.board.boardId, { name }).then(
      async () => {
        this.#host.announce(this.#s.columnAdded(name));
        await this.#focus('button[part="add-column-button"]');
      },
      (error: unknown) => this.#host.announce(failureText(this.#s, error)),
    );
    void this.#focus('button[part="add-column-button"]');
  }

  #manage(column: Column): void {
    this.#managing = column;
    this.#error = '';
    this.#host.requestUpdate();
    void this.#host.updateComplete().then(() => this.#dialogElement()?.showModal());
  }

  #stopManaging(): void {
    const column = this.#managing;
    this.#managing = undefined;
    this.#host.requestUpdate();
    if (column !== undefined) void this.#focus(`[data-column="${CSS.escape(column.id)}"] button[part="column-button"]`);
  }

  #dialogElement(): HTMLDialogElement | null {
    return this.#host.root().querySelector<HTMLDialogElement>('dialog[part="column-dialog"]');
  }

  async #saveColumn(event: Event, column: Column): Promise<void> {
    event.preventDefault();
    const live = this.#host.live();
    if (live === undefined) return;
    const form = event.currentTarget as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    const wipText = (form.elements.namedItem('wip') as HTMLInputElement).value.trim();
    const wipLimit = wipText === '' ? null : Number(wipText);
    try {
      await live.client.boards.updateColumn(column.id, { name, wipLimit }, { ifMatch: column.version });
      this.#host.announce(this.#s.columnSaved(name));
      this.#dialogElement()?.close();
    } catch (error) {
      this.#error = failureText(this.#s, error);
      this.#host.requestUpdate();
    }
  }

  #moveColumn(lanes: readonly Lane[], column: Column, by: -1 | 1): Promise<void> {
    const from = lanes.findIndex((lane) => lane.column.id === column.id);
    return this.#placeColumn(lanes, column, from + by);
  }

  /** Puts a column at `to` among the others (by the dialog's buttons or a drop) and announces it. */
  async #placeColumn(lanes: readonly Lane[], column: Column, to: number): Promise<void> {
    const live = this.#host.live();
    const order = lanes.map((lane) => lane.column);
    const from = order.findIndex((each) => each.id === column.id);
    if (live === undefined || from < 0 || to < 0 || to >= order.length || to === from) return;
    const rest = order.filter((each) => each.id !== column.id);
    const afterId = rest[to - 1]?.id ?? null;
    const beforeId = rest[to]?.id ?? null;
    try {
      await live.client.boards.moveColumn(column.id, { afterId, beforeId });
      this.#host.announce(this.#s.columnMoved(column.name, to + 1, order.length));
      this.#error = '';
    } catch (error) {
      this.#error = failureText(this.#s, error);
    }
    this.#host.requestUpdate();
  }

  async #deleteColumn(event: Event, column: Column, count: number): Promise<void> {
    const live = this.#host.live();
    if (live === undefined) return;
    const form = (event.currentTarget as HTMLElement).closest('form');
    const destination = count === 0 ? undefined : (form?.elements.namedItem('destination') as HTMLSelectElement | null)?.value;
    try {
      await live.client.boards.deleteColumn(column.id, { moveCardsTo: destination });
      this.#managing = undefined;
      this.#dialogElement()?.close();
      this.#host.announce(this.#s.columnDeleted(column.name));
      await this.#focus('button[part="add-column-button"]');
    } catch (error) {
      this.#error = failureText(this.#s, error);
      this.#host.requestUpdate();
    }
  }

  async #focus(selector: string): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete();
    this.#host.root().querySelector<HTMLElement>(selector)?.focus();
  }
}
