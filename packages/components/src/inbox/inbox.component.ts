import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { isHttpError, notificationsDomain, type BureauClient, type NotificationFeed } from '@bureau/sdk';
import { inboxCatalogue } from '../i18n/inbox.fr.js';
import { BureauElement } from '../internal/bureau-element.js';
import { inboxStyles } from './inbox.styles.js';
import type { InboxPanel } from './internal/panel.js';
import type { TargetTemplates } from './internal/target-url.js';
import type { Language } from '../i18n/catalogues.js';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** How long new arrivals are gathered before one polite announcement of their number. */
const announceAfterMs = 1500;

let instances = 0;

/**
 * The person's notifications for an intranet's header: a bell with the unread count, opening a
 * panel of what concerns them (mentions, replies in their threads, cards assigned or due tomorrow),
 * live. Choosing an item marks it read and takes the person to it: the host either gives a URL
 * template per kind of target (`message-href`, `card-href`, `file-href`) or handles the cancelable
 * `bureau-navigate` event. New arrivals are announced politely, gathered, not one by one.
 *
 * The bell is all a page loads at first: the panel is a lazy chunk, fetched when the person first
 * opens the bell or comes near it (pointer over it, focus on it).
 *
 * @tagname bureau-inbox
 * @summary A notification bell and its panel.
 *
 * @event bureau-navigate - A notification was chosen (`notification`, `url`); cancel to navigate yourself.
 *
 * @csspart bell - The button that opens the panel.
 * @csspart count - The unread count on the bell.
 * @csspart panel - The panel of notifications.
 * @csspart item - A notification (a link with a URL template, else a button); `unread` too when unread.
 * @csspart mark-all - The button that marks every notification read.
 * @csspart preferences-button - Shows or hides the preferences.
 * @csspart preferences - The preferences: kinds that notify, e-mail digest (a lazy chunk).
 * @csspart announcer - The polite live region.
 *
 * @cssproperty --bureau-inbox-panel-inline-size - Width of the panel (default 24rem).
 * @cssproperty --bureau-inbox-badge-color - Background of the unread count.
 */
export class BureauInboxElement extends BureauElement {
  static override domains = [notificationsDomain];
  static override catalogues = [inboxCatalogue];

  static override styles = [...BureauElement.styles, inboxStyles];

  static override properties: PropertyDeclarations = {
    messageHref: { attribute: 'message-href' },
    cardHref: { attribute: 'card-href' },
    fileHref: { attribute: 'file-href' },
    open: { type: Boolean, reflect: true },
    loadState: { state: true, attribute: false },
    feed: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /**
   * Where a message's notification leads, e.g. `/espace-rh?room={roomId}&message={messageId}&thread={threadId}`;
   * `{spaceId}`, `{roomId}`, `{messageId}` and `{threadId}` (the thread of a reply, empty otherwise) are replaced.
   */
  declare messageHref: string | undefined;
  /** Where a card's notification leads, e.g. `/projets?board={boardId}&card={cardId}`; `{spaceId}`, `{boardId}`, `{cardId}`. */
  declare cardHref: string | undefined;
  /** Where a document's notification leads, e.g. `/documents?folder={folderId}&file={fileId}`; `{spaceId}`, `{folderId}`, `{fileId}`. */
  declare fileHref: string | undefined;
  /** Whether the panel is open. */
  declare open: boolean;

  /** @internal */
  declare loadState: LoadState;
  /** @internal */
  declare feed: NotificationFeed;
  private declare announcement: string;

  /** @internal */
  readonly panelId = `bureau-inbox-${(instances += 1)}`;
  #watching: { client: BureauClient; abort: AbortController } | undefined;
  #arrived = 0;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The panel, once its chunk came. */
  #panel: InboxPanel | undefined;
  #panelLoading: Promise<InboxPanel> | undefined;

  constructor() {
    super();
    this.open = false;
    this.loadState = 'idle';
    this.feed = { items: [], unreadCount: 0, nextCursor: null };
    this.announcement = '';
  }

  /** The number of unread notifications, once the first load is done (undefined until then, or after a failure). */
  get unreadCount(): number | undefined {
    return this.loadState === 'ready' ? this.feed.unreadCount : undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (this.isConnected && this.#watching?.client !== client) {
      this.#stop();
      if (client !== undefined) this.#watch(client);
    }
  }

  #watch(client: BureauClient): void {
    const abort = new AbortController();
    this.#watching = { client, abort };
    this.loadState = 'loading';
    let first = true;
    client.notifications
      .watch(
        (feed) => {
          if (!first && feed.unreadCount > this.feed.unreadCount) this.#gather(feed.unreadCount - this.feed.unreadCount);
          first = false;
          this.feed = feed;
          this.loadState = 'ready';
        },
        { signal: abort.signal, limit: 20 },
      )
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        this.loadState = 'error';
        if (!isHttpError(error)) reportError(error);
      });
  }

  #stop(): void {
    this.#panel?.stop();
    this.#watching?.abort.abort();
    this.#watching = undefined;
    clearTimeout(this.#announceTimer);
  }

  /** Counts new arrivals, announced together once they stop coming for a moment. */
  #gather(count: number): void {
    this.#arrived += count;
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      this.announcement = this.messages.inboxArrived(this.#arrived);
      this.#arrived = 0;
    }, announceAfterMs);
  }

  /** The panel's code, fetched once (on the first open, or when the person comes near the bell). */
  #loadPanel(): Promise<InboxPanel> {
    this.#panelLoading ??= import('./internal/panel.js').then(({ InboxPanel }) => {
      this.#panel = new InboxPanel(this);
      this.requestUpdate();
      return this.#panel;
    });
    return this.#panelLoading;
  }

  #prefetch(): void {
    this.#loadPanel().catch(() => {
      // Fetched again on the click; a failure is told then.
      this.#panelLoading = undefined;
    });
  }

  async #toggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return;
    try {
      const panel = await this.#loadPanel();
      await this.updateComplete;
      if (this.open) panel.items()[0]?.focus();
    } catch (error) {
      this.#panelLoading = undefined;
      this.open = false;
      reportError(error);
    }
  }

  /** @internal */
  close(refocus: boolean): void {
    this.open = false;
    if (refocus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="bell"]')?.focus());
  }

  /** @internal */
  watching(): { client: BureauClient; signal: AbortSignal } | undefined {
    return this.#watching && { client: this.#watching.client, signal: this.#watching.abort.signal };
  }

  /** @internal */
  templates(): TargetTemplates {
    return { message: this.messageHref, card: this.cardHref, file: this.fileHref };
  }

  /** @internal */
  panelLanguage(): Language {
    return this.resolvedLanguage;
  }

  /** @internal */
  setFeed(feed: NotificationFeed): void {
    this.feed = feed;
  }

  protected override render() {
    const t = this.messages;
    const { unreadCount } = this.feed;
    return html`<div @keydown=${(event: KeyboardEvent) => this.#panel?.keydown(event)}>
      <button
        type="button"
        part="bell"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="${this.panelId}-panel"
        aria-label=${t.inboxBell(unreadCount)}
        @click=${() => void this.#toggle()}
        @pointerenter=${this.#prefetch}
        @focus=${this.#prefetch}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
          <path d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2Zm6-6V11a6 6 0 0 0-5-5.9V4a1 1 0 1 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1l-2-2Z" />
        </svg>
        ${unreadCount > 0 ? html`<span part="count" aria-hidden="true">${unreadCount > 99 ? '99+' : unreadCount}</span>` : nothing}
      </button>
      ${this.#panel?.render() ?? html`<div id="${this.panelId}-panel" hidden></div>`}
      <div part="announcer" class="visually-hidden" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}
