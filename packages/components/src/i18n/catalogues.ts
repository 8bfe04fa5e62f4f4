import { fr, type Messages } from './fr.js';

/** Languages the components speak. French is the default. */
export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'fr';

/**
 * French is in the drop-in itself; the other catalogues are lazy chunks, fetched the first time an
 * element speaks their language (a French page never downloads them).
 */
const loaders: Record<Exclude<Language, 'fr'>, () => Promise<Messages>> = {
  en: () => import('./en.js').then((module) => module.en),
};

const loaded = new Map<Language, Messages>([['fr', fr]]);
const loading = new Map<Language, Promise<void>>();

/** The strings of one language, or the French ones while (or when) its catalogue cannot be had. */
export function messagesFor(language: Language): Messages {
  return loaded.get(language) ?? fr;
}

/**
 * Resolves once the catalogue of `language` is there; undefined when it already is, so that a
 * render needs no wait. A catalogue that fails to load (offline) leaves the French strings in use
 * and is tried again the next time.
 */
export function catalogueReady(language: Language): Promise<void> | undefined {
  if (loaded.has(language)) return undefined;
  let pending = loading.get(language);
  if (pending === undefined) {
    pending = loaders[language as Exclude<Language, 'fr'>]().then(
      (messages) => {
        loaded.set(language, messages);
      },
      () => undefined,
    ).finally(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}

/**
 * The supported language that a BCP 47 tag asks for (`fr-FR` → `fr`, `en-GB` → `en`), or
 * undefined when it names none of them.
 */
export function matchLanguage(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return languages.find((language) => language === primary);
}
