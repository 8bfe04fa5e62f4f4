import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the window needs from the element that renders it. */
export interface RowWindowOptions {
  /**
   * The scrolling element. Its first element child holds the mounted rows, one element per row
   * from `start` to `end`, in order, each kept by its key (lit's `repeat`), and is positioned (the
   * rows' `offsetParent`).
   */
  scroller: () => HTMLElement | null;
  /**
   * Told after the reader or the layout moved the list: whether the newest row is in view, and
   * whether the reader is near the oldest row loaded (time to load older ones).
   */
  viewed: (newestInView: boolean, nearOldest: boolean) => void;
  /**
   * Whether the list may follow the bottom when the reader scrolls there: not while newer
   * messages are still to load (the room opened at a message far from the latest).
   */
  canStick?: () => boolean;
}

/** Rows mounted once the window is cut to size (a page more at most; issue 15: at most 100): screens of messages, whatever the room. */
const size = 100;
/**
 * Rows mounted at the newest end while following the bottom: a few screens (more than 1.5 screens
 * of one-line rows above the view, or the window grows at once), quick to render first (each row is
 * a template, its Markdown and its layout); the window grows by pages as the reader scrolls up.
 */
const tail = 32;
/** Rows added at once when the reader nears an edge of the window. */
const page = 40;
/** How close to an edge (in heights of the scroller) the window grows on that side. */
const reach = 1.5;

/**
 * The rows of a message list that are in the DOM: a contiguous window `[start, end)` of them, at
 * the newest rows while the reader follows the bottom, which slides by a page when the reader
 * scrolls near one of its edges (rows beyond the other edge, out of reach, leave).
 *
 * It keeps the reader's place itself rather than leaving it to the browser's scroll anchoring
 * (which Safari lacks; the scroller should have `overflow-anchor: none`): while following the
 * bottom it stays there; otherwise the first row in view stays at the same height whatever
 * changes above it (rows added or removed by a slide, older messages loaded, rows measured for the
 * first time under `content-visibility: auto`). Only the reader's own scrolling (just after a
 * wheel, touch, key or pointer in the list) stops or resumes following the bottom.
 */
export class RowWindow implements ReactiveController {
  /** The first row mounted. */
  start = 0;
  /** Just past the last row mounted. */
  end = 0;
  /** True while the list follows the bottom (until the reader scrolls away from it). */
  stick = true;

  readonly #host: ReactiveControllerHost;
  readonly #options: RowWindowOptions;
  #keys: readonly string[] = [];
  /** How many rows there were, and the keys of those mounted, when the window last moved. */
  #count = 0;
  #mounted: readonly string[] = [];
  /**
   * The first row in view and where it starts in the scrolled content, kept across changes (in
   * content, not view, coordinates: a scroll not yet reported by its event is not undone).
   */
  #anchor: { row: Element; at: number; scrollTop?: number } | undefined;
  #intentAt = Number.NEGATIVE_INFINITY;
  #observed: HTMLElement | undefined;
  #frame = 0;
  #scrollFrame = 0;
  #after: ReturnType<typeof setTimeout> | undefined;
  /** True from a scroll event until the reads it asked for are made. */
  #scrolled = false;
  /** A row to bring into the middle of the view once it is mounted (see `reveal`). */
  #revealing: string | undefined;
  readonly #resizes = new ResizeObserver(() => {
    this.#settle(this.stick);
    this.#checkSoon();
  });

  constructor(host: ReactiveControllerHost, options: RowWindowOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /**
   * Takes the rows' keys (oldest first) after they changed, and moves the window onto them. The
   * array may be the previous one grown or cut in place (see `RowBuilder`): the window remembers
   * only its own rows' keys and the count.
   */
  rows(keys: readonly string[]): void {
    const count = this.#count;
    const mounted = this.#mounted;
    this.#keys = keys;
    this.#count = keys.length;
    if (this.#revealing !== undefined && this.#around(this.#revealing)) return this.#remember();
    if (this.stick || count === 0) return this.#toNewest();
    // Stay on the same rows: the first row of the window still there, at the same offset. A row is
    // looked for where it was, then as far on as the list grew (older rows loaded above), and only
    // then through the whole list.
    const shift = keys.length - count;
    const find = (key: string, at: number): number => (keys[at] === key ? at : keys[at + shift] === key ? at + shift : keys.indexOf(key));
    let start = Math.min(this.start, keys.length);
    for (let offset = 0; offset < mounted.length; offset += 1) {
      const moved = find(mounted[offset] as string, this.start + offset);
      if (moved >= 0) {
        start = Math.max(0, moved - offset);
        break;
      }
    }
    // At the newest rows, new ones join the window while there is room.
    const end = this.end === count && keys.length - start <= size + page ? keys.length : start + this.end - this.start;
    this.start = start;
    this.end = Math.min(end, keys.length);
    this.#remember();
  }

  /** Notes the keys of the rows mounted now, to find them again when the rows change. */
  #remember(): void {
    this.#mounted = this.#keys.slice(this.start, this.end);
  }

  /**
   * Shows the row `key` in the middle of the view, with the rows around it mounted, and stops
   * following the bottom (a search result, a notification); waits for the row if it is not there yet.
   */
  reveal(key: string): void {
    this.stick = false;
    this.#revealing = key;
    this.#around(key);
    this.#host.requestUpdate();
  }

  /** Mounts the window centred on the row `key`, if it is there. */
  #around(key: string): boolean {
    const at = this.#keys.indexOf(key);
    if (at < 0) return false;
    this.start = Math.max(0, Math.min(at - (size >> 1), this.#keys.length - size));
    this.end = Math.min(this.#keys.length, this.start + size);
    this.#remember();
    return true;
  }

  /** Follows the bottom again, at the newest rows (after the reader sends a message). */
  follow(): void {
    this.stick = true;
    this.#toNewest();
    this.#host.requestUpdate();
  }

  /**
   * For the scroller's `wheel`, `touchmove`, `keydown` and `pointerdown` events: a listener object
   * that lit adds as passive, so that scrolling never waits for script.
   */
  readonly onUserIntent = {
    handleEvent: (): void => {
      this.#intentAt = performance.now();
    },
    passive: true,
  };

  /**
   * For the scroller's `scroll` event. It reads no layout itself: the scroll event comes before the
   * frame's layout, and a read there forces the layout of the rows entering the view (measured
   * for the first time under `content-visibility: auto`) in the middle of the frame. The reads are
   * made once per frame, just after it is painted, when the layout is already done (see `#afterFrame`).
   */
  readonly onScroll = (): void => {
    if (this.#scrolled) return;
    this.#scrolled = true;
    this.#afterFrame(() => {
      this.#scrolled = false;
      const scroller = this.#options.scroller();
      if (scroller === null) return;
      if (performance.now() - this.#intentAt < 1000) {
        this.stick = (this.#options.canStick?.() ?? true) && this.end === this.#keys.length && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 8;
      }
      // Rows may have been measured since the last resize notification: keep the place first.
      this.#settle(false);
      this.#check();
    });
  };

  /** Runs `work` once the current frame is laid out and painted (a task after its animation frame). */
  #afterFrame(work: () => void): void {
    this.#scrollFrame = requestAnimationFrame(() => {
      this.#after = setTimeout(work);
    });
  }

  hostUpdated(): void {
    const scroller = this.#options.scroller();
    if (scroller !== this.#observed) {
      this.#resizes.disconnect();
      this.#observed = scroller ?? undefined;
      if (scroller?.firstElementChild) {
        this.#resizes.observe(scroller);
        this.#resizes.observe(scroller.firstElementChild);
      }
    }
    if (this.#revealing !== undefined && scroller !== null) this.#centre(scroller, this.#revealing);
    this.#settle(this.stick);
    this.#checkSoon();
  }

  /** Scrolls the row `key` to the middle of the view, once it is mounted. */
  #centre(scroller: HTMLElement, key: string): void {
    const row = scroller.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (row === null) return;
    this.#revealing = undefined;
    scroller.scrollTop += topIn(scroller, row) - (scroller.clientHeight - row.offsetHeight) / 2;
    this.#anchor = this.#firstInView(scroller);
  }

  hostDisconnected(): void {
    this.#resizes.disconnect();
    this.#observed = undefined;
    cancelAnimationFrame(this.#frame);
    cancelAnimationFrame(this.#scrollFrame);
    clearTimeout(this.#after);
    this.#scrolled = false;
  }

  #toNewest(): void {
    this.end = this.#keys.length;
    this.start = Math.max(0, this.end - tail);
    this.#remember();
  }

  /**
   * After a render, a resize or a scroll: to the bottom if `toBottom`, else the anchor row where it
   * was in the content; then the anchor is the first row in view.
   */
  #settle(toBottom: boolean): void {
    const scroller = this.#options.scroller();
    if (scroller === null) return;
    if (toBottom) {
      scroller.scrollTop = scroller.scrollHeight;
      // No place to keep while at the bottom: the anchor is taken when the reader leaves it (the
      // scroll that does). Not read now: the scroll just made rows visible, whose layout a read
      // would force a second time in this frame (once per incoming message while following).
      this.#anchor = undefined;
      return;
    }
    if (this.#anchor?.row.isConnected) {
      // The anchor moved in the content by `moved`: the view moves with it.
      const moved = topIn(scroller, this.#anchor.row) + scroller.scrollTop - this.#anchor.at;
      const wanted = (this.#anchor.scrollTop ?? scroller.scrollTop) + moved;
      if (Math.abs(wanted - scroller.scrollTop) >= 1) scroller.scrollTop = wanted;
      // Out of range until rows below are measured: the same anchor is kept until then.
      if (Math.abs(wanted - scroller.scrollTop) >= 1) return;
    }
    this.#anchor = this.#firstInView(scroller);
  }

  /** The first row whose bottom is below the scroller's top, by bisection. */
  #firstInView(scroller: HTMLElement): { row: Element; at: number } | undefined {
    const rows = scroller.firstElementChild?.children;
    if (rows === undefined || rows.length === 0) return undefined;
    let low = 0;
    let high = rows.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      const row = rows[middle] as HTMLElement;
      if (row.offsetTop + row.offsetHeight <= scroller.scrollTop) low = middle + 1;
      else high = middle;
    }
    const row = rows[low] as Element;
    return { row, at: topIn(scroller, row) + scroller.scrollTop };
  }

  /** A check on the next frame, not in the middle of a render or of a resize notification. */
  #checkSoon(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#check());
  }

  /**
   * Slides the window by a page when the reader nears one of its edges (rows beyond the other edge
   * and out of reach leave), and says what is in view.
   */
  #check(): void {
    const scroller = this.#options.scroller();
    const rows = scroller?.firstElementChild?.children;
    if (scroller === null || rows === undefined) return;
    const { scrollTop, clientHeight, scrollHeight } = scroller;
    const margin = clientHeight * reach;
    const count = this.#keys.length;
    const nearTop = scrollTop < margin;
    const row = (at: number) => rows[at] as HTMLElement;
    if (nearTop && this.start > 0) {
      let needed = 0;
      while (needed < rows.length && row(needed).offsetTop < scrollTop + clientHeight + margin) needed += 1;
      const start = Math.max(0, this.start - page);
      this.#move(scroller, start, Math.max(this.start + needed, Math.min(this.end, start + size)));
    } else if (scrollHeight - scrollTop - clientHeight < margin && this.end < count) {
      let gone = 0;
      while (gone < rows.length && row(gone).offsetTop + row(gone).offsetHeight < scrollTop - margin) gone += 1;
      const end = Math.min(count, this.end + page);
      this.#move(scroller, Math.min(this.start + gone, Math.max(this.start, end - size)), end);
    }
    const last = rows[rows.length - 1];
    const newestInView = this.end === count && (last === undefined || topIn(scroller, last) < clientHeight);
    this.#options.viewed(newestInView, nearTop && this.start === 0);
  }

  /** Mounts rows `[start, end)`, keeping the reader's place; a row that leaves takes no focus with it. */
  #move(scroller: HTMLElement, start: number, end: number): void {
    // The place to keep is the reader's now, which a scroll event may not have reported yet; the
    // view goes from where it is now, even if the browser clamps it while rows above are gone.
    this.#settle(false);
    if (this.#anchor !== undefined) this.#anchor.scrollTop = scroller.scrollTop;
    const rows = scroller.firstElementChild?.children;
    const active = (scroller.getRootNode() as Document | ShadowRoot).activeElement;
    for (let at = this.start; active !== null && at < this.end; at += 1) {
      if ((at < start || at >= end) && rows?.[at - this.start]?.contains(active)) scroller.focus({ preventScroll: true });
    }
    this.start = start;
    this.end = end;
    this.#remember();
    this.#host.requestUpdate();
  }
}

/** The distance from the top of `scroller`'s viewport to the top of `row`. */
const topIn = (scroller: Element, row: Element): number => row.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
