import type { InboxMessages } from './inbox.fr.js';
import { plural } from './plural.js';

/** English strings of <bureau-inbox>. */
export const inboxEn: InboxMessages = {
  inboxBell: (unread: number) => (unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`),
  inboxTitle: 'Notifications',
  inboxLoading: 'Loading notifications…',
  inboxEmpty: 'Nothing new: mentions, replies and cards that concern you will show here.',
  inboxFailed: 'Notifications could not be loaded.',
  inboxMarkAll: 'Mark all as read',
  inboxMarkFailed: 'The notification could not be marked as read.',
  inboxClose: 'Close',
  inboxUnread: 'Unread',
  inboxArrived: (count: number) => plural('en', count, '# new notification', '# new notifications'),
  inboxMention: (who: string, place: string) => `${who} mentioned you in ${place}`,
  inboxReply: (who: string, place: string) => `${who} replied in a thread of ${place}`,
  inboxAssigned: (who: string, place: string) => `${who} assigned you a card of ${place}`,
  inboxDue: (place: string) => `Card due tomorrow, ${place}`,
  inboxVersion: (who: string, document: string) => `${who} uploaded a new version of ${document}`,
  inboxSomeone: 'Someone',
  inboxPreferences: 'Preferences',
  inboxPreferencesLoading: 'Loading preferences…',
};
