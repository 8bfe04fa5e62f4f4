/** Fired by `<bureau-board>` when a card's detail dialog opens (`cardId`) or closes (`null`). */
export class BureauCardOpenEvent extends Event {
  static readonly eventName = 'bureau-card-open';

  /** The card shown, or null when the dialog closed. */
  readonly cardId: string | null;

  constructor(cardId: string | null) {
    super(BureauCardOpenEvent.eventName, { bubbles: true, composed: true });
    this.cardId = cardId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-card-open': BureauCardOpenEvent;
  }
}
