import { version } from './version.js';

const loadedMarker = Symbol.for('bureau.components.loaded');
type Marked = typeof globalThis & { [loadedMarker]?: string };

const firstCopyVersion = (globalThis as Marked)[loadedMarker];
/** True when another copy of the components already ran on this page: its definitions are kept. */
const isSecondCopy = firstCopyVersion !== undefined;

if (isSecondCopy) {
  console.warn(
    `Bureau: a second copy of the components (${version}) was loaded on a page that already has one ` +
      `(${firstCopyVersion}). The first copy's elements are kept; load bureau.js once per page.`,
  );
} else {
  (globalThis as Marked)[loadedMarker] = version;
}

/**
 * Defines a custom element without ever throwing because the tag is taken: the same class again is a
 * no-op; another class keeps the first definition and warns, naming the tag. A second copy of the
 * bundle has already warned once, so it stays quiet here.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing === ctor || isSecondCopy) return;
  console.warn(`Bureau: <${tag}> is already defined by another script; that definition is kept.`);
}
