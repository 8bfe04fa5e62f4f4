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
