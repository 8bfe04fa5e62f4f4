import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Notification } from '@bureau/api';
import { isHttpError, notificationsDomain, type BureauClient, type NotificationFeed } from '@bureau/sdk';
import { inboxCatalogue } from '../i18n/inbox.fr.js';
import { BureauElement } from '../internal/bureau-element.js';
import { formatDate } from '../i18n/format.js';
import { BureauNavigateEvent } from './events/navigate.js';
import { inboxStyles } from './inbox.styles.js';
import { targetUrl } from './internal/target-url.js';
import type { InboxPreferences } from './internal/preferences.js';

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
    failure: { state: true, attribute: false },
  };

  /**
   * Where a message's notification leads, e.g. `/espace-rh?room={roomId}&message={messageId}`;
   * `{spaceId}`, `{roomId}`, `{messageId}` and `{threadId}` are replaced.
   */
  declare messageHref: string | undefined;
  /** Where a card's notification leads, e.g. `/projets?board={boardId}&card={cardId}`; `{spaceId}`, `{boardId}`, `{cardId}`. */
  declare cardHref: string | undefined;
  /** Where a document's notification leads, e.g. `/documents?folder={folderId}&file={fileId}`; `{spaceId}`, `{folderId}`, `{fileId}`. */
  declare fileHref: string | undefined;
  /** Whether the panel is open. */
  declare open: boolean;

  private declare loadState: LoadState;
  private declare feed: NotificationFeed;
  private declare announcement: string;
  private declare failure: string;

  readonly #id = `bureau-inbox-${(instances += 1)}`;
  #watching: { client: BureauClient; abort: AbortController } | undefined;
  #arrived = 0;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The preferences form once opened (a lazy chunk), for the client it was opened with. */
  #preferences: InboxPreferences | undefined;
  #showPreferences = false;

  constructor() {
    super();
    this.open = false;
    this.loadState = 'idle';
    this.feed = { items: [], unreadCount: 0, nextCursor: null };
    this.announcement = '';
    this.failure = '';
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
    this.#preferences?.stop();
    this.#preferences = undefined;
    this.#showPreferences = false;
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

  #toggle(): void {
    this.open = !this.open;
    if (this.open) void this.updateComplete.then(() => this.#items()[0]?.focus());
  }

  #close(): void {
    this.open = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="bell"]')?.focus());
  }

  #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="item"]')];
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      this.#close();
      return;
    }
    const items = this.#items();
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    if (at === -1) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
  }

  #choose(event: Event, notification: Notification, url: string | null): void {
    const navigate = new BureauNavigateEvent(notification, url);
    this.dispatchEvent(navigate);
    if (navigate.defaultPrevented || url === null) event.preventDefault();
    if (notification.readAt === null) void this.#markRead(notification.id);
    if (navigate.defaultPrevented) this.open = false;
  }

  async #markRead(id: string): Promise<void> {
    const client = this.activeClient;
    const signal = this.#watching?.abort.signal;
    if (client === undefined || signal === undefined) return;
    try {
      this.failure = '';
      const unreadCount = await client.notifications.markRead(id, { signal });
      this.feed = { ...this.feed, unreadCount, items: this.feed.items.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)) };
    } catch (error) {
      if (signal.aborted) return;
      this.failure = this.messages.inboxMarkFailed;
      if (!isHttpError(error)) reportError(error);
    }
  }

  async #markAll(): Promise<void> {
    const client = this.activeClient;
    const signal = this.#watching?.abort.signal;
    if (client === undefined || signal === undefined) return;
    try {
      this.failure = '';
      const unreadCount = await client.notifications.markAllRead({ signal });
      const now = new Date().toISOString();
      this.feed = { ...this.feed, unreadCount, items: this.feed.items.map((n) => (n.readAt === null ? { ...n, readAt: now } : n)) };
    } catch (error) {
      if (signal.aborted) return;
      this.failure = this.messages.inboxMarkFailed;
      if (!isHttpError(error)) reportError(error);
    }
  }

  #headline(n: Notification): string {
    const t = this.messages;
    const who = n.actor?.name ?? t.inboxSomeone;
    switch (n.kind) {
      case 'mention':
        return t.inboxMention(who, n.place);
      case 'reply':
        return t.inboxReply(who, n.place);
      case 'assigned':
        return t.inboxAssigned(who, n.place);
      case 'due':
        return t.inboxDue(n.place);
      case 'version':
        return t.inboxVersion(who, n.place);
    }
  }

  #renderItem(n: Notification) {
    const t = this.messages;
    const url = targetUrl(n, { message: this.messageHref, card: this.cardHref, file: this.fileHref });
    const unread = n.readAt === null;
    const content = html`${unread ? html`<span class="visually-hidden">${t.inboxUnread} : </span>` : nothing}${this.#headline(n)}
      <span class="excerpt">${n.excerpt}</span>
      <time datetime=${n.createdAt}>${formatDate(n.createdAt, this.resolvedLanguage)}</time>`;
    const part = unread ? 'item unread' : 'item';
    return html`<li>
      ${url === null
        ? html`<button type="button" part=${part} @click=${(event: Event) => this.#choose(event, n, null)}>${content}</button>`
        : html`<a part=${part} href=${url} @click=${(event: Event) => this.#choose(event, n, url)}>${content}</a>`}
    </li>`;
  }

  #renderPanel() {
    const t = this.messages;
    const { items, unreadCount } = this.feed;
    let body;
    if (this.loadState === 'error') body = html`<p role="alert">${t.inboxFailed}</p>`;
    else if (this.loadState !== 'ready') body = html`<p>${t.inboxLoading}</p>`;
    else if (items.length === 0) body = html`<p>${t.inboxEmpty}</p>`;
    else body = html`<ul>${items.map((n) => this.#renderItem(n))}</ul>`;
    return html`<div part="panel" id="${this.#id}-panel" role="region" aria-labelledby="${this.#id}-title" ?hidden=${!this.open}>
      <div class="panel-head">
        <h2 id="${this.#id}-title">${t.inboxTitle}</h2>
        ${unreadCount > 0 ? html`<button type="button" part="mark-all" @click=${() => void this.#markAll()}>${t.inboxMarkAll}</button>` : nothing}
        <button
          type="button"
          part="preferences-button"
          aria-expanded=${this.#showPreferences ? 'true' : 'false'}
          aria-controls="${this.#id}-preferences"
          @click=${() => void this.#togglePreferences()}
        >
          ${t.inboxPreferences}
        </button>
      </div>
      ${this.#showPreferences ? (this.#preferences?.render(t, this.resolvedLanguage, this.#id) ?? html`<p>${t.inboxPreferencesLoading}</p>`) : nothing}
      ${this.failure === '' ? nothing : html`<p role="alert">${this.failure}</p>`} ${body}
    </div>`;
  }

  /** Shows or hides the preferences; their code comes the first time. */
  async #togglePreferences(): Promise<void> {
    this.#showPreferences = !this.#showPreferences;
    this.requestUpdate();
    const client = this.#watching?.client;
    if (!this.#showPreferences || this.#preferences !== undefined || client === undefined) return;
    const { InboxPreferences } = await import('./internal/preferences.js');
    if (this.#watching?.client === client) this.#preferences ??= new InboxPreferences(this, client);
    this.requestUpdate();
  }

  protected override render() {
    const t = this.messages;
    const { unreadCount } = this.feed;
    return html`<div @keydown=${this.#onKeydown}>
      <button
        type="button"
        part="bell"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="${this.#id}-panel"
        aria-label=${t.inboxBell(unreadCount)}
        @click=${this.#toggle}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
          <path d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2Zm6-6V11a6 6 0 0 0-5-5.9V4a1 1 0 1 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1l-2-2Z" />
        </svg>
        ${unreadCount > 0 ? html`<span part="count" aria-hidden="true">${unreadCount > 99 ? '99+' : unreadCount}</span>` : nothing}
      </button>
      ${this.#renderPanel()}
      <div part="announcer" class="visually-hidden" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}
