import type { ChatMessage } from '@bureau/sdk';

/** One row of the message list: a day separator, the "new messages" marker, or a message. */
export type Row =
  | { kind: 'day'; key: string; day: string }
  | { kind: 'new'; key: string }
  | { kind: 'message'; key: string; message: ChatMessage; continued: boolean };

/** Messages of one author closer than this are shown as one group (no repeated name). */
const groupWithinMs = 5 * 60_000;

/** The local calendar day of a timestamp, `YYYY-MM-DD`. */
export function localDay(timestamp: string): string {
  return timeOf(timestamp).day;
}

/** Timestamps already read: each message's day and time are computed once, not on every change. */
const times = new Map<string, { day: string; ms: number }>();
/** Enough for the messages of several rooms; beyond, the memo starts afresh. */
const timesKept = 50_000;

function timeOf(timestamp: string): { day: string; ms: number } {
  let known = times.get(timestamp);
  if (known === undefined) {
    const date = new Date(timestamp);
    const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    known = { day, ms: date.getTime() };
    if (times.size >= timesKept) times.clear();
    times.set(timestamp, known);
  }
  return known;
}

/** The key a row of a message keeps from its local echo to its server copy. */
export const messageKey = (message: ChatMessage): string => message.localId ?? message.id;

/** Where the unread messages start: the reader's marker when the room was opened, and how many. */
export interface Unread {
  after: string | null;
  count: number;
}

/**
 * The rows of a list of messages (oldest first): a separator before each new local day, the
 * "new messages" marker before the first message of someone else after `unread.after` (the
 * reader's marker when the room was opened; null or not loaded: from the start) when
 * `unread.count` says there are some, and each message marked `continued` when it follows one of
 * the same author on the same day within a few minutes.
 */
export function buildRows(messages: readonly ChatMessage[], unread: Unread, selfId: string | undefined): Row[] {
  return new RowBuilder().build(messages, unread, selfId).rows;
}

/**
 * Builds the rows of a message list again and again as it changes, at the cost of what changed:
 * the rows of the messages before the first one that changed (same objects, same order) are kept
 * as they were, objects included, and only the rest are built. A message arriving at the end of a
 * room of 10,000 builds one or two rows, not 10,000.
 */
export class RowBuilder {
  #messages: readonly ChatMessage[] = [];
  #unread: Unread | undefined;
  #selfId: string | undefined;
  #rows: Row[] = [];
  #keys: string[] = [];
  /** Index in the rows of each message's first row (its day separator or marker, else itself). */
  #firstRow: number[] = [];
  /** Index of the unread marker's row, -1 when none. */
  #markerRow = -1;
  /** Index of the message the reader had read up to, -1 when not loaded. */
  #readIndex = -1;

  /**
   * The rows and their keys. When only messages after the first ones changed (a message arrives, one
   * is edited), the same arrays are cut at the first changed row and grown in place: a message in a
   * room of 10,000 costs its rows, not a copy of 10,000. From the first message on (older messages
   * loaded above, the marker moved), new arrays. `changedFrom`, when the caller knows it (the
   * timeline's change events say it), is the index of the first message that may differ from the
   * previous call's: the messages before it are not even compared.
   */
  build(messages: readonly ChatMessage[], unread: Unread, selfId: string | undefined, changedFrom?: number): { rows: Row[]; keys: string[] } {
    const previous = this.#messages;
    let from = 0;
    if (unread.after === this.#unread?.after && unread.count === this.#unread.count && selfId === this.#selfId) {
      const shared = Math.min(previous.length, messages.length);
      // Told where the messages start to differ (the timeline's `from`): no scan of the ones before.
      if (changedFrom !== undefined) from = Math.min(changedFrom, shared);
      else while (from < shared && previous[from] === messages[from]) from += 1;
      if (from === previous.length && from === messages.length) return { rows: this.#rows, keys: this.#keys };
    }
    const readUpTo = unread.after;
    let readIndex = from > 0 && this.#readIndex >= 0 && this.#readIndex < from ? this.#readIndex : -1;
    if (readIndex === -1 && readUpTo !== null) {
      for (let at = from; at < messages.length; at += 1) {
        if ((messages[at] as ChatMessage).id === readUpTo) {
          readIndex = at;
          break;
        }
      }
    }
    // Whether the read message is loaded decides where the marker may go from the first message.
    if ((readIndex === -1) !== (this.#readIndex === -1)) from = 0;
    const rowsFrom = from === 0 ? 0 : from < this.#firstRow.length ? (this.#firstRow[from] as number) : this.#rows.length;
    const rows = from === 0 ? [] : this.#rows;
    const keys = from === 0 ? [] : this.#keys;
    const firstRow = from === 0 ? [] : this.#firstRow;
    rows.length = rowsFrom;
    keys.length = rowsFrom;
    firstRow.length = from;
    let markerRow = this.#markerRow >= 0 && this.#markerRow < rowsFrom ? this.#markerRow : -1;
    let marker = unread.count > 0 && markerRow === -1;
    const afterFromStart = readUpTo === null || readIndex === -1;
    let previousMessage = from > 0 ? messages[from - 1] : undefined;
    let previousTime = previousMessage === undefined ? undefined : timeOf(previousMessage.createdAt);
    const push = (row: Row): void => {
      rows.push(row);
      keys.push(row.key);
    };
    for (let at = from; at < messages.length; at += 1) {
      const message = messages[at] as ChatMessage;
      firstRow.push(rows.length);
      const time = timeOf(message.createdAt);
      const day = time.day;
      const newDay = previousTime === undefined || previousTime.day !== day;
      const key = messageKey(message);
      // Keys of separators and marker go with the message they precede: when older messages are
      // loaded, a row never changes place under its key (the list keeps the reader's place by keys).
      if (newDay) push({ kind: 'day', key: `day:${key}`, day });
      let markerHere = false;
      if (marker && (afterFromStart || readIndex < at) && message.author.id !== selfId) {
        markerRow = rows.length;
        push({ kind: 'new', key: `new:${key}` });
        marker = false;
        markerHere = true;
      }
      const continued =
        !newDay &&
        !markerHere &&
        previousMessage !== undefined &&
        previousMessage.author.id === message.author.id &&
        previousMessage.deletedAt === null &&
        time.ms - (previousTime as { ms: number }).ms < groupWithinMs;
      push({ kind: 'message', key, message, continued });
      previousMessage = message;
      previousTime = time;
    }
    this.#messages = messages;
    this.#unread = unread;
    this.#selfId = selfId;
    this.#rows = rows;
    this.#keys = keys;
    this.#firstRow = firstRow;
    this.#markerRow = markerRow;
    this.#readIndex = readIndex;
    return { rows, keys };
  }
}
