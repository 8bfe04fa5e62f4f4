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
  const date = new Date(timestamp);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
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
  let marker = unread.count > 0;
  let afterMarker = readUpTo === null || !messages.some((message) => message.id === readUpTo);
  for (const message of messages) {
    const day = localDay(message.createdAt);
    const newDay = previous === undefined || localDay(previous.createdAt) !== day;
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
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < groupWithinMs;
    rows.push({ kind: 'message', key: messageKey(message), message, continued });
    if (message.id === readUpTo) afterMarker = true;
    previous = message;
  }
  return rows;
}
