import type { Catalogue } from './catalogues.js';
import { plural } from './plural.js';

/**
 * French strings of <bureau-inbox>: in the family's chunk, so that a page loads the strings of the tags it
 * shows only. The reference for the other languages (inbox.en.ts, a lazy chunk).
 */
export const inboxFr = {
  inboxBell: (unread: number) => (unread === 0 ? 'Notifications, aucune non lue' : `Notifications, ${plural('fr', unread, '# non lue', '# non lues')}`),
  inboxTitle: 'Notifications',
  inboxLoading: 'Chargement des notifications…',
  inboxEmpty: 'Rien de nouveau : vous serez prévenu·e ici des mentions, réponses et cartes qui vous concernent.',
  inboxFailed: 'Les notifications n’ont pas pu être chargées.',
  inboxMarkAll: 'Tout marquer comme lu',
  inboxMarkFailed: 'La notification n’a pas pu être marquée comme lue.',
  inboxClose: 'Fermer',
  inboxUnread: 'Non lue',
  inboxArrived: (count: number) => plural('fr', count, '# nouvelle notification', '# nouvelles notifications'),
  inboxMention: (who: string, place: string) => `${who} vous a mentionné·e dans ${place}`,
  inboxReply: (who: string, place: string) => `${who} a répondu dans un fil de ${place}`,
  inboxAssigned: (who: string, place: string) => `${who} vous a assigné une carte de ${place}`,
  inboxDue: (place: string) => `Carte à rendre demain, ${place}`,
  inboxVersion: (who: string, document: string) => `${who} a déposé une nouvelle version de ${document}`,
  inboxSomeone: 'Quelqu’un',
  inboxPreferences: 'Préférences',
  inboxPreferencesLoading: 'Chargement des préférences…',
};
/** The shape of these strings in every language. */
export type InboxMessages = typeof inboxFr;

/** These strings, French here and the other languages fetched when an element speaks them. */
export const inboxCatalogue: Catalogue<InboxMessages> = { fr: inboxFr, en: () => import('./inbox.en.js').then((module) => module.inboxEn) };
