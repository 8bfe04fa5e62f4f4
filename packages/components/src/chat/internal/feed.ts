import type { ReactiveController, ReactiveControllerHost } from 'lit';

const focusable = 'button, a[href], input, textarea, select, [tabindex]';

/**
 * The message list as one tab stop (the WAI-ARIA feed pattern): Tab reaches the list, ArrowDown and
 * ArrowUp (Page Down/Up, Home, End) move between messages, Tab from a message goes through its own
 * actions and then out of the list, to the composer — whatever the number of messages. The actions
 * of every other message are taken out of the tab order after each render.
 */
export class MessageFeed implements ReactiveController {
  readonly #log: () => HTMLElement | null;
  /** The `data-key` of the message that has (or last had) the focus. */
  #active: string | undefined;
  #listening: HTMLElement | undefined;

  constructor(host: ReactiveControllerHost, log: () => HTMLElement | null) {
    this.#log = log;
    host.addController(this);
  }

  hostUpdated(): void {
    const log = this.#log();
    if (log === null) return;
    if (this.#listening !== log) {
      this.#listening = log;
      log.addEventListener('keydown', this.#onKey);
      log.addEventListener('focusin', this.#onFocus);
    }
    for (const message of log.querySelectorAll<HTMLElement>('article[data-key]')) {
      const active = message.dataset.key === this.#active;
      message.tabIndex = -1;
      for (const control of message.querySelectorAll<HTMLElement>(focusable)) {
        if (control.dataset.feedTab === undefined) control.dataset.feedTab = control.getAttribute('tabindex') ?? '';
        if (active) {
          if (control.dataset.feedTab === '') control.removeAttribute('tabindex');
          else control.setAttribute('tabindex', control.dataset.feedTab);
        } else control.tabIndex = -1;
      }
    }
  }

  readonly #onFocus = (event: FocusEvent): void => {
    const message = (event.target as HTMLElement).closest<HTMLElement>('article[data-key]');
    if (message === null || message.dataset.key === this.#active) return;
    this.#active = message.dataset.key;
    this.hostUpdated();
  };

  readonly #onKey = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement;
    // Keys typed in a field (an edit in place) are the field's.
    if (target.matches('input, textarea, select')) return;
    const messages = [...(this.#log()?.querySelectorAll<HTMLElement>('article[data-key]') ?? [])];
    if (messages.length === 0) return;
    const current = target.closest<HTMLElement>('article[data-key]');
    const at = current === null ? -1 : messages.indexOf(current);
    const page = 5;
    const to =
      event.key === 'ArrowDown' ? (at < 0 ? messages.length - 1 : at + 1)
      : event.key === 'ArrowUp' ? (at < 0 ? messages.length - 1 : at - 1)
      : event.key === 'PageDown' && at >= 0 ? Math.min(at + page, messages.length - 1)
      : event.key === 'PageUp' && at >= 0 ? Math.max(at - page, 0)
      : event.key === 'Home' && at >= 0 ? 0
      : event.key === 'End' && at >= 0 ? messages.length - 1
      : undefined;
    if (to === undefined) return;
    event.preventDefault();
    const next = messages[Math.max(0, Math.min(to, messages.length - 1))];
    next?.focus();
    next?.scrollIntoView({ block: 'nearest' });
  };
}
