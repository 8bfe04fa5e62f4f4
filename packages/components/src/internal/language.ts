import { defaultLanguage, matchLanguage, type Language } from '../i18n/catalogues.js';

/**
 * The language an element speaks: its own `lang` attribute, else the closest ancestor's (crossing
 * shadow roots), else the document's; French when none of them names a supported language.
 */
export function resolveLanguage(element: Element): Language {
  let node: Node | null = element;
  while (node !== null) {
    if (node instanceof Element) {
      const tag = node.getAttribute('lang');
      if (tag !== null && tag !== '') return matchLanguage(tag) ?? defaultLanguage;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return defaultLanguage;
}

/** Something to tell when a `lang` attribute changes somewhere in the document. */
export interface LanguageListener {
  languageChanged(): void;
}

const listeners = new Set<LanguageListener>();
let observer: MutationObserver | undefined;

/**
 * Calls `listener.languageChanged()` whenever a `lang` attribute changes in the document's light
 * DOM, through one observer shared by every Bureau element, until `unwatchLanguage`.
 */
export function watchLanguage(listener: LanguageListener): void {
  listeners.add(listener);
  if (observer !== undefined) return;
  observer = new MutationObserver(() => {
    for (const each of listeners) each.languageChanged();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

export function unwatchLanguage(listener: LanguageListener): void {
  listeners.delete(listener);
  if (listeners.size > 0 || observer === undefined) return;
  observer.disconnect();
  observer = undefined;
}
