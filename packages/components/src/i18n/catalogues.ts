import { en } from './en.js';
import { fr, type Messages } from './fr.js';

/** Languages the components speak. French is the default. */
export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'fr';

const catalogues: Record<Language, Messages> = { fr, en };

/** The strings of one language. */
export function messagesFor(language: Language): Messages {
  return catalogues[language];
}

/**
 * The supported language that a BCP 47 tag asks for (`fr-FR` → `fr`, `en-GB` → `en`), or
 * undefined when it names none of them.
 */
export function matchLanguage(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return languages.find((language) => language === primary);
}
