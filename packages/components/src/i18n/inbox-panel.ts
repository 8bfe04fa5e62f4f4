import type { Language } from './catalogues.js';

/**
 * Strings of the inbox's panel, in its lazy chunk (fetched when the person first opens the bell or
 * comes near it): the bell's label and the arrival announcement stay in the family's catalogue.
 */
const fr = {
  inboxTitle: 'Notifications',
  inboxLoading: 'Chargement des notifications…',
  inboxEmpty: 'Rien de nouveau : vous serez prévenu·e ici des mentions, réponses et cartes qui vous concernent.',
  inboxFailed: 'Les notifications n’ont pas pu être chargées.',
  inboxMarkAll: 'Tout marquer comme lu',
  inboxMarkFailed: 'La notification n’a pas pu être marquée comme lue.',
  inboxUnread: 'Non lue',
  inboxMention: (who: string, place: string) => `${who} vous a mentionné·e dans ${place}`,
  inboxReply: (who: string, place: string) => `${who} a répondu dans un fil de ${place}`,
  inboxAssigned: (who: string, place: string) => `${who} vous a assigné une carte de ${place}`,
  inboxDue: (place: string) => `Carte à rendre demain, ${place}`,
  inboxVersion: (who: string, document: string) => `${who} a déposé une nouvelle version de ${document}`,
  inboxSomeone: 'Quelqu’un',
  inboxPreferences: 'Préférences',
  inboxPreferencesLoading: 'Chargement des préférences…',
};
export type InboxPanelMessages = typeof fr;

const en: InboxPanelMessages = {
  inboxTitle: 'Notifications',
  inboxLoading: 'Loading notifications…',
  inboxEmpty: 'Nothing new: mentions, replies and cards that concern you will show here.',
  inboxFailed: 'Notifications could not be loaded.',
  inboxMarkAll: 'Mark all as read',
  inboxMarkFailed: 'The notification could not be marked as read.',
  inboxUnread: 'Unread',
  inboxMention: (who: string, place: string) => `${who} mentioned you in ${place}`,
  inboxReply: (who: string, place: string) => `${who} replied in a thread of ${place}`,
  inboxAssigned: (who: string, place: string) => `${who} assigned you a card of ${place}`,
  inboxDue: (place: string) => `Card due tomorrow, ${place}`,
  inboxVersion: (who: string, document: string) => `${who} uploaded a new version of ${document}`,
  inboxSomeone: 'Someone',
  inboxPreferences: 'Preferences',
  inboxPreferencesLoading: 'Loading preferences…',
};

/** These strings in a language. */
export const inboxPanelMessages = (language: Language): InboxPanelMessages => (language === 'en' ? en : fr);
