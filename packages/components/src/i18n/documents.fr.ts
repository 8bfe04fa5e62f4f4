import type { Catalogue } from './catalogues.js';

/**
 * French strings of the documents of a space as the chat, the board and the files show and pick them (the file picker): in the family's chunk, so that a page loads the strings of the tags it
 * shows only. The reference for the other languages (documents.en.ts, a lazy chunk).
 */
export const documentsFr = {
  chatCancel: 'Annuler',
  documentUnavailable: 'Document plus disponible',
  documentRemove: (name: string) => `Retirer ${name}`,
  pickerRecent: 'Documents récents',
  pickerTitle: 'Choisir un document',
  filesLoading: 'Chargement des documents…',
  filesEmpty: 'Ce dossier est vide.',
  filesLoadFailed: 'Les documents n’ont pas pu être chargés.',
  filesRoot: 'Racine',
  filesListLabel: (folder: string) => `Contenu de ${folder}`,
  filesFolder: 'Dossier',
};
/** The shape of these strings in every language. */
export type DocumentsMessages = typeof documentsFr;

/** These strings, French here and the other languages fetched when an element speaks them. */
export const documentsCatalogue: Catalogue<DocumentsMessages> = { fr: documentsFr, en: () => import('./documents.en.js').then((module) => module.documentsEn) };
