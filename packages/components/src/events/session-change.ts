import type { Session } from '@bureau/api';

/**
 * Fired by `<bureau-client>` when its sign-in state is known or changes: after the first check,
 * after signing in and after signing out. `session` is null when nobody is signed in.
 */
export class BureauSessionChangeEvent extends Event {
  static readonly eventName = 'bureau-session-change';

  readonly session: Session | null;

  constructor(session: Session | null) {
    super(BureauSessionChangeEvent.eventName, { bubbles: true, composed: true });
    this.session = session;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-session-change': BureauSessionChangeEvent;
  }
}
