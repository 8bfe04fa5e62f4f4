/**
 * Fired before a chat's `room` changes by anything but the host: by `<bureau-room-list>` before it
 * sets the `room` of the chat named by its `chat` attribute (when the person picks a room, and when
 * the list opens the first room in a chat that shows none: `initial` is then true), and by
 * `<bureau-chat>` before a search result opens its room at the message found (`messageId`).
 * Cancelable: `preventDefault()` leaves the chat as it is, so that a host whose own state (React,
 * Vue, a router) decides the room stays the source of truth (it then sets `room` and `message`).
 */
export class BureauRoomSelectEvent extends Event {
  static readonly eventName = 'bureau-room-select';

  readonly roomId: string;

  /** True when the list chose the room itself (the first one, for a chat showing none), not the person. */
  readonly initial: boolean;

  /** The message to show in the room (a search result), or undefined for the room's latest messages. */
  readonly messageId: string | undefined;

  constructor(roomId: string, initial = false, messageId?: string) {
    super(BureauRoomSelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.roomId = roomId;
    this.initial = initial;
    this.messageId = messageId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-room-select': BureauRoomSelectEvent;
  }
}
