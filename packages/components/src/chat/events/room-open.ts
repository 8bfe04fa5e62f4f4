/**
 * Fired by `<bureau-chat>` when it opens another room (`roomId`), whatever opened it: a room list,
 * a search result, the host setting `room` (a notification of `<bureau-inbox>`, a link). A
 * `<bureau-room-list>` driving that chat follows it; a host may keep its address bar in step.
 */
export class BureauRoomOpenEvent extends Event {
  static readonly eventName = 'bureau-room-open';

  readonly roomId: string;

  constructor(roomId: string) {
    super(BureauRoomOpenEvent.eventName, { bubbles: true, composed: true, cancelable: false });
    this.roomId = roomId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-room-open': BureauRoomOpenEvent;
  }
}
