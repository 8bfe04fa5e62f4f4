import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { MuteToggle } from '../internal/mute-toggle.js';
import { repeat } from 'lit/directives/repeat.js';
import { boardsDomain, spacesDomain, isHttpError, type BureauClient, type LiveBoard } from '@bureau/sdk';
import { boardCatalogue } from '../i18n/board.fr.js';
import { documentsCatalogue } from '../i18n/documents.fr.js';
import type { BoardDetail, Card, Member } from '@bureau/api';
import { BureauElement } from '../internal/bureau-element.js';
import { followMembership, isNoAccess } from '../internal/membership.js';
import { membersButton } from '../internal/members-button.js';
import { roleIn } from '../internal/role.js';
import { membersOf } from '../internal/members.js';
import { formatDate } from '../i18n/format.js';
import { CardWindow } from './internal/card-window.js';
import { BureauCardMoveEvent } from './events/card-move.js';
import type { BoardArchives } from './internal/board-archives.js';
import type { BoardEditor } from './internal/board-editor.js';
import type { BoardList } from './internal/board-list.js';
import type { CardDialog } from './internal/card-dialog.js';
import { lanesOf, neighboursAt, othersIn, spotOf, type Filters, type Lane, type Spot } from './internal/lanes.js';
import { moveDialog } from './internal/move-dialog.js';
import { PointerDrag } from './internal/pointer-drag.js';
import { boardStyles } from './board.styles.js';

type LoadState = 'idle' | 'loading' | 'ready' | 'error' | 'no-access';

/** Everything opened for one board, closed together. */
interface Opened {
  boardId: string;
  client: BureauClient;
  board: LiveBoard;
  abort: AbortController;
}

/** A card lifted with the keyboard: where it came from and where it would land. */
interface Lifted {
  card: Card;
  origin: Spot;
  spot: Spot;
}

let instances = 0;

/**
 * A project board: columns of cards, live. Cards move by pointer drag and drop (with a drop
 * indicator), by keyboard (Space or Enter lifts a focused card, arrows move it across positions
 * and columns, Space or Enter drops it, Escape puts it back) and by the "Move to…" dialog of every
 * card (WCAG 2.2 SC 2.5.7); every move is announced in a live region. A card opens in a native
 * `<dialog>` with its fields, checklist and comments. Changes made by others appear without moving
 * the person's focus or touching what they are typing; an edit that collides keeps their text and
 * shows the other version. Guests read only. Card text is rendered from a safe Markdown subset,
 * never as HTML. Columns render every card with `content-visibility: auto`, so long columns cost
 * little until scrolled into view.
 *
 * @tagname bureau-board
 * @summary A live project board with accessible drag and drop.
 *
 * @event {BureauCardMoveEvent} bureau-card-move - A card is about to be moved. Cancelable.
 * @event {BureauCardOpenEvent} bureau-card-open - A card's dialog opened (`cardId`) or closed (`null`).
 * @event {BureauCardEditEvent} bureau-card-edit - A card's fields are about to be saved. Cancelable.
 * @event {BureauBoardOpenEvent} bureau-board-open - A board of the space's list is about to open (`boardId`). Cancelable: the list stays.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The board's name and filters.
 * @csspart filters - The filter fields.
 * @csspart filter-text - The text filter on card titles and descriptions.
 * @csspart state - The loading, empty or error message.
 * @csspart columns - The row of columns.
 * @csspart column - A column (also `column-over-limit` when past its WIP limit).
 * @csspart column-heading - A column's name, count and WIP limit.
 * @csspart count - A column's number of cards.
 * @csspart wip - A column's WIP limit.
 * @csspart cards - A column's list of cards.
 * @csspart more-cards-button - Mounts more cards of a long column (also done when scrolled into view).
 * @csspart card - A card (also `card-lifted` while moved with the keyboard).
 * @csspart card-title - The button that opens a card.
 * @csspart card-meta - Labels, due date, checklist, comments and assignees of a card.
 * @csspart label - A label on a card.
 * @csspart move-button - The « Déplacer vers… » button of a card.
 * @csspart drop-indicator - Where a dragged card would land.
 * @csspart move-dialog - The « Déplacer vers… » dialog.
 * @csspart board-list - The space's boards (`space` without `board`).
 * @csspart boards - The list of active boards; `archived-boards` the archived ones.
 * @csspart board-item - One board of the list.
 * @csspart open-board-button - Opens a board (its name).
 * @csspart new-board-button - « Nouveau tableau » (members and owners).
 * @csspart new-board-field - The new board's name.
 * @csspart rename-board-button - « Renommer »: opens the in-place name field (`board-name-field`).
 * @csspart archive-board-button - « Archiver » a board; `unarchive-board-button` brings one back.
 * @csspart archived-boards-toggle - Shows or hides the archived boards.
 * @csspart column-handle - A column's drag handle (pointer; the column dialog moves it by keyboard).
 * @csspart rename-column-button - Renames a column in place (`column-name-field`: Enter saves, Escape cancels).
 * @csspart all-boards-button - « Tous les tableaux »: back from a board opened from the list.
 * @csspart archives-button - « Archives »: opens the board's archived cards.
 * @csspart archives-dialog - The archived cards, with « Restaurer » for those who may edit.
 * @csspart archived-card - One archived card in it.
 * @csspart restore-button - Puts an archived card back in its column.
 * @csspart archive-card-button - « Archiver la carte », in the card dialog.
 * @csspart card-dialog - The card detail dialog.
 * @csspart card-dialog-title - The card's title in its dialog.
 * @csspart documents - The card's linked documents, in its dialog.
 * @csspart document - One linked document.
 * @csspart document-link - A linked document's download link, its name as text.
 * @csspart document-unavailable - A linked document that cannot be read any more.
 * @csspart document-remove-button - Unlinks a document.
 * @csspart link-document-button - « Lier un document »: opens the file picker.
 * @csspart file-picker - The file picker: folder list and files.
 * @csspart picker-folder - The picker's folder `<select>`.
 * @csspart picker-file - A file of the chosen folder (a button).
 * @csspart picker-close - Closes the picker.
 * @csspart title-field - The title field.
 * @csspart description-field - The description field.
 * @csspart description - The description, rendered.
 * @csspart assignees - The assignees fieldset.
 * @csspart labels - The labels fieldset.
 * @csspart due-field - The due date field.
 * @csspart checklist - The checklist fieldset.
 * @csspart comments - The comments section.
 * @csspart comment - One comment.
 * @csspart comment-field - The new comment field.
 * @csspart comment-button - Sends the comment.
 * @csspart save-button - Saves the card.
 * @csspart close-button - Closes the dialog.
 * @csspart dialog-status - What happened to the last save.
 * @csspart read-only - Tells guests they read only.
 * @csspart changed-notice - Tells that someone else changed the open card.
 * @csspart conflict - The other version, after a colliding edit.
 * @csspart keep-mine-button - Saves the person's version over the other one.
 * @csspart take-theirs-button - Takes the other version into the form.
 * @csspart announcer - The live region announcing moves (visually hidden).
 *
 * @cssproperty --bureau-board-block-size - Height of the board (default 36rem).
 * @cssproperty --bureau-board-column-inline-size - Width of a column (default 17rem).
 * @cssproperty --bureau-board-column-background - Background of a column.
 * @cssproperty --bureau-board-card-background - Background of a card.
 * @cssproperty --bureau-board-over-limit-color - Colour of a column over its WIP limit.
 * @cssproperty --bureau-board-indicator-color - Colour of the drop indicator.
 */
export class BureauBoardElement extends BureauElement {
  // The files domain is the card dialog's and the document picker's (lazy chunks that register it).
  static override domains = [boardsDomain, spacesDomain];
  static override catalogues = [boardCatalogue, documentsCatalogue];

  static override styles = [...BureauElement.styles, boardStyles];

  static override properties: PropertyDeclarations = {
    board: { reflect: true },
    space: { reflect: true },
    loadState: { state: true, attribute: false },
    detail: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /** The id of the board shown. */
  declare board: string | undefined;
  /** Without `board`: the space whose boards are listed, to open one (or create one). */
  declare space: string | undefined;

  private declare loadState: LoadState;
  private declare detail: BoardDetail | undefined;
  private declare announcement: string;

  readonly #id = `bureau-board-${(instances += 1)}`;
  #mute: MuteToggle | undefined;
  #opened: Opened | undefined;
  #members: readonly Member[] = [];
  #canWrite = false;
  #filters: Filters = { assignee: '', label: '', due: '', text: '' };
  #lifted: Lifted | undefined;
  /** The cards of each column in the DOM: a few dozen, more as the reader scrolls. */
  readonly #cardWindow = new CardWindow(this);
  #moving: Card | undefined;
  #moveTarget: Spot = { columnId: '', index: 0 };
  #lanes: Lane[] = [];
  #focusCard: string | undefined;
  /** The card that had the focus before an update: a remote move re-creates it in another list. */
  #focusedBefore: string | undefined;
  readonly #drag: PointerDrag;
  /** The card dialog, loaded on first use (a lazy chunk of the bundle). */
  #dialog: CardDialog | undefined;
  #dialogLoad: Promise<CardDialog> | undefined;
  /** The editing tools, loaded once the person may write (a lazy chunk). */
  #editor: BoardEditor | undefined;
  /** The « Archives » view, loaded when first opened (a lazy chunk). */
  #archives: BoardArchives | undefined;
  /** The space's boards (`space` without `board`), loaded when needed (a lazy chunk). */
  #list: BoardList | undefined;
  #listLoad: Promise<void> | undefined;
  /** The board opened from the list. */
  #chosen: string | undefined;
  /** Give « Tous les tableaux » the focus once the chosen board is drawn. */
  #focusBack = false;
  /**
   * Settles once the person's role in the board's space is known (or could not be read). Until then
   * a card can already be dragged: the drop waits for the role (a drag started on the first paint
   * lands), and is refused if the person turns out not to write.
   */
  #roleChecked: Promise<void> = Promise.resolve();
  #roleKnown = true;

  constructor() {
    super();
    this.loadState = 'idle';
    this.detail = undefined;
    this.announcement = '';
    this.#drag = new PointerDrag({
      root: () => this.renderRoot as ShadowRoot,
      indicator: () => this.renderRoot.querySelector<HTMLElement>('.drop-indicator'),
      drop: (cardId, spot) => {
        const card = this.detail?.cards.find((each) => each.id === cardId);
        if (card !== undefined) void this.#moveCard(card, spot);
      },
    });
  }

  /** Opens a card's detail, loading the dialog's code the first time. */
  async #openCard(card: Card): Promise<void> {
    this.#dialogLoad ??= import('./internal/card-dialog.js').then(({ CardDialog }) => {
      this.#dialog = new CardDialog({
        id: this.#id,
        requestUpdate: () => this.requestUpdate(),
        updateComplete: () => this.updateComplete,
        dispatchEvent: (event) => this.dispatchEvent(event),
        dialog: () => this.renderRoot.querySelector<HTMLDialogElement>('dialog[part="card-dialog"]'),
        live: () => this.#live(),
        cardLeft: (text) => {
          this.announcement = text;
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="archives-button"]')?.focus());
        },
      });
      return this.#dialog;
    });
    const dialog = await this.#dialogLoad;
    await dialog.open(card);
  }

  #live(): { board: LiveBoard; client: BureauClient } | undefined {
    return this.#opened === undefined ? undefined : { board: this.#opened.board, client: this.#opened.client };
  }

  /** Opens the board's archived cards, loading their code the first time. */
  async #openArchives(): Promise<void> {
    if (this.#archives === undefined) {
      const { BoardArchives } = await import('./internal/board-archives.js');
      this.#archives ??= new BoardArchives({
        id: this.#id,
        requestUpdate: () => this.requestUpdate(),
        updateComplete: () => this.updateComplete,
        root: () => this.renderRoot as ShadowRoot,
        language: () => this.resolvedLanguage,
        live: () => this.#live(),
        canWrite: () => this.#canWrite,
        announce: (text) => (this.announcement = text),
      });
    }
    await this.#archives.open();
  }

  /** The board shown: the `board` attribute, else the one opened from the space's list. */
  get #boardId(): string | undefined {
    return this.board !== undefined && this.board !== '' ? this.board : this.#chosen;
  }

  /** Shows the space's list of boards, loading its code the first time. */
  #showList(client: BureauClient, spaceId: string): void {
    if (this.#list !== undefined) return this.#list.show(client, spaceId);
    this.#listLoad ??= import('./internal/board-list.js').then(({ BoardList }) => {
      this.#list = new BoardList({
        id: this.#id,
        requestUpdate: () => this.requestUpdate(),
        updateComplete: () => this.updateComplete,
        root: () => this.renderRoot as ShadowRoot,
        language: () => this.resolvedLanguage,
        noAccess: () => this.messages.noAccess,
        announce: (text) => (this.announcement = text),
        open: (boardId) => {
          this.#chosen = boardId;
          this.#focusBack = true;
          this.#list?.dispose();
          this.requestUpdate();
        },
      });
      this.requestUpdate();
    });
  }

  /** Back from a board opened from the list to the list, the focus on that board's name. */
  #backToList(): void {
    const left = this.#chosen;
    this.#chosen = undefined;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      if (left !== undefined) this.renderRoot.querySelector<HTMLElement>(`[data-board="${CSS.escape(left)}"] [part="open-board-button"]`)?.focus();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#close();
    this.#list?.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    const opened = this.#opened;
    const boardId = this.#boardId;
    if (this.isConnected && (opened?.client !== client || opened?.boardId !== boardId)) {
      this.#close();
      if (client !== undefined && boardId !== undefined) this.#open(client, boardId);
    }
    if (this.isConnected && client !== undefined && boardId === undefined && this.space) this.#showList(client, this.space);
    const active = (this.renderRoot as ShadowRoot | undefined)?.activeElement;
    this.#focusedBefore = active instanceof HTMLElement ? active.closest<HTMLElement>('li[data-card]')?.dataset.card : undefined;
    this.#lanes =
      this.detail === undefined
        ? []
        : lanesOf(this.detail, this.#filters, new Date(), this.#lifted && { card: this.#lifted.card, spot: this.#lifted.spot });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A lifted card changes list as it crosses columns: its element is a new one, give it the focus.
    // So does a focused card that someone else moved: the focus stays with the card, not lost.
    const root = this.renderRoot as ShadowRoot;
    const back = this.#focusBack ? root.querySelector<HTMLElement>('[part="all-boards-button"]') : null;
    if (back !== null) {
      this.#focusBack = false;
      back.focus();
    }
    const keep = this.#focusCard ?? (root.activeElement === null ? this.#focusedBefore : undefined);
    this.#focusCard = undefined;
    if (keep !== undefined) {
      const card = root.querySelector<HTMLElement>(`li[data-card="${CSS.escape(keep)}"]`);
      if (card !== null && root.activeElement !== card) card.focus({ preventScroll: this.#focusedBefore === keep });
    }
  }

  #open(client: BureauClient, boardId: string): void {
    const abort = new AbortController();
    const board = client.boards.watch(boardId);
    this.#opened = { boardId, client, board, abort };
    this.loadState = 'loading';
    this.detail = board.detail;
    board.addEventListener('change', (event) => {
      if (this.loadState === 'no-access') return;
      this.detail = event.detail;
      if (this.loadState !== 'ready') this.loadState = 'ready';
    });
    board.addEventListener('error', (event) => {
      if (isNoAccess(event.error)) this.#noAccess();
      else if (this.detail === undefined) this.loadState = 'error';
      if (!isHttpError(event.error)) reportError(event.error);
    });
    followMembership(
      client,
      abort.signal,
      () => {
        if (this.loadState !== 'no-access') return;
        this.#close();
        this.#open(client, boardId);
      },
      (spaceId) => {
        if (spaceId === this.detail?.board.spaceId) this.#noAccess();
      },
    );
    const roleChecked = board.ready.then(
      () => (abort.signal.aborted ? undefined : this.#loadContext(client, abort.signal)),
      () => undefined /* reported by the board's `error` event */,
    );
    this.#roleChecked = roleChecked;
    this.#roleKnown = false;
    void roleChecked.then(() => {
      if (this.#roleChecked === roleChecked) this.#roleKnown = true;
    });
  }

  /** The person's role in the board's space and the space's members. */
  async #loadContext(client: BureauClient, signal: AbortSignal): Promise<void> {
    const spaceId = this.detail?.board.spaceId;
    if (spaceId === undefined) return;
    try {
      const [role, members] = await Promise.all([roleIn(client, spaceId, signal), membersOf(client, spaceId, signal)]);
      if (signal.aborted) return;
      this.#canWrite = role !== undefined && role !== 'guest' && this.detail?.board.archived !== true;
      this.#members = members;
      this.requestUpdate();
      void this.#loadMute(client, signal);
      if (this.#canWrite && this.#editor === undefined) {
        const { boardEditorFor } = await import('./internal/board-editor.js');
        this.#editor ??= boardEditorFor(this, this.#id, () => this.resolvedLanguage, () => this.#opened, (text) => (this.announcement = text));
        this.requestUpdate();
      }
    } catch (error) {
      if (!signal.aborted) reportError(error);
    }
  }

  /** « Sourdine » for every reader of the board (a lazy chunk, with the notifications' SDK code). */
  async #loadMute(client: BureauClient, signal: AbortSignal): Promise<void> {
    const boardId = this.#opened?.boardId;
    const { MuteToggle } = await import('../internal/mute-toggle.js');
    if (signal.aborted || boardId === undefined) return;
    this.#mute = new MuteToggle({ id: this.#id, requestUpdate: () => this.requestUpdate(), language: () => this.resolvedLanguage }, client, boardId, 'board', signal);
  }

  /** Not (or no longer) a member: nothing of the board stays on screen. */
  #noAccess(): void {
    this.#opened?.board.close();
    this.#lifted = undefined;
    this.#canWrite = false;
    this.detail = undefined;
    this.loadState = 'no-access';
  }

  #close(): void {
    const opened = this.#opened;
    if (opened === undefined) return;
    opened.abort.abort();
    opened.board.close();
    this.#archives?.dispose();
    this.#mute = undefined;
    this.#opened = undefined;
    this.#lifted = undefined;
    this.detail = undefined;
    this.loadState = 'idle';
  }

  #title(cardId: string): string {
    return this.detail?.cards.find((card) => card.id === cardId)?.title ?? '';
  }

  #columnName(columnId: string): string {
    return this.detail?.columns.find((column) => column.id === columnId)?.name ?? '';
  }

  /** Moves a card to a spot (an index among the shown cards of a column, the card left out) and announces it. */
  async #moveCard(card: Card, spot: Spot): Promise<void> {
    const opened = this.#opened;
    if (opened === undefined) return;
    if (!this.#canWrite && !this.#roleKnown) await this.#roleChecked;
    if (this.#opened !== opened || !this.#canWrite) return;
    const others = othersIn(this.#lanes, spot.columnId, card.id);
    const index = Math.min(spot.index, others.length);
    const { afterId, beforeId } = neighboursAt(others, index);
    const t = this.messages;
    const unchanged = card.columnId === spot.columnId && spotOf(this.#lanes, card).index === index && this.#lifted === undefined;
    if (unchanged) return;
    if (!this.dispatchEvent(new BureauCardMoveEvent(card.id, card.columnId, spot.columnId, afterId, beforeId))) {
      this.announcement = t.boardMoveCancelled(card.title);
      return;
    }
    const moving = opened.board.move(card.id, { columnId: spot.columnId, afterId, beforeId });
    this.announcement = t.boardMoved(card.title, this.#columnName(spot.columnId), index + 1, others.length + 1);
    try {
      await moving;
    } catch (error) {
      this.announcement = t.boardMoveFailed(card.title, isHttpError(error) ? error.problem.title : String(error));
    }
  }

  readonly #onCardKey = (event: KeyboardEvent, card: Card): void => {
    if (event.target !== event.currentTarget || !this.#canWrite) return;
    const t = this.messages;
    const lifted = this.#lifted;
    const key = event.key;
    if (lifted === undefined) {
      if (key !== ' ' && key !== 'Enter') return;
      event.preventDefault();
      const origin = spotOf(this.#lanes, card);
      this.#lifted = { card, origin, spot: origin };
      this.#announceSpot(t.boardLifted, card, origin);
      this.requestUpdate();
      return;
    }
    if (lifted.card.id !== card.id) return;
    if (key === 'Escape') {
      event.preventDefault();
      this.#lifted = undefined;
      this.#focusCard = card.id;
      this.announcement = t.boardMoveCancelled(card.title);
      this.requestUpdate();
      return;
    }
    if (key === ' ' || key === 'Enter') {
      event.preventDefault();
      const spot = lifted.spot;
      this.#lifted = undefined;
      this.#focusCard = card.id;
      if (spot.columnId === lifted.origin.columnId && spot.index === lifted.origin.index) {
        this.announcement = t.boardMoveCancelled(card.title);
        this.requestUpdate();
        return;
      }
      // Lanes without the lift, so that the neighbours are those the person saw.
      this.#lanes = lanesOf(this.detail as BoardDetail, this.#filters, new Date());
      void this.#moveCard(card, spot);
      this.requestUpdate();
      return;
    }
    const columns = this.#lanes.map((lane) => lane.column.id);
    let { columnId, index } = lifted.spot;
    if (key === 'ArrowUp') index -= 1;
    else if (key === 'ArrowDown') index += 1;
    else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      const at = columns.indexOf(columnId) + (key === 'ArrowLeft' ? -1 : 1);
      if (at < 0 || at >= columns.length) return;
      columnId = columns[at] as string;
    } else return;
    event.preventDefault();
    const count = othersIn(this.#lanes, columnId, card.id).length;
    index = Math.max(0, Math.min(index, count));
    lifted.spot = { columnId, index };
    this.#focusCard = card.id;
    this.#announceSpot(t.boardOver, card, lifted.spot);
    this.requestUpdate();
  };

  #announceSpot(message: (title: string, column: string, position: number, total: number) => string, card: Card, spot: Spot): void {
    const total = othersIn(this.#lanes, spot.columnId, card.id).length + 1;
    this.announcement = message(card.title, this.#columnName(spot.columnId), spot.index + 1, total);
  }

  #openMoveDialog(card: Card): void {
    this.#moving = card;
    this.#moveTarget = spotOf(this.#lanes, card);
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLDialogElement>('dialog[part="move-dialog"]')?.showModal());
  }

  #confirmMove(): void {
    const card = this.#moving;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog[part="move-dialog"]')?.close();
    if (card === undefined) return;
    this.#focusCard = card.id;
    void this.#moveCard(card, this.#moveTarget);
  }

  #setFilter(change: Partial<Filters>): void {
    this.#filters = { ...this.#filters, ...change };
    this.requestUpdate();
  }

  protected override render(): TemplateResult {
    const t = this.messages;
    const detail = this.detail;
    if (this.#boardId === undefined && this.space) {
      return html`<div part="base" class="board">
        ${this.#list?.render() ?? html`<p part="state" class="state" role="status">${t.boardLoading}</p>`}
        <div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>`;
    }
    const state =
      this.#boardId === undefined
        ? t.boardNoBoard
        : this.loadState === 'no-access'
          ? this.noAccessText
          : this.loadState === 'error'
            ? t.boardLoadFailed
          : detail === undefined
            ? t.boardLoading
            : detail.columns.length === 0
              ? t.boardEmpty
              : '';
    const editor = this.#canWrite ? this.#editor : undefined;
    const openId = this.#dialog?.cardId;
    const current = openId === undefined ? undefined : detail?.cards.find((card) => card.id === openId);
    return html`<div part="base" class="board">
      ${detail === undefined ? nothing : this.#renderHeader(detail)}
      ${state === '' ? nothing : html`<p part="state" class="state" role=${this.loadState === 'error' ? 'alert' : 'status'}>${state}</p>`}
      <p id="${this.#id}-hint" class="visually-hidden">${t.boardCardHint}</p>
      <div part="columns" class="columns">
        ${repeat(this.#lanes, (lane) => lane.column.id, (lane) => this.#renderLane(lane))}
        ${editor === undefined ? nothing : editor.addColumn()}
        <div part="drop-indicator" class="drop-indicator" hidden></div>
      </div>
      <div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${moveDialog({
        t,
        id: this.#id,
        card: this.#moving,
        target: this.#moveTarget,
        lanes: this.#lanes,
        retarget: (spot) => {
          this.#moveTarget = spot;
          this.requestUpdate();
        },
        confirm: () => this.#confirmMove(),
        closed: () => (this.#moving = undefined),
        dialog: () => this.renderRoot.querySelector<HTMLDialogElement>('dialog[part="move-dialog"]'),
      })}
      ${editor === undefined ? nothing : editor.dialog(this.#lanes)}
      ${this.#dialog?.render(t, this.resolvedLanguage, this.#members, detail?.board.labels ?? [], this.#canWrite, current) ?? nothing}
      ${detail === undefined ? nothing : (this.#archives?.render(detail.board.name, (columnId) => this.#columnName(columnId)) ?? nothing)}
    </div>`;
  }

  #renderHeader(detail: BoardDetail): TemplateResult {
    const t = this.messages;
    const id = this.#id;
    // A <div>, not a <header>: several boards on a page must not make several banner landmarks.
    return html`<div part="header" class="header">
      ${this.#chosen !== undefined && !this.board
        ? html`<button type="button" part="all-boards-button" @click=${() => this.#backToList()}>${t.boardAllBoards}</button>`
        : nothing}
      <h2>${detail.board.name}</h2>
      ${this.#opened ? membersButton(t.members, this.#opened.client, detail.board.spaceId, this.resolvedLanguage) : nothing}
      <button type="button" part="archives-button" class="archives-button"
        @click=${() => this.#openArchives().catch((error: unknown) => reportError(error))}>${t.boardArchives}</button>
      ${this.#mute?.render() ?? nothing}
      <fieldset part="filters" class="filters">
        <legend class="visually-hidden">${t.boardFilters}</legend>
        <label for="${id}-f-text">${t.boardFilterText}</label>
        <input id="${id}-f-text" type="search" part="filter-text" .value=${this.#filters.text} @input=${(e: Event) => this.#setFilter({ text: (e.target as HTMLInputElement).value })} />
        <label for="${id}-f-assignee">${t.boardFilterAssignee}</label>
        <select id="${id}-f-assignee" @change=${(e: Event) => this.#setFilter({ assignee: (e.target as HTMLSelectElement).value })}>
          <option value="">${t.boardFilterAnyone}</option>
          ${this.#members.map((m) => html`<option value=${m.userId} ?selected=${this.#filters.assignee === m.userId}>${m.name}</option>`)}
        </select>
        <label for="${id}-f-label">${t.boardFilterLabel}</label>
        <select id="${id}-f-label" @change=${(e: Event) => this.#setFilter({ label: (e.target as HTMLSelectElement).value })}>
          <option value="">${t.boardFilterAll}</option>
          ${detail.board.labels.map((l) => html`<option value=${l.id} ?selected=${this.#filters.label === l.id}>${l.name}</option>`)}
        </select>
        <label for="${id}-f-due">${t.boardFilterDue}</label>
        <select id="${id}-f-due" @change=${(e: Event) => this.#setFilter({ due: (e.target as HTMLSelectElement).value as Filters['due'] })}>
          <option value="">${t.boardFilterAll}</option>
          <option value="overdue">${t.boardDueOverdue}</option>
          <option value="week">${t.boardDueWeek}</option>
          <option value="none">${t.boardDueNone}</option>
        </select>
      </fieldset>
    </div>`;
  }

  #renderLane(lane: Lane): TemplateResult {
    const t = this.messages;
    const headingId = `${this.#id}-col-${lane.column.id}`;
    const limit = lane.column.wipLimit;
    const over = limit !== null && lane.total > limit;
    const editor = this.#canWrite ? this.#editor : undefined;
    const mounted = this.#cardWindow.cardsOf(lane, [this.#lifted?.card.id, this.#focusedBefore]);
    return html`<section part=${over ? 'column column-over-limit' : 'column'} class="column ${over ? 'over' : ''}" aria-labelledby=${headingId} data-column=${lane.column.id}>
      <h3 id=${headingId} part="column-heading" class="column-heading">
        ${editor === undefined ? html`<span class="column-name">${lane.column.name}</span>` : editor.columnName(lane)}
        <span part="count" class="count">${t.boardColumnCount(lane.total, lane.cards.length)}</span>
        ${limit === null
          ? nothing
          : html`<span part="wip" class="wip">${over ? t.boardWipOver(lane.total, limit) : t.boardWip(lane.total, limit)}</span>`}
      </h3>
      ${editor === undefined ? nothing : editor.columnButton(lane)}
      <ul part="cards" class="cards" data-column-list=${lane.column.id} aria-labelledby=${headingId}>
        ${lane.cards.length === 0 ? html`<li class="empty-column">${t.boardEmptyColumn}</li>` : nothing}
        ${repeat(mounted, (card) => card.id, (card) => this.#renderCard(card))}
        ${this.#cardWindow.renderMore(lane, mounted.length, t.boardMoreCards)}
      </ul>
      ${editor === undefined ? nothing : editor.foot(lane)}
    </section>`;
  }

  #renderCard(card: Card): TemplateResult {
    const t = this.messages;
    const lifted = this.#lifted?.card.id === card.id;
    const labels = this.detail?.board.labels.filter((label) => card.labelIds.includes(label.id)) ?? [];
    const done = card.checklist.filter((item) => item.done).length;
    const names = card.assignees.map((id) => this.#members.find((m) => m.userId === id)?.name ?? id);
    return html`<li part=${lifted ? 'card card-lifted' : 'card'} class="card ${lifted ? 'lifted' : ''}" data-card=${card.id}
      tabindex="0" aria-label=${t.boardCardLabel(card.title)} aria-describedby=${this.#canWrite ? `${this.#id}-hint` : nothing}
      @keydown=${(event: KeyboardEvent) => this.#onCardKey(event, card)}
      @pointerdown=${this.#canWrite || !this.#roleKnown ? (event: PointerEvent) => this.#drag.down(event, card.id) : nothing}
      @click=${{ handleEvent: this.#drag.click, capture: true }}>
      <button type="button" part="card-title" class="card-title" data-open
        @click=${() => this.#openCard(card).catch((error: unknown) => reportError(error))}>${card.title}</button>
      <div part="card-meta" class="card-meta">
        ${labels.map((label) => html`<span part="label" class="label" .style=${`--_label:${label.color}`}>${label.name}</span>`)}
        ${card.dueDate === null ? nothing : html`<span class="due">${t.boardDue(formatDate(card.dueDate, this.resolvedLanguage, { dateStyle: 'medium', timeZone: 'UTC' }))}</span>`}
        ${card.checklist.length === 0 ? nothing : html`<span>${t.boardChecklistCount(done, card.checklist.length)}</span>`}
        ${card.commentCount === 0 ? nothing : html`<span>${t.boardCommentCount(card.commentCount)}</span>`}
        ${names.length === 0 ? nothing : html`<span class="assignees">${names.join(', ')}</span>`}
      </div>
      ${this.#canWrite
        ? html`<button type="button" part="move-button" class="move-button" data-no-drag aria-label=${t.boardMoveToLabel(card.title)}
            @click=${() => this.#openMoveDialog(card)}>${t.boardMoveTo}</button>`
        : nothing}
    </li>`;
  }

}
