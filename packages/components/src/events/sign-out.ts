/**
 * Fired by `<bureau-client>` when the person asks to sign out, before anything happens. Cancel it
 * (`event.preventDefault()`) to keep the session, for instance to ask for confirmation first.
 */
export class BureauSignOutEvent extends Event {
  static readonly eventName = 'bureau-sign-out';

  constructor() {
    super(BureauSignOutEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-sign-out': BureauSignOutEvent;
  }
}
