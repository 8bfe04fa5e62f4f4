import type { InboxMessages } from './inbox.fr.js';
import { plural } from './plural.js';

/** English strings of <bureau-inbox>'s bell. */
export const inboxEn: InboxMessages = {
  inboxBell: (unread: number) => (unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`),
  inboxArrived: (count: number) => plural('en', count, '# new notification', '# new notifications'),
};
