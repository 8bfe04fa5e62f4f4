import { BureauBoardElement } from './board.component.js';
import { define } from '../internal/define.js';

export { BureauBoardElement } from './board.component.js';
export { BureauCardMoveEvent } from './events/card-move.js';
export { BureauCardOpenEvent } from './events/card-open.js';
export { BureauCardEditEvent } from './events/card-edit.js';

define('bureau-board', BureauBoardElement);

declare global {
  interface HTMLElementTagNameMap {
    'bureau-board': BureauBoardElement;
  }
}
