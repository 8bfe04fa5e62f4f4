import { css, html, nothing, type TemplateResult } from 'lit';
import type { Board, Role } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import { failureText, selfServiceMessages, type SelfServiceMessages } from '../../i18n/self-service.js';
import { followMembership, isNoAccess } from '../../internal/membership.js';
import { roleIn } from '../../internal/role.js';
import { addStyles } from '../../internal/add-styles.js';
import { BureauBoardOpenEvent } from '../events/board-open.js';

const styles = css`
  .board-list ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  .board-list li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
  .board-list .open-board { font-weight: 600; text-align: start; }
  .board-list .add-form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin-block: 0.5rem; }
`;

/** What the list needs from the board element. */
export interface BoardListHost {
  readonly id: string;
  requestUpdate(): void;
  updateComplete(): Promise<boolean>;
  root(): ShadowRoot;
  language(): Language;
  /** The calm "not a member" sentence of the main catalogue. */
  noAccess(): string;
  announce(text: string): void;
  /** Shows a board of the list (the element leaves the list for it). */
  open(boardId: string): void;
}

type ListState = 'loading' | 'ready' | 'error' | 'no-access';

/**
 * The boards of a space, for `<bureau-board space="…">` without a `board` (a lazy chunk): each
 * board opens with its name; members and owners get « Nouveau tableau » (created, then opened),
 * « Renommer » (an in-place field: Enter saves, Escape cancels) and « Archiver » per board, and
 * the archived boards listed apart with « Désarchiver ». Guests read the list. The list follows the
 * stream (`board.created`, `board.updated`) and the person's membership of the space.
 */
export class BoardList {
  readonly #host: BoardListHost;
  #client: BureauClient | undefined;
  #spaceId = '';
  #abort: AbortController | undefined;
  #state: ListState = 'loading';
  #boards: Board[] = [];
  #archived: Board[] | undefined;
  #showArchived = false;
  #role: Role | undefined;
  #creating = false;
  #renaming: string | undefined;
  #error = '';

  constructor(host: BoardListHost) {
    this.#host = host;
    addStyles(host.root(), styles);
  }

  get #s(): SelfServiceMessages {
    return selfServiceMessages(this.#host.language());
  }

  get #canWrite(): boolean {
    return this.#role === 'owner' || this.#role === 'member';
  }

  /** Lists the boards of `spaceId` for `client` (again if either changed), following changes. */
  show(client: BureauClient, spaceId: string): void {
    if (this.#client === client && this.#spaceId === spaceId && this.#abort !== undefined) return;
    this.dispose();
    this.#client = client;
    this.#spaceId = spaceId;
    const abort = new AbortController();
    this.#abort = abort;
    this.#state = 'loading';
    this.#boards = [];
    this.#archived = undefined;
    const off = client.stream.subscribe('*', (event) => {
      if ((event.type === 'board.created' || event.type === 'board.updated') && event.data.spaceId === spaceId) void this.#load(abort.signal);
    });
    abort.signal.addEventListener('abort', off, { once: true });
    followMembership(
      client,
      abort.signal,
      () => void this.#load(abort.signal),
      (left) => {
        if (left !== spaceId) return;
        this.#state = 'no-access';
        this.#boards = [];
        this.#role = undefined;
        this.#host.requestUpdate();
      },
    );
    void this.#load(abort.signal);
  }

  /** Stops following the space. */
  dispose(): void {
    this.#abort?.abort();
    this.#abort = undefined;
  }

  async #load(signal: AbortSignal): Promise<void> {
    const client = this.#client;
    if (client === undefined) return;
    try {
      const [role, active, archived] = await Promise.all([
        roleIn(client, this.#spaceId, signal),
        client.boards.list(this.#spaceId, { limit: 100, signal }),
        this.#showArchived ? client.boards.list(this.#spaceId, { archived: true, limit: 100, signal }) : undefined,
      ]);
      if (signal.aborted) return;
      this.#role = role;
      this.#boards = active.items;
      if (archived !== undefined) this.#archived = archived.items;
      this.#state = 'ready';
    } catch (error) {
      if (signal.aborted) return;
      this.#state = isNoAccess(error) ? 'no-access' : this.#state === 'ready' ? 'ready' : 'error';
      if (this.#state === 'ready') this.#error = failureText(this.#s, error);
    }
    this.#host.requestUpdate();
  }

  render(): TemplateResult {
    const s = this.#s;
    const id = this.#host.id;
    if (this.#state === 'no-access') return html`<p part="state" class="state" role="status">${this.#host.noAccess()}</p>`;
    const state =
      this.#state === 'loading'
        ? s.boardsLoading
        : this.#state === 'error'
          ? s.boardsFailed
          : this.#boards.length === 0
            ? this.#canWrite
              ? s.boardsEmptyCreate
              : s.boardsEmpty
            : '';
    return html`<section part="board-list" class="board-list" aria-labelledby="${id}-boards-title">
      <h2 id="${id}-boards-title">${s.boards}</h2>
      ${state === '' ? nothing : html`<p part="state" class="state" role=${this.#state === 'error' ? 'alert' : 'status'}>${state}</p>`}
      ${this.#boards.length === 0 ? nothing : html`<ul part="boards">${this.#boards.map((board) => this.#renderBoard(board, false))}</ul>`}
      ${this.#canWrite && this.#state === 'ready' ? this.#renderCreate(s) : nothing}
      ${this.#error === '' ? nothing : html`<p role="alert">${this.#error}</p>`}
      ${this.#state === 'ready' ? this.#renderArchived(s) : nothing}
    </section>`;
  }

  #renderBoard(board: Board, archived: boolean): TemplateResult {
    const s = this.#s;
    const fieldId = `${this.#host.id}-rename-${board.id}`;
    if (this.#renaming === board.id) {
      return html`<li part="board-item" data-board=${board.id}>
        <form class="add-form" @submit=${(event: Event) => this.#rename(event, board)}>
          <label for=${fieldId}>${s.boardNewName(board.name)}</label>
          <input id=${fieldId} part="board-name-field" name="name" maxlength="120" required autocomplete="off" .value=${board.name}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key !== 'Escape') return;
              event.preventDefault();
              this.#stopRenaming(board.id);
            }} />
          <button type="submit" class="primary">${s.save}</button>
          <button type="button" @click=${() => this.#stopRenaming(board.id)}>${s.cancel}</button>
        </form>
      </li>`;
    }
    return html`<li part="board-item" data-board=${board.id}>
      <button type="button" part="open-board-button" class="open-board" @click=${() => this.#open(board.id)}>${board.name}</button>
      ${this.#canWrite && !archived
        ? html`<button type="button" part="rename-board-button" aria-label=${s.renameBoardLabel(board.name)} @click=${() => this.#startRenaming(board.id)}>${s.renameBoard}</button>
            <button type="button" part="archive-board-button" aria-label=${s.archiveBoardLabel(board.name)} @click=${() => void this.#setArchived(board, true)}>${s.archiveBoard}</button>`
        : nothing}
      ${this.#canWrite && archived
        ? html`<button type="button" part="unarchive-board-button" aria-label=${s.unarchiveBoardLabel(board.name)} @click=${() => void this.#setArchived(board, false)}>${s.unarchiveBoard}</button>`
        : nothing}
    </li>`;
  }

  #renderCreate(s: SelfServiceMessages): TemplateResult {
    const fieldId = `${this.#host.id}-new-board`;
    if (!this.#creating) {
      return html`<button type="button" part="new-board-button" @click=${() => {
        this.#creating = true;
        this.#error = '';
        void this.#focus('input[part="new-board-field"]');
      }}>+ ${s.newBoard}</button>`;
    }
    return html`<form part="new-board-form" class="add-form" @submit=${(event: Event) => this.#create(event)}>
      <label for=${fieldId}>${s.newBoardName}</label>
      <input id=${fieldId} part="new-board-field" name="name" maxlength="120" required autocomplete="off"
        @keydown=${(event: KeyboardEvent) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          this.#stopCreating();
        }} />
      <button type="submit" class="primary">${s.createBoard}</button>
      <button type="button" @click=${() => this.#stopCreating()}>${s.cancel}</button>
    </form>`;
  }

  #renderArchived(s: SelfServiceMessages): TemplateResult {
    const listId = `${this.#host.id}-archived-boards`;
    const archived = this.#archived ?? [];
    return html`<button type="button" part="archived-boards-toggle" aria-expanded=${this.#showArchived ? 'true' : 'false'} aria-controls=${listId}
        @click=${() => {
          this.#showArchived = !this.#showArchived;
          this.#host.requestUpdate();
          if (this.#showArchived && this.#abort !== undefined) void this.#load(this.#abort.signal);
        }}>${s.archivedBoards}</button>
      <div id=${listId} ?hidden=${!this.#showArchived}>
        ${this.#showArchived && this.#archived !== undefined && archived.length === 0 ? html`<p>${s.noArchivedBoards}</p>` : nothing}
        ${archived.length === 0 ? nothing : html`<ul part="archived-boards">${archived.map((board) => this.#renderBoard(board, true))}</ul>`}
      </div>`;
  }

  #startRenaming(boardId: string): void {
    this.#renaming = boardId;
    this.#error = '';
    void this.#focus('input[part="board-name-field"]').then(() => this.#host.root().querySelector<HTMLInputElement>('input[part="board-name-field"]')?.select());
  }

  #stopRenaming(boardId: string): void {
    this.#renaming = undefined;
    void this.#focus(`[data-board="${CSS.escape(boardId)}"] [part="rename-board-button"]`);
  }

  #stopCreating(): void {
    this.#creating = false;
    void this.#focus('[part="new-board-button"]');
  }

  /** Opens a board once the host page agrees (`bureau-board-open`, cancelable; its code is in this lazy chunk). */
  #open(boardId: string): void {
    if (this.#host.root().host.dispatchEvent(new BureauBoardOpenEvent(boardId))) this.#host.open(boardId);
  }

  async #create(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.#client;
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    const name = field.value.trim();
    if (client === undefined || name === '') return;
    try {
      const board = await client.boards.create(this.#spaceId, { name });
      this.#creating = false;
      this.#host.announce(this.#s.boardCreated(name));
      this.#open(board.id);
    } catch (error) {
      this.#error = failureText(this.#s, error);
      this.#host.requestUpdate();
    }
  }

  async #rename(event: Event, board: Board): Promise<void> {
    event.preventDefault();
    const client = this.#client;
    const name = ((event.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement).value.trim();
    if (client === undefined || name === '') return;
    if (name === board.name) return this.#stopRenaming(board.id);
    try {
      const renamed = await client.boards.rename(board.id, name, { ifMatch: board.version });
      this.#boards = this.#boards.map((each) => (each.id === renamed.id ? renamed : each));
      this.#error = '';
      this.#host.announce(this.#s.boardRenamed(board.name, name));
      this.#stopRenaming(board.id);
    } catch (error) {
      // The field stays open with what was typed, and the reason.
      this.#error = failureText(this.#s, error);
      this.#host.requestUpdate();
    }
  }

  async #setArchived(board: Board, archived: boolean): Promise<void> {
    const client = this.#client;
    if (client === undefined) return;
    const s = this.#s;
    try {
      const changed = archived ? await client.boards.archive(board.id) : await client.boards.unarchive(board.id);
      const active = this.#boards.filter((each) => each.id !== board.id);
      const stored = (this.#archived ?? []).filter((each) => each.id !== board.id);
      this.#boards = archived ? active : [...active, changed];
      this.#archived = archived ? [changed, ...stored] : stored;
      this.#error = '';
      this.#host.announce(archived ? s.boardArchived(board.name) : s.boardUnarchived(board.name));
      await this.#focus(archived ? '[part="archived-boards-toggle"]' : `[data-board="${CSS.escape(board.id)}"] [part="open-board-button"]`);
    } catch (error) {
      this.#error = failureText(s, error);
      this.#host.requestUpdate();
    }
  }

  async #focus(selector: string): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete();
    this.#host.root().querySelector<HTMLElement>(selector)?.focus();
  }
}
