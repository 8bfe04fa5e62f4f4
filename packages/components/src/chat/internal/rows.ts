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

/**
 * The rows of a list of messages (oldest first): a separator before each new local day, the
 * "new messages" marker before the first message of someone else after `unread.after` (the
 * reader's marker when the room was opened; null or not loaded: from the start) when
 * `unread.count` says there are some, and each message marked `continued` when it follows one of
 * the same author on the same day within a few minutes.
 */
export function buildRows(
  messages: readonly ChatMessage[],
  unread: { after: string | null; count: number },
  selfId: string | undefined,
): Row[] {
  const rows: Row[] = [];
  const readUpTo = unread.after;
  let previous: ChatMessage | undefined;
  let previousTime: { day: string; ms: number } | undefined;
  let marker = unread.count > 0;
  let afterMarker = readUpTo === null || !messages.some((message) => message.id === readUpTo);
  for (const message of messages) {
    const time = timeOf(message.createdAt);
    const day = time.day;
    const newDay = previousTime === undefined || previousTime.day !== day;
    // Keys of separators and marker go with the message they precede: when older messages are
    // loaded, a row never changes place under its key (the list keeps the reader's place by keys).
    if (newDay) rows.push({ kind: 'day', key: `day:${messageKey(message)}`, day });
    let markerHere = false;
    if (marker && afterMarker && message.author.id !== selfId) {
      rows.push({ kind: 'new', key: `new:${messageKey(message)}` });
      marker = false;
      markerHere = true;
    }
    const continued =
      !newDay &&
      !markerHere &&
      previous !== undefined &&
      previous.author.id === message.author.id &&
      previous.deletedAt === null &&
      time.ms - (previousTime as { ms: number }).ms < groupWithinMs;
    rows.push({ kind: 'message', key: messageKey(message), message, continued });
    if (message.id === readUpTo) afterMarker = true;
    previous = message;
    previousTime = time;
  }
  return rows;
}
