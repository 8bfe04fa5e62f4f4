import type { Language } from './catalogues.js';

const rules = new Map<Language, Intl.PluralRules>();

/**
 * A count with its noun in the grammatical number `language` gives it, by `Intl.PluralRules`:
 * `one` or `other`, where `#` stands for the count. French counts 0 and 1 as singular, English only 1.
 *
 * @example
 * plural('fr', 0, '# réponse', '# réponses'); // → '0 réponse'
 * plural('en', 0, '# reply', '# replies');   // → '0 replies'
 */
export function plural(language: Language, count: number, one: string, other: string): string {
  let rule = rules.get(language);
  if (rule === undefined) {
    rule = new Intl.PluralRules(language);
    rules.set(language, rule);
  }
  return (rule.select(count) === 'one' ? one : other).replaceAll('#', String(count));
}
