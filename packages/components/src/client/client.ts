import { BureauClientElement } from './client.component.js';
import { define } from '../internal/define.js';

export { BureauClientElement } from './client.component.js';

define('bureau-client', BureauClientElement);

declare global {
  interface HTMLElementTagNameMap {
    'bureau-client': BureauClientElement;
  }
}
