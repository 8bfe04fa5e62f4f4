/**
 * Fired by `<bureau-chat>` when the person adds or removes a reaction. Cancelable.
 */
export class BureauReactionToggleEvent extends Event {
  static readonly eventName = 'bureau-reaction-toggle';

  readonly messageId: string;
  readonly emoji: string;

  constructor(messageId: string, emoji: string) {
    super(BureauReactionToggleEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.messageId = messageId;
    this.emoji = emoji;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-reaction-toggle': BureauReactionToggleEvent;
  }
}
