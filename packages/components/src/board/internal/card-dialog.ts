import { html, nothing, type TemplateResult } from 'lit';
import { CardConflictError, filesDomain, isHttpError, registerDomains, type BureauClient, type LiveBoard } from '@bureau/sdk';
import type { Card, ChecklistInput, Comment, Label, Member, UpdateCard } from '@bureau/api';
import type { Language } from '../../i18n/catalogues.js';
import { formatBytes } from '../../i18n/format.js';
import type { Messages } from '../../i18n/fr.js';
import { cardDialogText, type CardDialogText } from '../../i18n/card-dialog.js';
import type { FilePicker, PickedFile } from '../../internal/file-picker.js';
import { renderMarkdown } from '../../markdown/markdown.js';
import { BureauCardEditEvent } from '../events/card-edit.js';
import { BureauCardOpenEvent } from '../events/card-open.js';
import { CardHistory } from './card-history.js';

// The card's linked documents come from the files domain, loaded with this dialog rather than with the board.
registerDomains(filesDomain);

/** What the dialog needs from the board. */
export interface CardDialogHost {
  readonly id: string;
  requestUpdate(): void;
  updateComplete(): Promise<boolean>;
  dispatchEvent(event: Event): boolean;
  dialog(): HTMLDialogElement | null;
  live(): { board: LiveBoard; client: BureauClient } | undefined;
  /** The open card left the board (archived): say so and put the focus somewhere that stays. */
  cardLeft(announcement: string): void;
}

/** The fields the person edits, as the form holds them. */
interface Draft {
  title: string;
  description: string;
  assignees: string[];
  labelIds: string[];
  dueDate: string;
  checklist: ChecklistInput[];
}

function draftOf(card: Card): Draft {
  return {
    title: card.title,
    description: card.description,
    assignees: [...card.assignees],
    labelIds: [...card.labelIds],
    dueDate: card.dueDate ?? '',
    checklist: card.checklist.map((item) => ({ ...item })),
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The form moved onto a newer card: fields the person has not touched (still as in `from`) take
 * their value in `to`, so that a later save does not undo someone else's change.
 */
function rebased(draft: Draft, from: Card, to: Card): Draft {
  const before = draftOf(from);
  const after = draftOf(to);
  const keys = Object.keys(draft) as (keyof Draft)[];
  return Object.fromEntries(keys.map((key) => [key, same(draft[key], before[key]) ? after[key] : draft[key]])) as unknown as Draft;
}

/** The fields of `draft` that differ from `base`, as an `UpdateCard`. */
function changeOf(base: Card, draft: Draft): UpdateCard {
  const change: UpdateCard = {};
  if (draft.title !== base.title) change.title = draft.title;
  if (draft.description !== base.description) change.description = draft.description;
  if (!same(draft.assignees, base.assignees)) change.assignees = draft.assignees;
  if (!same(draft.labelIds, base.labelIds)) change.labelIds = draft.labelIds;
  if ((draft.dueDate || null) !== base.dueDate) change.dueDate = draft.dueDate || null;
  if (!same(draft.checklist.map(({ text, done }) => ({ text, done })), base.checklist.map(({ text, done }) => ({ text, done })))) {
    change.checklist = draft.checklist;
  }
  return change;
}

/**
 * The detail of a card in a native modal `<dialog>`: its fields in a form, its comments. The form
 * keeps what the person typed while the card changes elsewhere; a save that collides with someone
 * else's change keeps the person's text and shows the other version beside it.
 */
export class CardDialog {
  readonly #host: CardDialogHost;
  #base: Card | undefined;
  #draft: Draft | undefined;
  #comments: Comment[] = [];
  #comment = '';
  #newItem = '';
  #status = '';
  #conflict: Card | undefined;
  #saving = false;
  /** What is known of the linked files: `null` when one cannot be read (trashed, purged). */
  readonly #documents = new Map<string, PickedFile | null>();
  readonly #reading = new Set<string>();
  /** The file picker (a lazy chunk shared with the chat), while it is open. */
  #picker: FilePicker | undefined;

  /** « Activité » and « Supprimer la carte ». */
  readonly #history: CardHistory;

  constructor(host: CardDialogHost) {
    this.#host = host;
    this.#history = new CardHistory({
      requestUpdate: () => host.requestUpdate(),
      live: () => host.live(),
      close: () => this.close(),
      announce: (text) => host.cardLeft(text),
      focus: (selector) => this.#focus(selector),
    });
  }

  /** The card shown, if the dialog is open. */
  get cardId(): string | undefined {
    return this.#base?.id;
  }

  /** Opens the dialog on a card. */
  async open(card: Card): Promise<void> {
    this.#base = card;
    this.#draft = draftOf(card);
    this.#documents.clear();
    this.#comments = [];
    this.#comment = '';
    this.#status = '';
    this.#conflict = undefined;
    this.#host.requestUpdate();
    await this.#host.updateComplete();
    this.#host.dialog()?.showModal();
    this.#host.dispatchEvent(new BureauCardOpenEvent(card.id));
    const live = this.#host.live();
    if (live === undefined) return;
    this.#history.load(card).catch((error: unknown) => {
      this.#status = reason(error);
      this.#host.requestUpdate();
    });
    try {
      this.#comments = (await live.client.boards.comments(card.id, { limit: 100 })).items;
      this.#host.requestUpdate();
    } catch (error) {
      this.#status = reason(error);
      this.#host.requestUpdate();
    }
  }

  readonly close = (): void => {
    this.#host.dialog()?.close();
  };

  readonly #closed = (): void => {
    if (this.#base === undefined) return;
    this.#base = undefined;
    this.#draft = undefined;
    this.#picker?.dispose();
    this.#picker = undefined;
    this.#host.dispatchEvent(new BureauCardOpenEvent(null));
    this.#host.requestUpdate();
  };

  async #save(t: CardDialogText): Promise<void> {
    const live = this.#host.live();
    const base = this.#base;
    const draft = this.#draft;
    if (live === undefined || base === undefined || draft === undefined || this.#saving) return;
    const change = changeOf(base, draft);
    if (Object.keys(change).length === 0) return;
    if (!this.#host.dispatchEvent(new BureauCardEditEvent(base.id, change))) return;
    this.#saving = true;
    this.#status = '';
    this.#host.requestUpdate();
    try {
      const saved = await live.board.edit(base.id, change, { base });
      this.#base = saved;
      this.#draft = { ...draftOf(saved), description: draft.description === saved.description ? saved.description : draft.description };
      this.#conflict = undefined;
      this.#status = t.boardSaved;
    } catch (error) {
      if (error instanceof CardConflictError && error.current !== undefined) this.#conflict = error.current;
      else this.#status = t.boardSaveFailed(reason(error));
    } finally {
      this.#saving = false;
      this.#host.requestUpdate();
    }
    // A lost edit is brought into sight and given the focus (its role="alert" announces it).
    if (this.#conflict !== undefined) await this.#focus('[part="conflict"]');
  }

  #keepMine(t: CardDialogText): void {
    if (this.#conflict === undefined) return;
    this.#base = this.#conflict;
    this.#conflict = undefined;
    void this.#save(t);
  }

  #takeTheirs(): void {
    if (this.#conflict === undefined) return;
    this.#base = this.#conflict;
    this.#draft = draftOf(this.#conflict);
    this.#conflict = undefined;
    this.#host.requestUpdate();
  }

  async #addComment(): Promise<void> {
    const live = this.#host.live();
    const base = this.#base;
    const text = this.#comment.trim();
    if (live === undefined || base === undefined || text === '') return;
    try {
      const comment = await live.client.boards.comment(base.id, text);
      this.#comment = '';
      this.#comments = [...this.#comments, comment];
    } catch (error) {
      this.#status = reason(error);
    }
    this.#host.requestUpdate();
  }

  /** Reads the name and size of linked files not yet known (once each while the dialog is open). */
  #know(fileIds: readonly string[]): void {
    const live = this.#host.live();
    if (live === undefined) return;
    for (const fileId of fileIds) {
      if (this.#documents.has(fileId) || this.#reading.has(fileId)) continue;
      this.#reading.add(fileId);
      live.client.files
        .file(fileId)
        .then(
          (file) => (file.deletedAt === null ? { fileId, name: file.name, size: file.size, type: file.type } : null),
          // Purged, or out of reach: the person is told it is no longer available.
          () => null,
        )
        .then((known) => {
          this.#reading.delete(fileId);
          this.#documents.set(fileId, known);
          this.#host.requestUpdate();
        });
    }
  }

  /**
   * Changes the linked files at once (like a field saved on its own, with the card's `If-Match`);
   * `apply` is the person's intent, re-applied once on the fresh card if someone else changed the
   * links meanwhile.
   */
  async #changeFiles(t: CardDialogText, apply: (fileIds: readonly string[]) => string[]): Promise<void> {
    const live = this.#host.live();
    const base = this.#base;
    if (live === undefined || base === undefined || this.#saving) return;
    const change: UpdateCard = { fileIds: apply(base.fileIds) };
    if (!this.#host.dispatchEvent(new BureauCardEditEvent(base.id, change))) return;
    this.#saving = true;
    this.#status = '';
    this.#host.requestUpdate();
    try {
      let saved: Card;
      try {
        saved = await live.board.edit(base.id, change, { base });
      } catch (error) {
        if (!(error instanceof CardConflictError) || error.current === undefined) throw error;
        saved = await live.board.edit(base.id, { fileIds: apply(error.current.fileIds) }, { base: error.current });
      }
      if (this.#draft !== undefined && this.#base !== undefined) this.#draft = rebased(this.#draft, this.#base, saved);
      this.#base = saved;
      this.#status = t.boardSaved;
    } catch (error) {
      this.#status = t.boardSaveFailed(reason(error));
    } finally {
      this.#saving = false;
      this.#host.requestUpdate();
    }
  }

  async #openPicker(t: CardDialogText): Promise<void> {
    const live = this.#host.live();
    const spaceId = live?.board.detail?.board.spaceId;
    if (live === undefined || spaceId === undefined) return;
    const { FilePicker } = await import('../../internal/file-picker.js');
    this.#picker = new FilePicker(
      {
        requestUpdate: () => this.#host.requestUpdate(),
        pick: (file) => {
          this.#documents.set(file.fileId, file);
          void this.#closePicker();
          void this.#changeFiles(t, (ids) => [...ids.filter((id) => id !== file.fileId), file.fileId]);
        },
        close: () => void this.#closePicker(),
      },
      live.client,
      spaceId,
    );
    const loaded = this.#picker.load(t);
    await this.#focus('select[part="picker-folder"]');
    await loaded;
  }

  async #closePicker(): Promise<void> {
    this.#picker?.dispose();
    this.#picker = undefined;
    await this.#focus('button[part="link-document-button"]');
  }

  async #focus(selector: string): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete();
    this.#host.dialog()?.querySelector<HTMLElement>(selector)?.focus();
  }

  #renderDocuments(t: CardDialogText, language: Language, canWrite: boolean, fileIds: readonly string[]): TemplateResult {
    const id = this.#host.id;
    const client = this.#host.live()?.client;
    this.#know(fileIds);
    return html`<section part="documents" aria-labelledby="${id}-documents-title">
      <h3 id="${id}-documents-title">${t.files}</h3>
      ${fileIds.length === 0
        ? html`<p>${t.boardDocumentsNone}</p>`
        : html`<ul class="checklist">
            ${fileIds.map((fileId) => {
              const file = this.#documents.get(fileId);
              const name = file === undefined ? '…' : (file?.name ?? t.documentUnavailable);
              return html`<li part="document">
                ${file && client
                  ? html`<span><a part="document-link" href=${client.files.contentUrl(fileId)} rel="noopener noreferrer">${file.name}</a>
                      <span class="hint">${formatBytes(file.size, language)}</span></span>`
                  : html`<span part="document-unavailable">${name}</span>`}
                ${canWrite
                  ? html`<button type="button" class="small" part="document-remove-button" aria-label=${t.documentRemove(name)}
                      ?disabled=${this.#saving} @click=${() => void this.#changeFiles(t, (ids) => ids.filter((each) => each !== fileId))}>×</button>`
                  : nothing}
              </li>`;
            })}
          </ul>`}
      ${!canWrite
        ? nothing
        : this.#picker !== undefined
          ? this.#picker.render(t, language, id, fileIds)
          : html`<button type="button" part="link-document-button" @click=${() => void this.#openPicker(t)}>${t.boardDocumentLink}</button>`}
    </section>`;
  }

  #set(change: Partial<Draft>): void {
    if (this.#draft === undefined) return;
    this.#draft = { ...this.#draft, ...change };
    this.#host.requestUpdate();
  }

  render(
    messages: Messages,
    language: Language,
    members: readonly Member[],
    labels: readonly Label[],
    canWrite: boolean,
    current: Card | undefined,
  ): TemplateResult {
    const t = cardDialogText(messages, language);
    const id = this.#host.id;
    const draft = this.#draft;
    const base = this.#base;
    const changedElsewhere = current !== undefined && base !== undefined && current.version > base.version && this.#conflict === undefined;
    const toggle = (list: readonly string[], value: string, on: boolean): string[] => (on ? [...list, value] : list.filter((each) => each !== value));
    return html`<dialog part="card-dialog" aria-labelledby="${id}-dialog-title" @close=${this.#closed}>
      ${draft === undefined
        ? nothing
        : html`<form method="dialog" class="card-form" @submit=${(event: Event) => {
            event.preventDefault();
            if (canWrite) void this.#save(t);
          }}>
            <h2 id="${id}-dialog-title" part="card-dialog-title">${draft.title}</h2>
            ${canWrite ? nothing : html`<p part="read-only">${t.boardReadOnly}</p>`}
            ${changedElsewhere ? html`<p part="changed-notice" role="status">${t.boardChangedRemotely}</p>` : nothing}
            ${this.#conflict === undefined
              ? nothing
              : html`<div part="conflict" class="conflict" role="alert" tabindex="-1">
                  <p>${t.boardConflict}</p>
                  <h3>${t.boardConflictTheirs}</h3>
                  <p class="theirs-title">${this.#conflict.title}</p>
                  <div class="theirs-text">${renderMarkdown(this.#conflict.description)}</div>
                  <button type="button" part="keep-mine-button" @click=${() => this.#keepMine(t)}>${t.boardConflictKeepMine}</button>
                  <button type="button" part="take-theirs-button" @click=${() => this.#takeTheirs()}>${t.boardConflictTakeTheirs}</button>
                </div>`}
            <label for="${id}-title">${t.boardTitle}</label>
            <input id="${id}-title" name="title" part="title-field" required maxlength="200" .value=${draft.title} ?readonly=${!canWrite}
              @input=${(event: Event) => this.#set({ title: (event.target as HTMLInputElement).value })}>
            <label for="${id}-description">${t.boardDescription}</label>
            ${canWrite
              ? html`<textarea id="${id}-description" name="description" part="description-field" rows="5" maxlength="20000"
                    aria-describedby="${id}-description-hint" .value=${draft.description}
                    @input=${(event: Event) => this.#set({ description: (event.target as HTMLTextAreaElement).value })}></textarea>
                  <p id="${id}-description-hint" class="hint">${t.boardDescriptionHint}</p>`
              : nothing}
            <div part="description" class="description" id="${canWrite ? `${id}-preview` : `${id}-description`}">${renderMarkdown(draft.description)}</div>
            <fieldset part="assignees" ?disabled=${!canWrite}>
              <legend>${t.boardAssignees}</legend>
              ${members.map(
                (member) => html`<label class="check"><input type="checkbox" .checked=${draft.assignees.includes(member.userId)}
                  @change=${(event: Event) => this.#set({ assignees: toggle(draft.assignees, member.userId, (event.target as HTMLInputElement).checked) })}>
                  ${member.name}</label>`,
              )}
            </fieldset>
            <fieldset part="labels" ?disabled=${!canWrite}>
              <legend>${t.boardLabels}</legend>
              ${labels.map(
                (label) => html`<label class="check"><input type="checkbox" .checked=${draft.labelIds.includes(label.id)}
                  @change=${(event: Event) => this.#set({ labelIds: toggle(draft.labelIds, label.id, (event.target as HTMLInputElement).checked) })}>
                  <span class="swatch" .style=${`background:${label.color}`}></span>${label.name}</label>`,
              )}
            </fieldset>
            <label for="${id}-due">${t.boardDueDate}</label>
            <input id="${id}-due" type="date" part="due-field" .value=${draft.dueDate} ?readonly=${!canWrite}
              @input=${(event: Event) => this.#set({ dueDate: (event.target as HTMLInputElement).value })}>
            <fieldset part="checklist" ?disabled=${!canWrite}>
              <legend>${t.boardChecklist}</legend>
              <ul class="checklist">
                ${draft.checklist.map(
                  (item, index) => html`<li>
                    <label class="check"><input type="checkbox" .checked=${item.done === true}
                      @change=${(event: Event) =>
                        this.#set({ checklist: draft.checklist.map((each, i) => (i === index ? { ...each, done: (event.target as HTMLInputElement).checked } : each)) })}>
                      ${item.text}</label>
                    <button type="button" class="small" aria-label=${t.boardChecklistRemove(item.text)}
                      @click=${() => this.#set({ checklist: draft.checklist.filter((_, i) => i !== index) })}>×</button>
                  </li>`,
                )}
              </ul>
              <label for="${id}-new-item" class="visually-hidden">${t.boardChecklistAdd}</label>
              <input id="${id}-new-item" .value=${this.#newItem} placeholder=${t.boardChecklistAdd}
                @input=${(event: Event) => (this.#newItem = (event.target as HTMLInputElement).value)}>
              <button type="button" @click=${() => {
                const text = this.#newItem.trim();
                if (text === '') return;
                this.#newItem = '';
                this.#set({ checklist: [...draft.checklist, { text, done: false }] });
              }}>${t.boardChecklistAdd}</button>
            </fieldset>
            ${this.#renderDocuments(t, language, canWrite, (current ?? base)?.fileIds ?? [])}
            <p part="dialog-status" role="status" class="status">${this.#status}</p>
            <div class="dialog-actions">
              ${canWrite ? html`<button type="submit" class="primary" part="save-button" ?disabled=${this.#saving}>${t.boardSave}</button>` : nothing}
              <button type="button" part="close-button" @click=${this.close}>${t.boardClose}</button>
            </div>
          </form>
          <section part="comments" aria-labelledby="${id}-comments-title">
            <h3 id="${id}-comments-title">${t.boardComments}</h3>
            <ul class="comments">
              ${this.#comments.map((comment) => html`<li part="comment"><strong>${comment.author.name}</strong> ${renderMarkdown(comment.text)}</li>`)}
            </ul>
            ${canWrite
              ? html`<form @submit=${(event: Event) => {
                  event.preventDefault();
                  void this.#addComment();
                }}>
                  <label for="${id}-comment">${t.boardCommentAdd}</label>
                  <textarea id="${id}-comment" part="comment-field" rows="2" .value=${this.#comment}
                    @input=${(event: Event) => (this.#comment = (event.target as HTMLTextAreaElement).value)}></textarea>
                  <button type="submit" part="comment-button">${t.boardCommentSend}</button>
                </form>`
              : nothing}
          </section>
          ${this.#history.render(language, id, (columnId) => this.#host.live()?.board.detail?.columns.find((c) => c.id === columnId)?.name ?? '…')}`}
    </dialog>`;
  }
}

function reason(error: unknown): string {
  if (isHttpError(error)) return error.problem.title;
  return error instanceof Error ? error.message : String(error);
}
