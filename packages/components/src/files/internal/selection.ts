/**
 * Which rows of the listing are selected, which one has the focus (the one tab stop of the list:
 * roving tabindex) and where a Shift range starts — by row key, so that it survives live changes
 * of the listing.
 */
export class Selection {
  #selected = new Set<string>();
  #focus: string | undefined;
  #anchor: string | undefined;

  get focus(): string | undefined {
    return this.#focus;
  }

  get size(): number {
    return this.#selected.size;
  }

  has(key: string): boolean {
    return this.#selected.has(key);
  }

  /** The selected keys, in the order of `keys`. */
  selectedIn(keys: readonly string[]): string[] {
    return keys.filter((key) => this.#selected.has(key));
  }

  /** Drops what is no longer listed; keeps the focus on a listed row. */
  keep(keys: readonly string[]): void {
    const listed = new Set(keys);
    for (const key of this.#selected) if (!listed.has(key)) this.#selected.delete(key);
    if (this.#anchor !== undefined && !listed.has(this.#anchor)) this.#anchor = undefined;
    if (this.#focus === undefined || !listed.has(this.#focus)) this.#focus = keys[0];
  }

  /** Focus a row and select only it (a plain arrow key, a click). */
  only(key: string): void {
    this.#selected = new Set([key]);
    this.#focus = key;
    this.#anchor = key;
  }

  /** Focus a row without changing the selection (Ctrl+arrow). */
  moveFocus(key: string): void {
    this.#focus = key;
  }

  /** Adds or removes a row (Space, Ctrl+Space, Ctrl+click). */
  toggle(key: string): void {
    if (this.#selected.has(key)) this.#selected.delete(key);
    else this.#selected.add(key);
    this.#focus = key;
    this.#anchor = key;
  }

  /** Selects from the anchor to `key` (Shift+arrow, Shift+click). */
  extend(key: string, keys: readonly string[]): void {
    const from = keys.indexOf(this.#anchor ?? key);
    const to = keys.indexOf(key);
    const [start, end] = from <= to ? [from, to] : [to, from];
    this.#selected = new Set(keys.slice(Math.max(0, start), end + 1));
    this.#focus = key;
  }

  all(keys: readonly string[]): void {
    this.#selected = new Set(keys);
  }

  clear(): void {
    this.#selected.clear();
  }
}
