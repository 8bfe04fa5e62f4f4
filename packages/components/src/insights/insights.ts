import { BureauInsightsElement } from './insights.component.js';
import { define } from '../internal/define.js';

export { BureauInsightsElement } from './insights.component.js';

define('bureau-insights', BureauInsightsElement);

declare global {
  interface HTMLElementTagNameMap {
    'bureau-insights': BureauInsightsElement;
  }
}
