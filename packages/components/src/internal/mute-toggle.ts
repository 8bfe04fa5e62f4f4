import { html, nothing, type TemplateResult } from 'lit';
import { isHttpError, notificationsDomain, registerDomains, type BureauClient } from '@bureau/sdk';
import type { Language } from '../i18n/catalogues.js';

// The chat and the board do not carry the notifications' SDK code: this chunk brings it.
registerDomains(notificationsDomain);

const strings = {
  fr: {
    label: 'Sourdine',
    room: {
      hint: 'Ne plus être prévenu·e des mentions et des réponses de ce salon',
      on: 'Salon en sourdine : ses mentions et ses réponses ne vous seront plus notifiées.',
      off: 'Sourdine levée : vous serez de nouveau prévenu·e pour ce salon.',
    },
    board: {
      hint: 'Ne plus être prévenu·e des cartes de ce tableau',
      on: 'Tableau en sourdine : ses cartes ne vous seront plus notifiées.',
      off: 'Sourdine levée : vous serez de nouveau prévenu·e pour ce tableau.',
    },
    failed: 'La sourdine n’a pas pu être enregistrée : réessayez.',
  },
  en: {
    label: 'Mute',
    room: {
      hint: 'Stop being notified of mentions and replies in this room',
      on: 'Room muted: you will not be notified of its mentions and replies.',
      off: 'Room unmuted: you will be notified of it again.',
    },
    board: {
      hint: 'Stop being notified of the cards of this board',
      on: 'Board muted: you will not be notified of its cards.',
      off: 'Board unmuted: you will be notified of it again.',
    },
    failed: 'Muting could not be saved: try again.',
  },
};

/** What the toggle needs from the chat or the board that shows it. */
export interface MuteToggleHost {
  /** Prefix of the ids in the host's shadow root. */
  readonly id: string;
  requestUpdate(): void;
  language(): Language;
}

/**
 * « Sourdine » in a room's or a board's header (a lazy chunk): a toggle button (`aria-pressed`) that
 * mutes the place for the person, so that nothing from it reaches their inbox or their e-mail
 * digest, not even a mention. Its state comes from the person's preferences and follows them live
 * (`notification.preferences`: muted in another tab, or another element of the page); each change
 * is said in a polite live region, a refused one in an alert, the button back as it was.
 */
export class MuteToggle {
  readonly #host: MuteToggleHost;
  readonly #client: BureauClient;
  readonly #placeId: string;
  readonly #kind: 'room' | 'board';
  readonly #signal: AbortSignal;
  /** Undefined until the preferences are known: no button before. */
  #muted: boolean | undefined;
  #saving = false;
  #said = '';
  #failed = false;

  constructor(host: MuteToggleHost, client: BureauClient, placeId: string, kind: 'room' | 'board', signal: AbortSignal) {
    this.#host = host;
    this.#client = client;
    this.#placeId = placeId;
    this.#kind = kind;
    this.#signal = signal;
    client.notifications
      .watchPreferences(
        (preferences) => {
          if (this.#saving) return;
          this.#muted = preferences.muted.includes(placeId);
          host.requestUpdate();
        },
        { signal },
      )
      // Muting is a nicety: the room or the board stands without it (no button then).
      .catch((error: unknown) => {
        if (!signal.aborted && !isHttpError(error)) reportError(error);
      });
  }

  async #toggle(): Promise<void> {
    if (this.#saving) return;
    const on = !this.#muted;
    const s = strings[this.#host.language()];
    this.#saving = true;
    this.#muted = on;
    this.#said = '';
    this.#failed = false;
    this.#host.requestUpdate();
    try {
      const saved = await this.#client.notifications.mute(this.#placeId, on, { signal: this.#signal });
      this.#muted = saved.muted.includes(this.#placeId);
      this.#said = on ? s[this.#kind].on : s[this.#kind].off;
    } catch (error) {
      if (this.#signal.aborted) return;
      this.#muted = !on;
      this.#said = s.failed;
      this.#failed = true;
      if (!isHttpError(error)) reportError(error);
    } finally {
      this.#saving = false;
    }
    this.#host.requestUpdate();
  }

  /** The button (once the state is known) and its live region. */
  render(): TemplateResult {
    const s = strings[this.#host.language()];
    const hint = `${this.#host.id}-mute-hint`;
    return html`${this.#muted === undefined
        ? nothing
        : html`<button
            type="button"
            part="mute-button"
            aria-pressed=${this.#muted ? 'true' : 'false'}
            aria-describedby=${hint}
            @click=${() => void this.#toggle()}
          >
            ${s.label}
          </button>`}<span id=${hint} hidden>${s[this.#kind].hint}</span
      ><span part="mute-status" class="visually-hidden" role="status">${this.#failed ? '' : this.#said}</span
      >${this.#failed ? html`<span part="mute-failure" role="alert">${this.#said}</span>` : nothing}`;
  }
}
