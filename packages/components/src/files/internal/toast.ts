import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Messages } from '../../i18n/fr.js';

export interface ToastOptions {
  messages: () => Messages;
  /** Tells the person (the component's polite live region). */
  announce: (text: string) => void;
  failed: (error: unknown) => void;
}

/**
 * The message line of `<bureau-files>`: what was just done or what failed, announced, with
 * « Annuler » after a deletion (which restores from the trash). It stays until replaced or closed:
 * no timer takes the undo away from someone who needs more time.
 */
export class Toast implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ToastOptions;
  #text: string | undefined;
  #undo: (() => Promise<void>) | undefined;

  constructor(host: ReactiveControllerHost, options: ToastOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Shows and announces `text`, with an undo button when `undo` is given. */
  show(text: string, undo?: () => Promise<void>): void {
    this.#text = text;
    this.#undo = undo;
    this.#options.announce(text);
    this.#host.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    if (this.#text === undefined) return nothing;
    const t = this.#options.messages();
    return html`<div part="toast" class="toast">
      <span>${this.#text}</span>
      ${this.#undo === undefined ? nothing : html`<button type="button" part="undo-button" @click=${this.#runUndo}>${t.filesUndo}</button>`}
      <button type="button" class="link" @click=${this.#dismiss}>${t.filesClose}</button>
    </div>`;
  }

  readonly #runUndo = async (): Promise<void> => {
    const undo = this.#undo;
    if (undo === undefined) return;
    this.#undo = undefined;
    try {
      await undo();
    } catch (error) {
      this.#options.failed(error);
    }
  };

  readonly #dismiss = (): void => {
    this.#text = undefined;
    this.#undo = undefined;
    this.#host.requestUpdate();
  };
}
