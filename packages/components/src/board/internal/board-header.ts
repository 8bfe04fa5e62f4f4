import { html, nothing, type TemplateResult } from 'lit';
import type { BoardDetail, Member } from '@bureau/api';
import type { Messages } from '../../i18n/fr.js';
import type { Filters } from './lanes.js';

/** What the board's header shows and does. */
export interface BoardHeaderView {
  t: Messages;
  id: string;
  detail: BoardDetail;
  members: readonly Member[];
  filters: Filters;
  setFilter(change: Partial<Filters>): void;
  /** « Tous les tableaux », when the board was opened from the space's list. */
  back: (() => void) | undefined;
  /** The « Membres » button, once the board is open. */
  membersButton: TemplateResult | typeof nothing;
  openArchives(): void;
}

/**
 * The board's name, « Membres », « Archives » and the filters (text, assignee, label, due date).
 * A `<div>`, not a `<header>`: several boards on a page must not make several banner landmarks.
 */
export function boardHeader(view: BoardHeaderView): TemplateResult {
  const { t, id, detail, filters } = view;
  const value = (event: Event): string => (event.target as HTMLInputElement | HTMLSelectElement).value;
  return html`<div part="header" class="header">
    ${view.back === undefined ? nothing : html`<button type="button" part="all-boards-button" @click=${view.back}>${t.boardAllBoards}</button>`}
    <h2>${detail.board.name}</h2>
    ${view.membersButton}
    <button type="button" part="archives-button" class="archives-button" @click=${() => view.openArchives()}>${t.boardArchives}</button>
    <fieldset part="filters" class="filters">
      <legend class="visually-hidden">${t.boardFilters}</legend>
      <label for="${id}-f-text">${t.boardFilterText}</label>
      <input id="${id}-f-text" type="search" part="filter-text" .value=${filters.text} @input=${(e: Event) => view.setFilter({ text: value(e) })} />
      <label for="${id}-f-assignee">${t.boardFilterAssignee}</label>
      <select id="${id}-f-assignee" @change=${(e: Event) => view.setFilter({ assignee: value(e) })}>
        <option value="">${t.boardFilterAnyone}</option>
        ${view.members.map((m) => html`<option value=${m.userId} ?selected=${filters.assignee === m.userId}>${m.name}</option>`)}
      </select>
      <label for="${id}-f-label">${t.boardFilterLabel}</label>
      <select id="${id}-f-label" @change=${(e: Event) => view.setFilter({ label: value(e) })}>
        <option value="">${t.boardFilterAll}</option>
        ${detail.board.labels.map((l) => html`<option value=${l.id} ?selected=${filters.label === l.id}>${l.name}</option>`)}
      </select>
      <label for="${id}-f-due">${t.boardFilterDue}</label>
      <select id="${id}-f-due" @change=${(e: Event) => view.setFilter({ due: value(e) as Filters['due'] })}>
        <option value="">${t.boardFilterAll}</option>
        <option value="overdue">${t.boardDueOverdue}</option>
        <option value="week">${t.boardDueWeek}</option>
        <option value="none">${t.boardDueNone}</option>
      </select>
    </fieldset>
  </div>`;
}
