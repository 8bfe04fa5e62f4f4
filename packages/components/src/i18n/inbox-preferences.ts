import type { Language } from './catalogues.js';

/**
 * Strings of the inbox's preferences, in their lazy chunk (the button that opens them and its
 * loading text stay in the main catalogue).
 */
const fr = {
  inboxPreferencesKinds: 'Me prévenir pour',
  inboxKindMention: 'les mentions',
  inboxKindReply: 'les réponses dans les fils où j’ai écrit',
  inboxKindAssigned: 'les cartes qui me sont assignées',
  inboxKindDue: 'mes cartes à rendre le lendemain',
  inboxKindVersion: 'les nouvelles versions des documents que j’ai déposés',
  inboxDigest: 'Recevoir par courriel un résumé de ce que je n’ai pas lu',
  inboxMailLanguage: 'Langue des courriels',
  inboxMailLanguageAuto: 'Celle de mon compte ou de mon navigateur',
  inboxPreferencesLoadFailed: 'Les préférences n’ont pas pu être chargées.',
  inboxPreferencesSaved: 'Préférences enregistrées.',
  inboxPreferencesFailed: 'Les préférences n’ont pas pu être enregistrées : le choix précédent est rétabli.',
};
export type InboxPreferencesMessages = typeof fr;

const en: InboxPreferencesMessages = {
  inboxPreferencesKinds: 'Tell me about',
  inboxKindMention: 'mentions',
  inboxKindReply: 'replies in threads I wrote in',
  inboxKindAssigned: 'cards assigned to me',
  inboxKindDue: 'my cards due the next day',
  inboxKindVersion: 'new versions of documents I uploaded',
  inboxDigest: 'Receive an e-mail digest of what I have not read',
  inboxMailLanguage: 'Language of the e-mails',
  inboxMailLanguageAuto: 'That of my account or my browser',
  inboxPreferencesLoadFailed: 'The preferences could not be loaded.',
  inboxPreferencesSaved: 'Preferences saved.',
  inboxPreferencesFailed: 'The preferences could not be saved: the previous choice is back.',
};

/** These strings in a language. */
export const inboxPreferencesMessages = (language: Language): InboxPreferencesMessages => (language === 'en' ? en : fr);
