import type { Entry } from './entries.js';
import type { Selection } from './selection.js';

/**
 * The row an arrow, Home or End key moves the focus to in a listing of `columns` columns (1 for
 * the list view), or `undefined` for any other key or at an edge.
 */
export function navigationKey(event: KeyboardEvent, keys: readonly string[], focus: string, columns: number): string | undefined {
  const index = keys.indexOf(focus);
  const last = keys.length - 1;
  const step: Record<string, number> = columns === 1
    ? { ArrowDown: 1, ArrowUp: -1 }
    : { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns };
  let next: number | undefined;
  if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = last;
  else if (event.key in step) next = index + (step[event.key] ?? 0);
  if (next === undefined || next < 0 || next > last || next === index) return undefined;
  return keys[next];
}

/** What the keys of the listing do, besides moving and selecting. */
export interface ListKeyActions {
  open(entry: Entry): void;
  rename(entry: Entry): void;
  /** The selection, or the focused row when nothing is selected. */
  delete(entries: readonly Entry[]): void;
  /** Renders, then focuses the row of `key` when given. */
  changed(focusKey?: string): void;
}

/**
 * The keyboard of the listing: arrows, Home and End move (and select; Shift extends, Ctrl only
 * moves), Space toggles (Shift+Space extends), Ctrl+A selects all, Escape clears, Enter opens, F2
 * renames, Delete deletes.
 */
export function handleListKey(event: KeyboardEvent, entries: readonly Entry[], selection: Selection, columns: number, actions: ListKeyActions): void {
  const keys = entries.map((entry) => entry.key);
  const focus = selection.focus;
  const entry = entries.find((candidate) => candidate.key === focus);
  if (entry === undefined) return;
  const control = event.ctrlKey || event.metaKey;
  const moveTo = navigationKey(event, keys, entry.key, columns);
  if (moveTo !== undefined) {
    event.preventDefault();
    if (event.shiftKey) selection.extend(moveTo, keys);
    else if (control) selection.moveFocus(moveTo);
    else selection.only(moveTo);
    actions.changed(moveTo);
    return;
  }
  switch (event.key) {
    case ' ':
      if (event.shiftKey) selection.extend(entry.key, keys);
      else selection.toggle(entry.key);
      break;
    case 'Enter':
      actions.open(entry);
      break;
    case 'F2':
      actions.rename(entry);
      break;
    case 'Delete': {
      const chosen = entries.filter((candidate) => selection.has(candidate.key));
      actions.delete(chosen.length > 0 ? chosen : [entry]);
      break;
    }
    case 'Escape':
      selection.clear();
      break;
    case 'a':
    case 'A':
      if (!control) return;
      selection.all(keys);
      break;
    default:
      return;
  }
  event.preventDefault();
  actions.changed();
}
