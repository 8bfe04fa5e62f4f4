/**
 * Fired by `<bureau-chat>` when the person sends a message, before it is queued. Cancel it
 * (`event.preventDefault()`) to keep it from being sent; the composer then keeps the text.
 */
export class BureauMessageSendEvent extends Event {
  static readonly eventName = 'bureau-message-send';

  /** The room the message goes to. */
  readonly roomId: string;
  /** The thread's root message for a reply, else null. */
  readonly threadId: string | null;
  /** The text as typed. */
  readonly text: string;
  /** The documents of the space attached to it (file ids), in order. */
  readonly fileIds: readonly string[];

  constructor(roomId: string, threadId: string | null, text: string, fileIds: readonly string[] = []) {
    super(BureauMessageSendEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.roomId = roomId;
    this.threadId = threadId;
    this.text = text;
    this.fileIds = fileIds;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-message-send': BureauMessageSendEvent;
  }
}
