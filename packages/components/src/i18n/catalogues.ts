import { fr, type CommonMessages, type Messages } from './fr.js';

/** Languages the components speak. French is the default. */
export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'fr';

/**
 * The strings of one family of elements (the chat's, the inbox's…): French in the family's chunk,
 * each other language a lazy chunk fetched the first time an element speaks it (a French page never
 * downloads them). An element registers the catalogues it shows in its `static catalogues`.
 */
export interface Catalogue<Strings extends object = object> {
  readonly fr: Strings;
  readonly en: () => Promise<Strings>;
}

/** The strings every element may show (the sign-in state, the no-access sentence). */
const common: Catalogue<CommonMessages> = { fr, en: () => import('./en.js').then((module) => module.en) };

/** The catalogues of the families on this page, the common one first. */
const registered: Catalogue[] = [common];
/** For each language but French, the strings of each catalogue that came. */
const translated = new Map<Language, Map<Catalogue, object>>();
/** Catalogues on their way, by language. */
const loading = new Map<Language, Map<Catalogue, Promise<void>>>();
/** The merged strings of each language, made again when a catalogue is registered or comes. */
const merged = new Map<Language, Messages>();

/** Adds the strings of these families to every element's `messages` (once each). */
export function registerCatalogues(...catalogues: readonly Catalogue[]): void {
  for (const catalogue of catalogues) {
    if (registered.includes(catalogue)) continue;
    registered.push(catalogue);
    merged.clear();
  }
}

/**
 * The strings of one language, of every family registered: the French ones for a family whose
 * catalogue in that language is not there (yet, or cannot be had).
 */
export function messagesFor(language: Language): Messages {
  let messages = merged.get(language);
  if (messages === undefined) {
    const strings = {};
    for (const catalogue of registered) Object.assign(strings, catalogue.fr, translated.get(language)?.get(catalogue));
    // Every family's keys are typed; an element has those of the catalogues it registered.
    messages = strings as Messages;
    merged.set(language, messages);
  }
  return messages;
}

/** Fetches one catalogue in one language; a failure (offline) leaves French and is tried again next time. */
function load(catalogue: Catalogue, language: Exclude<Language, 'fr'>): Promise<void> {
  const pending = loading.get(language) ?? new Map<Catalogue, Promise<void>>();
  loading.set(language, pending);
  let done = pending.get(catalogue);
  if (done === undefined) {
    done = catalogue[language]()
      .then(
        (strings) => {
          const byCatalogue = translated.get(language) ?? new Map<Catalogue, object>();
          translated.set(language, byCatalogue.set(catalogue, strings));
          merged.delete(language);
        },
        () => undefined,
      )
      .finally(() => pending.delete(catalogue));
    pending.set(catalogue, done);
  }
  return done;
}

/**
 * Resolves once the registered catalogues of `language` are there; undefined when they already are,
 * so that a render needs no wait. A catalogue that fails to load (offline) leaves its French strings
 * in use and is tried again the next time.
 */
export function catalogueReady(language: Language): Promise<void> | undefined {
  if (language === 'fr') return undefined;
  const missing = registered.filter((catalogue) => translated.get(language)?.has(catalogue) !== true);
  if (missing.length === 0) return undefined;
  return Promise.all(missing.map((catalogue) => load(catalogue, language))).then(() => undefined);
}

/**
 * The supported language that a BCP 47 tag asks for (`fr-FR` → `fr`, `en-GB` → `en`), or
 * undefined when it names none of them.
 */
export function matchLanguage(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return languages.find((language) => language === primary);
}
