import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { Member } from '@bureau/api';
import type { BureauClient, ChatMessage, Timeline } from '@bureau/sdk';
import type { Messages } from '../../i18n/fr.js';
import type { PickedFile } from '../../internal/file-picker.js';
import { Composer, type ComposerHost, type ComposerOptions } from './composer.js';
import { renderMessage, type MessageContext } from './message-view.js';
import { messageKey } from './rows.js';

export interface ThreadPanelOptions {
  id: string;
  members: () => readonly Member[];
  selfId: () => string | undefined;
  /** Sends a reply; false when the host page vetoed it. */
  send: (text: string, threadId: string, attachments: readonly PickedFile[]) => boolean;
  attach: ComposerOptions['attach'];
  context: (inThread: boolean) => MessageContext;
}

/**
 * The thread panel of a chat: the root message, its replies (live), and a field to reply. Opening
 * it moves the focus to it (the person asked for it); closing it brings the focus back to the
 * button that opened it.
 */
export class ThreadPanel implements ReactiveController {
  readonly #host: ComposerHost;
  readonly #options: ThreadPanelOptions;
  readonly #composer: Composer;
  #root: ChatMessage | undefined;
  #timeline: Timeline | undefined;
  #replies: readonly ChatMessage[] = [];
  #opener: HTMLElement | null = null;

  constructor(host: ComposerHost, options: ThreadPanelOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    this.#composer = new Composer(host, {
      id: `${options.id}-composer`,
      members: options.members,
      selfId: options.selfId,
      send: (text, attachments) => (this.#root === undefined ? false : options.send(text, this.#root.id, attachments)),
      changed: () => undefined,
      attach: options.attach,
    });
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.close();
  }

  /** Whether the panel shows a thread. */
  get isOpen(): boolean {
    return this.#root !== undefined;
  }

  /**
   * Opens the thread of `root`. The focus goes to the reply field (the person asked for the thread),
   * unless `focus` is `'none'` (the host opened it, e.g. from a notification: the page keeps its focus).
   */
  open(client: BureauClient, roomId: string, root: ChatMessage, focus: 'composer' | 'none' = 'composer'): Timeline {
    this.close();
    const active = this.#host.shadowRoot?.activeElement;
    this.#opener = active instanceof HTMLElement ? active : null;
    this.#root = root;
    const timeline = client.chat.thread(roomId, root.id);
    this.#timeline = timeline;
    this.#replies = timeline.messages;
    timeline.addEventListener('change', (event) => {
      this.#replies = event.messages;
      this.#host.requestUpdate();
    });
    timeline.ready.catch((error: unknown) => {
      if (this.#timeline === timeline) reportError(error);
    });
    this.#host.requestUpdate();
    if (focus === 'composer') void this.#host.updateComplete.then(() => this.#composer.focus());
    return timeline;
  }

  /** Closes the panel. */
  close(): void {
    this.#timeline?.close();
    this.#timeline = undefined;
    this.#root = undefined;
    this.#replies = [];
    this.#composer.text = '';
    this.#opener = null;
  }

  /** Closes the panel at the person's request: the focus goes back to where it was opened from. */
  dismiss(): void {
    const opener = this.#opener;
    this.close();
    opener?.focus();
  }

  /** The space's members arrived: an `@` typed in the reply field before them gets its suggestions. */
  membersChanged(): void {
    this.#composer.membersChanged();
  }

  render(t: Messages, roomMessages: readonly ChatMessage[], canWrite: boolean, closed: () => void): TemplateResult | typeof nothing {
    const root = this.#root;
    if (root === undefined) return nothing;
    const current = roomMessages.find((message) => message.id === root.id) ?? root;
    const context = this.#options.context(true);
    const close = () => {
      this.dismiss();
      this.#host.requestUpdate();
      closed();
    };
    return html`
      <section
        part="thread"
        class="thread"
        aria-labelledby="${this.#options.id}-title"
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Escape' && !event.defaultPrevented) close();
        }}
      >
        <div class="thread-header">
          <p id="${this.#options.id}-title" class="thread-title">${t.chatThread}</p>
          <button part="close-thread-button" type="button" @click=${close}>${t.chatCloseThread}</button>
        </div>
        <div class="thread-root">${renderMessage(current, false, messageKey(current), context)}</div>
        <div part="thread-replies" class="thread-replies" role="log" aria-live="polite" aria-label=${t.chatReplies(this.#replies.length)}>
          ${this.#replies.map((reply, index) => {
            const previous = this.#replies[index - 1];
            const continued = previous !== undefined && previous.author.id === reply.author.id;
            return renderMessage(reply, continued, messageKey(reply), context);
          })}
        </div>
        ${canWrite ? this.#composer.render(t.chatReplyLabel, t, false) : nothing}
      </section>
    `;
  }
}
