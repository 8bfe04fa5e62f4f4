/**
 * Fired by `<bureau-room-list>` before it sets the `room` of the chat named by its `chat`
 * attribute: when the person picks a room, and when the list opens the first room in a chat that
 * shows none (`initial` is then true). Cancelable: `preventDefault()` leaves the chat as it is, so
 * that a host whose own state (React, Vue, a router) decides the room stays the source of truth.
 */
export class BureauRoomSelectEvent extends Event {
  static readonly eventName = 'bureau-room-select';

  readonly roomId: string;

  /** True when the list chose the room itself (the first one, for a chat showing none), not the person. */
  readonly initial: boolean;

  constructor(roomId: string, initial = false) {
    super(BureauRoomSelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.roomId = roomId;
    this.initial = initial;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-room-select': BureauRoomSelectEvent;
  }
}
