import type { Language } from './catalogues.js';
import { plural } from './plural.js';

/**
 * Strings of the chat's search results, in the lazy chunk of the results (the search field's own
 * strings stay in the main catalogue: the field is drawn with the chat).
 */
const fr = {
  chatSearchResults: 'Résultats de la recherche',
  chatSearching: 'Recherche…',
  chatSearchCount: (count: number, more: boolean) =>
    count === 0 ? 'Aucun message trouvé.' : `${plural('fr', count, '# message trouvé', '# messages trouvés')}${more ? ' (les plus récents)' : ''}. Flèches pour parcourir, Entrée pour ouvrir.`,
  chatSearchFailed: 'La recherche a échoué : réessayez.',
  chatSearchIn: (room: string) => `dans ${room}`,
};
export type ChatSearchMessages = typeof fr;

const en: ChatSearchMessages = {
  chatSearchResults: 'Search results',
  chatSearching: 'Searching…',
  chatSearchCount: (count, more) =>
    count === 0 ? 'No message found.' : `${plural('en', count, '# message found', '# messages found')}${more ? ' (the most recent)' : ''}. Arrows to browse, Enter to open.`,
  chatSearchFailed: 'The search failed: try again.',
  chatSearchIn: (room) => `in ${room}`,
};

/** These strings in a language. */
export const chatSearchMessages = (language: Language): ChatSearchMessages => (language === 'en' ? en : fr);
