import type { Language } from './catalogues.js';
import { plural } from './plural.js';

/**
 * Strings of the files search dialog, in its lazy chunk (the toolbar's « Rechercher » button stays
 * in the main catalogue).
 */
const fr = {
  filesSearchTitle: 'Rechercher des documents dans l’espace',
  filesSearchName: 'Nom contient',
  filesSearchType: 'Type',
  filesSearchTypes: {
    '': 'Tous',
    'application/pdf': 'PDF',
    'application/vnd.oasis.opendocument.': 'OpenDocument (LibreOffice)',
    'application/vnd.openxmlformats-officedocument.': 'Word, Excel, PowerPoint',
    'image/': 'Images',
    'text/': 'Textes',
  } as Record<string, string>,
  filesSearchAuthor: 'Déposé par',
  filesSearchAnyone: 'Tout le monde',
  filesSearchFrom: 'Modifié à partir du',
  filesSearchTo: 'jusqu’au',
  filesSearching: 'Recherche…',
  filesSearchFailed: 'La recherche a échoué : vérifiez les critères et réessayez.',
  filesSearchCount: (count: number, more: boolean) =>
    count === 0 ? 'Aucun document trouvé.' : `${plural('fr', count, '# document trouvé', '# documents trouvés')}${more ? ' (les plus récents)' : ''}.`,
  filesSearchResults: 'Documents trouvés',
  filesSearchIn: (folder: string) => `dans ${folder}`,
};
export type FilesSearchMessages = typeof fr;

const en: FilesSearchMessages = {
  filesSearchTitle: 'Search the space’s documents',
  filesSearchName: 'Name contains',
  filesSearchType: 'Type',
  filesSearchTypes: {
    '': 'All',
    'application/pdf': 'PDF',
    'application/vnd.oasis.opendocument.': 'OpenDocument (LibreOffice)',
    'application/vnd.openxmlformats-officedocument.': 'Word, Excel, PowerPoint',
    'image/': 'Images',
    'text/': 'Text',
  } as Record<string, string>,
  filesSearchAuthor: 'Uploaded by',
  filesSearchAnyone: 'Anyone',
  filesSearchFrom: 'Changed from',
  filesSearchTo: 'to',
  filesSearching: 'Searching…',
  filesSearchFailed: 'The search failed: check the criteria and try again.',
  filesSearchCount: (count, more) =>
    count === 0 ? 'No document found.' : `${plural('en', count, '# document found', '# documents found')}${more ? ' (the most recent)' : ''}.`,
  filesSearchResults: 'Documents found',
  filesSearchIn: (folder) => `in ${folder}`,
};

/** These strings in a language. */
export const filesSearchMessages = (language: Language): FilesSearchMessages => (language === 'en' ? en : fr);
