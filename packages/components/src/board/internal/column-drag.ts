/** What the column drag needs from the board. */
export interface ColumnDragHost {
  root(): ShadowRoot;
  /** The element the drop indicator is positioned in. */
  indicator(): HTMLElement | null;
  /** A column was dropped at `index` among the other columns (0: first). */
  drop(columnId: string, index: number): void;
}

/** Pixels a pointer must travel before a press becomes a drag. */
const THRESHOLD = 5;

/**
 * Pointer drag of a column by its handle, left or right among the others, with the board's drop
 * indicator drawn upright between columns. The single-pointer and keyboard path is the column
 * dialog's « Déplacer à gauche / à droite » (WCAG 2.2 SC 2.5.7); both are announced.
 */
export class ColumnDrag {
  readonly #host: ColumnDragHost;
  #press: { columnId: string; element: HTMLElement; x: number; y: number; pointerId: number } | undefined;
  #dragging = false;
  #index: number | undefined;

  constructor(host: ColumnDragHost) {
    this.#host = host;
  }

  /** Starts following a press on a column's handle. */
  readonly down = (event: PointerEvent, columnId: string): void => {
    if (event.button !== 0 || !event.isPrimary) return;
    event.preventDefault();
    const element = event.currentTarget as HTMLElement;
    this.#press = { columnId, element, x: event.clientX, y: event.clientY, pointerId: event.pointerId };
    // The handle is small: it keeps the pointer from the start, or the moves would go elsewhere.
    element.setPointerCapture(event.pointerId);
    element.addEventListener('pointermove', this.#move);
    element.addEventListener('pointerup', this.#up);
    element.addEventListener('pointercancel', this.#end);
  };

  readonly #move = (event: PointerEvent): void => {
    const press = this.#press;
    if (press === undefined) return;
    if (!this.#dragging) {
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < THRESHOLD) return;
      this.#dragging = true;
    }
    const others = [...this.#host.root().querySelectorAll<HTMLElement>('section[data-column]')].filter((column) => column.dataset.column !== press.columnId);
    // Columns are laid out left to right: the first one whose middle is right of the pointer.
    const index = others.findIndex((column) => {
      const box = column.getBoundingClientRect();
      return box.left + box.width / 2 > event.clientX;
    });
    this.#index = index < 0 ? others.length : index;
    const indicator = this.#host.indicator();
    const edge = others[this.#index]?.getBoundingClientRect().left ?? others.at(-1)?.getBoundingClientRect().right;
    if (indicator === null || edge === undefined) return;
    const base = indicator.offsetParent?.getBoundingClientRect() ?? new DOMRect();
    const box = press.element.closest('section')?.getBoundingClientRect() ?? new DOMRect();
    indicator.style.inlineSize = '4px';
    indicator.style.blockSize = `${box.height}px`;
    indicator.style.transform = `translate(${edge - base.left - 4}px, ${box.top - base.top}px)`;
    indicator.toggleAttribute('hidden', false);
  };

  readonly #up = (): void => {
    const press = this.#press;
    const index = this.#index;
    const dropped = this.#dragging;
    this.#end();
    if (dropped && press !== undefined && index !== undefined) this.#host.drop(press.columnId, index);
  };

  readonly #end = (): void => {
    const press = this.#press;
    if (press !== undefined) {
      press.element.removeEventListener('pointermove', this.#move);
      press.element.removeEventListener('pointerup', this.#up);
      press.element.removeEventListener('pointercancel', this.#end);
      if (press.element.hasPointerCapture(press.pointerId)) press.element.releasePointerCapture(press.pointerId);
    }
    const indicator = this.#host.indicator();
    indicator?.toggleAttribute('hidden', true);
    indicator?.style.removeProperty('block-size');
    this.#press = undefined;
    this.#dragging = false;
    this.#index = undefined;
  };
}
