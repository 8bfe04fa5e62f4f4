import { html, nothing, type TemplateResult } from 'lit';
import type { Timeline } from '@bureau/sdk';
import type { Messages } from '../../i18n/fr.js';

export interface PagingOptions {
  requestUpdate(): void;
  /** The open room's timeline and what closes it. */
  opened(): { timeline: Timeline; abort: AbortController } | undefined;
  /** Reading older messages: the list stops following the bottom (the first row in view stays). */
  stopFollowing(): void;
  report(error: unknown, signal: AbortSignal): void;
}

/**
 * The pages of a room's timeline beyond the first: older ones (« Messages précédents », or when
 * the reader scrolls near the top) and newer ones (a room opened at an old message, scrolled down).
 * One load of each kind at a time.
 */
export class TimelinePaging {
  readonly #options: PagingOptions;
  #hasOlder = false;
  #loadingOlder = false;
  #loadingNewer = false;

  constructor(options: PagingOptions) {
    this.#options = options;
  }

  /** The timeline changed (loaded, opened, a page came): whether there is more before. */
  follow(timeline: Timeline): void {
    this.#hasOlder = timeline.hasOlder;
  }

  readonly older = async (): Promise<void> => {
    const opened = this.#options.opened();
    if (opened === undefined || this.#loadingOlder || !this.#hasOlder) return;
    this.#loadingOlder = true;
    this.#options.stopFollowing();
    this.#options.requestUpdate();
    try {
      await opened.timeline.loadOlder({ signal: opened.abort.signal });
    } catch (error) {
      this.#options.report(error, opened.abort.signal);
    } finally {
      this.#loadingOlder = false;
      this.#hasOlder = opened.timeline.hasOlder;
      this.#options.requestUpdate();
    }
  };

  /** Loads the page after the newest message shown (the room was opened at an older one). */
  async newer(): Promise<void> {
    const opened = this.#options.opened();
    if (opened === undefined || this.#loadingNewer || !opened.timeline.hasNewer) return;
    this.#loadingNewer = true;
    try {
      await opened.timeline.loadNewer({ signal: opened.abort.signal });
    } catch (error) {
      this.#options.report(error, opened.abort.signal);
    } finally {
      this.#loadingNewer = false;
      this.#options.requestUpdate();
    }
  }

  renderOlderButton(t: Messages): TemplateResult | typeof nothing {
    if (!this.#hasOlder) return nothing;
    return html`<button part="older-button" class="older" type="button" ?disabled=${this.#loadingOlder} @click=${this.older}>
      ${this.#loadingOlder ? t.chatLoadingOlder : t.chatOlder}
    </button>`;
  }
}
