/**
 * Fired by `<bureau-chat>` when the person saves a change to one of their messages, before it is
 * queued. Cancelable: `preventDefault()` keeps the message as it was.
 */
export class BureauMessageEditEvent extends Event {
  static readonly eventName = 'bureau-message-edit';

  readonly messageId: string;
  /** The new text. */
  readonly text: string;

  constructor(messageId: string, text: string) {
    super(BureauMessageEditEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.messageId = messageId;
    this.text = text;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-message-edit': BureauMessageEditEvent;
  }
}
