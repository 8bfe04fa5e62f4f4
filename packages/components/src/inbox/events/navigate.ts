import type { Notification } from '@bureau/api';

/**
 * Fired by `<bureau-inbox>` when the person chooses a notification, before going to it. Cancel it
 * (`preventDefault()`) to take them there yourself, e.g. with the router of a single-page intranet;
 * otherwise the browser follows `url` (from the element's URL templates), when there is one.
 */
export class BureauNavigateEvent extends Event {
  static readonly eventName = 'bureau-navigate';

  /** The notification chosen; `notification.target` names the message or the card. */
  readonly notification: Notification;
  /** The address the URL templates give for it, or null when no template covers its kind. */
  readonly url: string | null;

  constructor(notification: Notification, url: string | null) {
    super(BureauNavigateEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.notification = notification;
    this.url = url;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-navigate': BureauNavigateEvent;
  }
}
