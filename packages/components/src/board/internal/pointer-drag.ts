import type { Spot } from './lanes.js';

/** What the pointer drag needs from the board. */
export interface DragHost {
  /** The shadow root to hit-test in (made when the element connects, so asked for each time). */
  root(): ShadowRoot;
  /** The element the drop indicator is positioned in. */
  indicator(): HTMLElement | null;
  /** A card was dropped at `spot` (index among the column's shown cards, the dragged one left out). */
  drop(cardId: string, spot: Spot): void;
}

/** Pixels a pointer must travel before a press becomes a drag (a shorter press is a click). */
const THRESHOLD = 5;

/**
 * Pointer drag and drop of cards, with pointer events and one drop indicator moved with a
 * transform: no drag image, no library. Hit-testing reads the column under the pointer and a
 * binary search over its cards' boxes, once per animation frame.
 */
export class PointerDrag {
  readonly #host: DragHost;
  #press: { cardId: string; element: HTMLElement; x: number; y: number; pointerId: number } | undefined;
  #dragging = false;
  #spot: Spot | undefined;
  #frame = 0;
  #last: { x: number; y: number } = { x: 0, y: 0 };
  /** Set after a drag so that the click ending it does not open the card. */
  #swallowClick = false;

  constructor(host: DragHost) {
    this.#host = host;
  }

  /** Whether a drag is under way. */
  get dragging(): boolean {
    return this.#dragging;
  }

  /** Starts following a press on a card. */
  readonly down = (event: PointerEvent, cardId: string): void => {
    if (event.button !== 0 || !event.isPrimary) return;
    if ((event.target as Element).closest('[data-no-drag]') !== null) return;
    const element = event.currentTarget as HTMLElement;
    this.#press = { cardId, element, x: event.clientX, y: event.clientY, pointerId: event.pointerId };
    // Followed on the window, not on the card: the card's element may be rendered anew under the
    // pointer (the editing tools arriving just after the first paint), and the drag goes on.
    addEventListener('pointermove', this.#move);
    addEventListener('pointerup', this.#up);
    addEventListener('pointercancel', this.#cancel);
  };

  /** Swallows the click that ends a drag (capture listener on cards). */
  readonly click = (event: Event): void => {
    if (!this.#swallowClick) return;
    this.#swallowClick = false;
    event.preventDefault();
    event.stopPropagation();
  };

  readonly #move = (event: PointerEvent): void => {
    const press = this.#press;
    if (press === undefined || event.pointerId !== press.pointerId) return;
    if (!this.#dragging) {
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < THRESHOLD) return;
      this.#dragging = true;
      if (press.element.isConnected) press.element.setPointerCapture(press.pointerId);
      press.element.classList.add('dragging');
    }
    this.#last = { x: event.clientX, y: event.clientY };
    if (this.#frame === 0) this.#frame = requestAnimationFrame(this.#track);
  };

  readonly #track = (): void => {
    this.#frame = 0;
    const press = this.#press;
    if (press === undefined) return;
    const list = this.#host
      .root()
      .elementsFromPoint(this.#last.x, this.#last.y)
      .find((element): element is HTMLElement => element instanceof HTMLElement && element.dataset.columnList !== undefined);
    const indicator = this.#host.indicator();
    if (list === undefined || indicator === null) {
      this.#spot = undefined;
      indicator?.toggleAttribute('hidden', true);
      return;
    }
    const cards = [...list.children].filter(
      (child): child is HTMLElement => child instanceof HTMLElement && child.dataset.card !== undefined && child.dataset.card !== press.cardId,
    );
    // Cards of a column are laid out top to bottom: the first one whose middle is below the pointer.
    let low = 0;
    let high = cards.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const box = (cards[middle] as HTMLElement).getBoundingClientRect();
      if (box.top + box.height / 2 < this.#last.y) low = middle + 1;
      else high = middle;
    }
    this.#spot = { columnId: list.dataset.columnList as string, index: low };
    const listBox = list.getBoundingClientRect();
    const base = indicator.offsetParent?.getBoundingClientRect() ?? new DOMRect();
    const edge = cards[low]?.getBoundingClientRect().top ?? (cards.at(-1)?.getBoundingClientRect().bottom ?? listBox.top + 4);
    indicator.style.inlineSize = `${listBox.width}px`;
    indicator.style.transform = `translate(${listBox.left - base.left}px, ${edge - base.top - 2}px)`;
    indicator.toggleAttribute('hidden', false);
  };

  readonly #up = (event: PointerEvent): void => {
    const press = this.#press;
    if (press !== undefined && event.pointerId !== press.pointerId) return;
    const dropped = this.#dragging;
    if (dropped) {
      // The drop is where the pointer is released, even when no frame came since it last moved (a
      // busy main thread, as on the first paint): the spot is found now rather than forgotten.
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.#last = { x: event.clientX, y: event.clientY };
      this.#track();
    }
    const spot = this.#spot;
    this.#end();
    if (!dropped || press === undefined) return;
    this.#swallowClick = true;
    if (spot !== undefined) this.#host.drop(press.cardId, spot);
  };

  readonly #cancel = (event: PointerEvent): void => {
    if (event.pointerId === this.#press?.pointerId) this.#end();
  };

  #end(): void {
    const press = this.#press;
    if (press !== undefined) {
      removeEventListener('pointermove', this.#move);
      removeEventListener('pointerup', this.#up);
      removeEventListener('pointercancel', this.#cancel);
      press.element.classList.remove('dragging');
      if (press.element.hasPointerCapture(press.pointerId)) press.element.releasePointerCapture(press.pointerId);
    }
    this.#host.indicator()?.toggleAttribute('hidden', true);
    this.#press = undefined;
    this.#dragging = false;
  }
}
