/**
 * Whether a message list follows new messages, and keeping it at the bottom while it does. Only
 * the reader's own scrolling (just after a wheel, touch, key or pointer in the list) decides; the
 * virtualizer's scrolling and ours do not.
 */
export class BottomFollower {
  /** True until the reader scrolls away from the bottom. */
  stick = true;
  #userIntentAt = Number.NEGATIVE_INFINITY;

  /** For the list's `wheel`, `touchmove`, `keydown` and `pointerdown` events. */
  readonly onUserIntent = (): void => {
    this.#userIntentAt = performance.now();
  };

  /** For the list's `scroll` event. */
  readonly onScroll = (event: Event): void => {
    if (performance.now() - this.#userIntentAt > 1000) return;
    const log = event.currentTarget as HTMLElement;
    this.stick = log.scrollHeight - log.scrollTop - log.clientHeight < 8;
  };

  /** Scrolls `log` to the bottom while following (rows are measured, and grow, as they render). */
  follow(log: HTMLElement | null): void {
    if (!this.stick || log === null) return;
    if (log.scrollHeight - log.scrollTop - log.clientHeight > 1) log.scrollTop = log.scrollHeight;
  }
}
