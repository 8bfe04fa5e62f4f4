import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Card } from '@bureau/api';
import type { Lane } from './lanes.js';

/** Cards mounted per column at first, and added each time the reader reaches a column's end. */
const step = 40;

/**
 * The cards of each column that are in the DOM: the first few dozen, more when the reader scrolls
 * to the column's end (a sentinel at its end comes into view) or presses its "more" button. A card
 * being moved or holding the focus is always mounted, however far down it is. Cards are a prefix
 * of the column, so positions among mounted cards are positions in the column.
 */
export class CardWindow implements ReactiveController {
  readonly #host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };
  readonly #shown = new Map<string, number>();
  readonly #sentinels = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const column = (entry.target as HTMLElement).dataset.more;
      if (entry.isIntersecting && column !== undefined) this.more(column);
    }
  });

  constructor(host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment }) {
    this.#host = host;
    host.addController(this);
  }

  /** The cards of `lane` to mount; `keep` (a moved or focused card) is among them. */
  cardsOf(lane: Lane, keep: readonly (string | undefined)[]): Card[] {
    let count = this.#shown.get(lane.column.id) ?? step;
    if (lane.cards.length <= count) return lane.cards;
    for (const id of keep) {
      if (id === undefined) continue;
      const at = lane.cards.findIndex((card) => card.id === id);
      if (at >= count) count = at + 1;
    }
    return lane.cards.slice(0, count);
  }

  /** After the mounted cards of `lane`: the item that mounts more (seen or pressed), if some are left. */
  renderMore(lane: Lane, mounted: number, label: (left: number) => string): TemplateResult | typeof nothing {
    const left = lane.cards.length - mounted;
    if (left <= 0) return nothing;
    return html`<li class="more-cards" data-more=${lane.column.id}>
      <button type="button" part="more-cards-button" @click=${() => this.more(lane.column.id)}>${label(left)}</button>
    </li>`;
  }

  /** Mounts another few dozen cards of a column. */
  more(columnId: string): void {
    this.#shown.set(columnId, (this.#shown.get(columnId) ?? step) + step);
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    this.#sentinels.disconnect();
    for (const sentinel of this.#host.renderRoot.querySelectorAll('li[data-more]')) this.#sentinels.observe(sentinel);
  }

  hostDisconnected(): void {
    this.#sentinels.disconnect();
  }
}
