/**
 * Fired by `<bureau-board>` showing a space's list of boards (`space` without `board`) before it
 * opens one (`boardId`): picked in the list, or just created. Cancelable: `preventDefault()` keeps
 * the list, so that a host whose router decides the board shown sets `board` itself.
 */
export class BureauBoardOpenEvent extends Event {
  static readonly eventName = 'bureau-board-open';

  /** The board about to open. */
  readonly boardId: string;

  constructor(boardId: string) {
    super(BureauBoardOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.boardId = boardId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-board-open': BureauBoardOpenEvent;
  }
}
