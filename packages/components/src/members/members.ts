import { BureauMembersElement } from './members.component.js';
import { define } from '../internal/define.js';

export { BureauMembersElement } from './members.component.js';

define('bureau-members', BureauMembersElement);

declare global {
  interface HTMLElementTagNameMap {
    'bureau-members': BureauMembersElement;
  }
}
