import { html, nothing, type TemplateResult } from 'lit';
import type { BoardDetail, Card, Member } from '@bureau/api';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import { formatDate } from '../../i18n/format.js';

/** What a card of a column is drawn with, and what its controls do. */
export interface CardView {
  t: Messages;
  /** The board element's id: the keyboard hint is `${id}-hint`. */
  id: string;
  language: Language;
  labels: BoardDetail['board']['labels'];
  members: readonly Member[];
  canWrite: boolean;
  /** The card can be picked up by pointer (the person writes, or the role is not known yet). */
  draggable: boolean;
  /** The id of the card lifted with the keyboard, if any. */
  lifted: string | undefined;
  onKey(event: KeyboardEvent, card: Card): void;
  pointerDown(event: PointerEvent, cardId: string): void;
  /** Swallows the click that ends a drag (capture). */
  click: (event: Event) => void;
  open(card: Card): void;
  moveTo(card: Card): void;
}

/**
 * A card of a column: its title (opens the card), labels, due date, checklist, comments and
 * assignees, and « Déplacer vers… » for those who may move it. Focusable, described by the
 * keyboard hint, lifted by Space or Enter.
 */
export function renderCard(view: CardView, card: Card): TemplateResult {
  const { t } = view;
  const lifted = view.lifted === card.id;
  const labels = view.labels.filter((label) => card.labelIds.includes(label.id));
  const done = card.checklist.filter((item) => item.done).length;
  const names = card.assignees.map((id) => view.members.find((m) => m.userId === id)?.name ?? id);
  return html`<li part=${lifted ? 'card card-lifted' : 'card'} class="card ${lifted ? 'lifted' : ''}" data-card=${card.id}
    tabindex="0" aria-label=${t.boardCardLabel(card.title)} aria-describedby=${view.canWrite ? `${view.id}-hint` : nothing}
    @keydown=${(event: KeyboardEvent) => view.onKey(event, card)}
    @pointerdown=${view.draggable ? (event: PointerEvent) => view.pointerDown(event, card.id) : nothing}
    @click=${{ handleEvent: view.click, capture: true }}>
    <button type="button" part="card-title" class="card-title" data-open @click=${() => view.open(card)}>${card.title}</button>
    <div part="card-meta" class="card-meta">
      ${labels.map((label) => html`<span part="label" class="label" .style=${`--_label:${label.color}`}>${label.name}</span>`)}
      ${card.dueDate === null ? nothing : html`<span class="due">${t.boardDue(formatDate(card.dueDate, view.language, { dateStyle: 'medium', timeZone: 'UTC' }))}</span>`}
      ${card.checklist.length === 0 ? nothing : html`<span>${t.boardChecklistCount(done, card.checklist.length)}</span>`}
      ${card.commentCount === 0 ? nothing : html`<span>${t.boardCommentCount(card.commentCount)}</span>`}
      ${names.length === 0 ? nothing : html`<span class="assignees">${names.join(', ')}</span>`}
    </div>
    ${view.canWrite
      ? html`<button type="button" part="move-button" class="move-button" data-no-drag aria-label=${t.boardMoveToLabel(card.title)}
          @click=${() => view.moveTo(card)}>${t.boardMoveTo}</button>`
      : nothing}
  </li>`;
}
