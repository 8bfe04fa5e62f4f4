import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Notification } from '@bureau/api';
import { isHttpError, type BureauClient, type NotificationFeed } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import { formatDate } from '../../i18n/format.js';
import { inboxPanelMessages, type InboxPanelMessages } from '../../i18n/inbox-panel.js';
import { BureauNavigateEvent } from '../events/navigate.js';
import { inboxPanelStyles } from './panel.styles.js';
import { targetUrl, type TargetTemplates } from './target-url.js';
import type { InboxPreferences } from './preferences.js';

/** What the panel needs from its `<bureau-inbox>`. */
export interface InboxPanelHost extends ReactiveControllerHost, EventTarget {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The id prefix of the element's ids. */
  readonly panelId: string;
  readonly open: boolean;
  readonly feed: NotificationFeed;
  readonly loadState: 'idle' | 'loading' | 'ready' | 'error';
  /** The client the feed comes from and the signal of its watch, while watching. */
  watching(): { client: BureauClient; signal: AbortSignal } | undefined;
  templates(): TargetTemplates;
  panelLanguage(): Language;
  /** Replaces the feed shown (after marking read here). */
  setFeed(feed: NotificationFeed): void;
  /** Closes the panel; `refocus` gives the focus back to the bell. */
  close(refocus: boolean): void;
}

/**
 * The panel of `<bureau-inbox>` (a lazy chunk, fetched when the person first opens the bell or
 * comes near it, so that a page showing only the bell loads the bell): the newest notifications,
 * each a link made from the host's URL templates, mark read one or all, the preferences (another
 * lazy chunk), and the keyboard (arrows, Home, End, Escape).
 */
export class InboxPanel {
  readonly #host: InboxPanelHost;
  #failure = '';
  /** The preferences form once opened (a lazy chunk), for the client it was opened with. */
  #preferences: InboxPreferences | undefined;
  #showPreferences = false;

  constructor(host: InboxPanelHost) {
    this.#host = host;
    const root = host.renderRoot;
    const sheet = inboxPanelStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet !== undefined) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** Stops what is under way (the inbox left the page or changed client). */
  stop(): void {
    this.#preferences?.stop();
    this.#preferences = undefined;
    this.#showPreferences = false;
    this.#failure = '';
  }

  /** The notifications shown, in order: where the arrows move. */
  items(): HTMLElement[] {
    return [...this.#host.renderRoot.querySelectorAll<HTMLElement>('[part~="item"]')];
  }

  /** Arrows, Home and End move between the items; Escape closes. */
  keydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.#host.open) {
      event.preventDefault();
      this.#host.close(true);
      return;
    }
    const items = this.items();
    const at = items.indexOf((this.#host.renderRoot as ShadowRoot).activeElement as HTMLElement);
    if (at === -1) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
  }

  #choose(event: Event, notification: Notification, url: string | null): void {
    const navigate = new BureauNavigateEvent(notification, url);
    this.#host.dispatchEvent(navigate);
    if (navigate.defaultPrevented || url === null) event.preventDefault();
    if (notification.readAt === null) void this.#mark([notification.id]);
    if (navigate.defaultPrevented) this.#host.close(false);
  }

  /** Marks these notifications read (`all`: every one) and shows it. */
  async #mark(ids: readonly string[] | 'all'): Promise<void> {
    const watching = this.#host.watching();
    if (watching === undefined) return;
    const { client, signal } = watching;
    try {
      this.#failure = '';
      this.#host.requestUpdate();
      const unreadCount = ids === 'all' ? await client.notifications.markAllRead({ signal }) : await client.notifications.markRead(ids[0]!, { signal });
      const now = new Date().toISOString();
      const feed = this.#host.feed;
      const marked = (n: Notification): boolean => n.readAt === null && (ids === 'all' || ids.includes(n.id));
      this.#host.setFeed({ ...feed, unreadCount, items: feed.items.map((n) => (marked(n) ? { ...n, readAt: now } : n)) });
    } catch (error) {
      if (signal.aborted) return;
      this.#failure = inboxPanelMessages(this.#host.panelLanguage()).inboxMarkFailed;
      this.#host.requestUpdate();
      if (!isHttpError(error)) reportError(error);
    }
  }

  #headline(t: InboxPanelMessages, n: Notification): string {
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

  #renderItem(t: InboxPanelMessages, n: Notification): TemplateResult {
    const url = targetUrl(n, this.#host.templates());
    const unread = n.readAt === null;
    const content = html`${unread ? html`<span class="visually-hidden">${t.inboxUnread} : </span>` : nothing}${this.#headline(t, n)}
      <span class="excerpt">${n.excerpt}</span>
      <time datetime=${n.createdAt}>${formatDate(n.createdAt, this.#host.panelLanguage())}</time>`;
    const part = unread ? 'item unread' : 'item';
    return html`<li>
      ${url === null
        ? html`<button type="button" part=${part} @click=${(event: Event) => this.#choose(event, n, null)}>${content}</button>`
        : html`<a part=${part} href=${url} @click=${(event: Event) => this.#choose(event, n, url)}>${content}</a>`}
    </li>`;
  }

  /** Shows or hides the preferences; their code comes the first time. */
  async #togglePreferences(): Promise<void> {
    this.#showPreferences = !this.#showPreferences;
    this.#host.requestUpdate();
    const client = this.#host.watching()?.client;
    if (!this.#showPreferences || this.#preferences !== undefined || client === undefined) return;
    const { InboxPreferences } = await import('./preferences.js');
    if (this.#host.watching()?.client === client) this.#preferences ??= new InboxPreferences(this.#host, client);
    this.#host.requestUpdate();
  }

  render(): TemplateResult {
    const t = inboxPanelMessages(this.#host.panelLanguage());
    const id = this.#host.panelId;
    const { items, unreadCount } = this.#host.feed;
    const state = this.#host.loadState;
    let body;
    if (state === 'error') body = html`<p role="alert">${t.inboxFailed}</p>`;
    else if (state !== 'ready') body = html`<p>${t.inboxLoading}</p>`;
    else if (items.length === 0) body = html`<p>${t.inboxEmpty}</p>`;
    else body = html`<ul>${items.map((n) => this.#renderItem(t, n))}</ul>`;
    return html`<div part="panel" id="${id}-panel" role="region" aria-labelledby="${id}-title" ?hidden=${!this.#host.open}>
      <div class="panel-head">
        <h2 id="${id}-title">${t.inboxTitle}</h2>
        ${unreadCount > 0 ? html`<button type="button" part="mark-all" @click=${() => void this.#mark('all')}>${t.inboxMarkAll}</button>` : nothing}
        <button
          type="button"
          part="preferences-button"
          aria-expanded=${this.#showPreferences ? 'true' : 'false'}
          aria-controls="${id}-preferences"
          @click=${() => void this.#togglePreferences()}
        >
          ${t.inboxPreferences}
        </button>
      </div>
      ${this.#showPreferences ? (this.#preferences?.render(t, this.#host.panelLanguage(), id) ?? html`<p>${t.inboxPreferencesLoading}</p>`) : nothing}
      ${this.#failure === '' ? nothing : html`<p role="alert">${this.#failure}</p>`} ${body}
    </div>`;
  }
}
