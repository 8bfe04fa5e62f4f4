import type { CSSResult } from 'lit';

/**
 * Adds a lazy chunk's styles to the shadow root that `node` is in (or is), as a constructed
 * stylesheet. A `<style>` element in a template is inline style, which a host page's strict CSP
 * (`style-src` without `'unsafe-inline'`) blocks; adopted stylesheets are not inline.
 */
export function addStyles(node: Node, styles: CSSResult): void {
  const root = node.getRootNode();
  const sheet = styles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
