import type { BoardDetail } from '@bureau/api';

/**
 * Dispatched by a {@link LiveBoard} whenever what it shows changes: loaded (from the cache or the
 * network), a card or column changed on the stream, or one of the person's moves or edits was
 * applied locally, accepted or undone. `detail` is the board as it should be shown.
 * @example
 * ```ts
 * board.addEventListener('change', (event) => render(event.detail));
 * ```
 */
export class BoardChangeEvent extends Event {
  readonly detail: BoardDetail;
  constructor(detail: BoardDetail) {
    super('change');
    this.detail = detail;
  }
}

/**
 * Dispatched by a {@link LiveBoard} when loading or refreshing it failed. It keeps what it shows.
 * @example
 * ```ts
 * board.addEventListener('error', (event) => showError(event.error));
 * ```
 */
export class BoardErrorEvent extends Event {
  readonly error: unknown;
  constructor(error: unknown) {
    super('error');
    this.error = error;
  }
}

/** The events a {@link LiveBoard} dispatches. */
export interface LiveBoardEventMap {
  change: BoardChangeEvent;
  error: BoardErrorEvent;
}
