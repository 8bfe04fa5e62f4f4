import { BureauChatElement } from './chat.component.js';
import { BureauRoomListElement } from './room-list.component.js';
import { define } from '../internal/define.js';

export { BureauChatElement } from './chat.component.js';
export { BureauRoomListElement } from './room-list.component.js';
export { BureauMessageSendEvent } from './events/message-send.js';
export { BureauMessageEditEvent } from './events/message-edit.js';
export { BureauMessageDeleteEvent } from './events/message-delete.js';
export { BureauReactionToggleEvent } from './events/reaction-toggle.js';
export { BureauRoomSelectEvent } from './events/room-select.js';
export { BureauThreadOpenEvent } from './events/thread-open.js';
export { BureauRoomOpenEvent } from './events/room-open.js';

define('bureau-chat', BureauChatElement);
define('bureau-room-list', BureauRoomListElement);

declare global {
  interface HTMLElementTagNameMap {
    'bureau-chat': BureauChatElement;
    'bureau-room-list': BureauRoomListElement;
  }
}
