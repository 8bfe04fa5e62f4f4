/** Read markers written at most this often per room while the reader follows new messages. */
const everyMs = 3_000;

/**
 * Coalesces a room's read-marker writes: the first is written at once, later ones at most once per
 * few seconds, the latest message winning (a burst of incoming messages writes one marker, not one
 * each). `flush()` writes what waits at once (the room is closed: the reader did read it).
 */
export class ReadMarks {
  #lastAt = Number.NEGATIVE_INFINITY;
  #waiting: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Asks for `write` (the marker at the latest message read); it replaces any write still waiting. */
  mark(write: () => void): void {
    this.#waiting = write;
    if (this.#timer !== undefined) return;
    const wait = this.#lastAt + everyMs - performance.now();
    if (wait <= 0) this.flush();
    else this.#timer = setTimeout(() => this.flush(), wait);
  }

  /** Writes the waiting marker now, if any. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const write = this.#waiting;
    this.#waiting = undefined;
    if (write === undefined) return;
    this.#lastAt = performance.now();
    write();
  }
}
