import type { UpdateCard } from '@bureau/api';

/**
 * Fired by `<bureau-board>` when the person saves a card's fields, before they are sent. Cancel it
 * (`event.preventDefault()`) to keep the change from being saved; the dialog keeps the text.
 */
export class BureauCardEditEvent extends Event {
  static readonly eventName = 'bureau-card-edit';

  /** The card edited. */
  readonly cardId: string;
  /** The fields the person changed, as they will be sent. */
  readonly change: UpdateCard;

  constructor(cardId: string, change: UpdateCard) {
    super(BureauCardEditEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.cardId = cardId;
    this.change = change;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-card-edit': BureauCardEditEvent;
  }
}
