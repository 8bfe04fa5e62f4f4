import { html, nothing, type TemplateResult } from 'lit';
import type { Card } from '@bureau/api';
import type { Messages } from '../../i18n/fr.js';
import { othersIn, type Lane, type Spot } from './lanes.js';

/** What the « Déplacer vers… » dialog shows and does. */
export interface MoveDialogView {
  t: Messages;
  id: string;
  /** The card being moved; the dialog is empty without one. */
  card: Card | undefined;
  /** Where it would go: a column and an index among that column's other cards. */
  target: Spot;
  lanes: readonly Lane[];
  retarget(spot: Spot): void;
  confirm(): void;
  closed(): void;
  dialog(): HTMLDialogElement | null;
}

/**
 * The « Déplacer vers… » dialog of a card (a native `<dialog>`): a column and a position, the
 * single-pointer alternative to dragging (WCAG 2.2 SC 2.5.7).
 */
export function moveDialog(view: MoveDialogView): TemplateResult {
  const { t, id, card, target, lanes } = view;
  const count = card === undefined ? 0 : othersIn(lanes, target.columnId, card.id).length + 1;
  return html`<dialog part="move-dialog" aria-labelledby="${id}-move-title" @close=${() => view.closed()}>
    ${card === undefined
      ? nothing
      : html`<form method="dialog" @submit=${(event: Event) => {
          event.preventDefault();
          view.confirm();
        }}>
          <h2 id="${id}-move-title">${t.boardMoveTitle(card.title)}</h2>
          <label for="${id}-move-column">${t.boardMoveColumn}</label>
          <select id="${id}-move-column" name="column" @change=${(event: Event) => {
            const columnId = (event.target as HTMLSelectElement).value;
            view.retarget({ columnId, index: othersIn(lanes, columnId, card.id).length });
          }}>
            ${lanes.map((lane) => html`<option value=${lane.column.id} ?selected=${lane.column.id === target.columnId}>${lane.column.name}</option>`)}
          </select>
          <label for="${id}-move-position">${t.boardMovePosition}</label>
          <select id="${id}-move-position" name="position" @change=${(event: Event) => {
            view.retarget({ ...target, index: Number((event.target as HTMLSelectElement).value) });
          }}>
            ${Array.from({ length: count }, (_, index) => html`<option value=${index} ?selected=${index === target.index}>${t.boardPositionOption(index + 1, count)}</option>`)}
          </select>
          <div class="dialog-actions">
            <button type="submit" class="primary">${t.boardMove}</button>
            <button type="button" @click=${() => view.dialog()?.close()}>${t.boardCancel}</button>
          </div>
        </form>`}
  </dialog>`;
}
