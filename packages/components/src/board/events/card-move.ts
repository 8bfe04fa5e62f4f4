/**
 * Fired by `<bureau-board>` when the person drops a card (pointer, keyboard or the "Move to…"
 * dialog), before the move is sent. Cancel it (`event.preventDefault()`) to keep the card where it was.
 */
export class BureauCardMoveEvent extends Event {
  static readonly eventName = 'bureau-card-move';

  /** The card moved. */
  readonly cardId: string;
  /** The column it leaves. */
  readonly fromColumnId: string;
  /** The column it goes to (may be the same). */
  readonly toColumnId: string;
  /** The card it goes just below, or null at the top. */
  readonly afterId: string | null;
  /** The card it goes just above, or null at the end. */
  readonly beforeId: string | null;

  constructor(cardId: string, fromColumnId: string, toColumnId: string, afterId: string | null, beforeId: string | null) {
    super(BureauCardMoveEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.cardId = cardId;
    this.fromColumnId = fromColumnId;
    this.toColumnId = toColumnId;
    this.afterId = afterId;
    this.beforeId = beforeId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-card-move': BureauCardMoveEvent;
  }
}
