import type { Catalogue } from './catalogues.js';
import { plural } from './plural.js';

/**
 * French strings of <bureau-inbox>'s bell: in the family's chunk, so that a page loads the strings of
 * the tags it shows only. The panel's are in its lazy chunk (inbox-panel.ts). The reference for the
 * other languages (inbox.en.ts, a lazy chunk).
 */
export const inboxFr = {
  inboxBell: (unread: number) => (unread === 0 ? 'Notifications, aucune non lue' : `Notifications, ${plural('fr', unread, '# non lue', '# non lues')}`),
  inboxArrived: (count: number) => plural('fr', count, '# nouvelle notification', '# nouvelles notifications'),
};
/** The shape of these strings in every language. */
export type InboxMessages = typeof inboxFr;

/** These strings, French here and the other languages fetched when an element speaks them. */
export const inboxCatalogue: Catalogue<InboxMessages> = { fr: inboxFr, en: () => import('./inbox.en.js').then((module) => module.inboxEn) };
