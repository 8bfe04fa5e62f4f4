// The chat's two elements as one chunk of the drop-in: a page that shows one shows the other.
export { BureauChatElement } from './chat.component.js';
export { BureauRoomListElement } from './room-list.component.js';
