/**
 * Fired by `<bureau-room-list>` when the person picks a room. Cancelable: `preventDefault()`
 * keeps the chat named by the list's `chat` attribute on its room (to navigate instead, say).
 */
export class BureauRoomSelectEvent extends Event {
  static readonly eventName = 'bureau-room-select';

  readonly roomId: string;

  constructor(roomId: string) {
    super(BureauRoomSelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.roomId = roomId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-room-select': BureauRoomSelectEvent;
  }
}
