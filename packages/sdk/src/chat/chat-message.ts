import type { Message } from '@bureau/api';
import type { OutboxItemError } from '../outbox/item.js';

/**
 * Where a message shown in a timeline stands: `pending` while a write of the person (the message
 * itself, or an edit, deletion or reaction of it) waits in the outbox; `failed` when the server
 * refused it for good (see `error`; `retry(localId)` or `discard(localId)`); `sent` otherwise.
 */
export type MessageStatus = 'pending' | 'sent' | 'failed';

/**
 * A message as a timeline shows it: the server's {@link Message} with the person's own writes
 * still on their way applied on top (optimistic local echo).
 *
 * A message sent from this browser and not yet accepted has `id` equal to its `localId` (the
 * outbox item's id, also its `Idempotency-Key`), `status` `pending` or `failed`; once accepted it
 * takes the server's `id` and keeps its `localId` for the life of the timeline, so that a UI can
 * key its rows by `localId ?? id` without a row being replaced. Edits, deletions and reactions show
at once too, with `status` `pending` (then `failed`, with `error` and `writeId`) until accepted.
 */
export interface ChatMessage extends Message {
  /** For a message sent from this browser: the outbox id of its sending (stable, see above). */
  localId?: string;
  status: MessageStatus;
  /**
   * The outbox item of the write that makes the status `pending` or `failed` (the sending itself,
   * or an edit, deletion or reaction): what `retry` and `discard` take.
   */
  writeId?: string;
  /** Why the write `writeId` was refused, when `status` is `failed`. */
  error?: OutboxItemError;
}
