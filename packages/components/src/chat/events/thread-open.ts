/**
 * Fired by `<bureau-chat>` when the thread panel opens on a message (`messageId`), or closes
 * (`null`).
 */
export class BureauThreadOpenEvent extends Event {
  static readonly eventName = 'bureau-thread-open';

  readonly messageId: string | null;

  constructor(messageId: string | null) {
    super(BureauThreadOpenEvent.eventName, { bubbles: true, composed: true, cancelable: false });
    this.messageId = messageId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-thread-open': BureauThreadOpenEvent;
  }
}
