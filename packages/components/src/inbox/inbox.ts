import { BureauInboxElement } from './inbox.component.js';
import { define } from '../internal/define.js';

export { BureauInboxElement } from './inbox.component.js';
export { BureauNavigateEvent } from './events/navigate.js';

define('bureau-inbox', BureauInboxElement);

declare global {
  interface HTMLElementTagNameMap {
    'bureau-inbox': BureauInboxElement;
  }
}
