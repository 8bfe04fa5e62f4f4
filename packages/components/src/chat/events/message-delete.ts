/**
 * Fired by `<bureau-chat>` when the person confirms the deletion of a message, before it is
 * queued. Cancelable: `preventDefault()` keeps the message.
 */
export class BureauMessageDeleteEvent extends Event {
  static readonly eventName = 'bureau-message-delete';

  readonly messageId: string;

  constructor(messageId: string) {
    super(BureauMessageDeleteEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.messageId = messageId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-message-delete': BureauMessageDeleteEvent;
  }
}
