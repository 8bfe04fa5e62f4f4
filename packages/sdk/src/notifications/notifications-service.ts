import type { Notification, NotificationPage, NotificationPreferences, UnreadCount } from '@bureau/api';
import type { Http } from '../http/http.js';
import type { EventStream } from '../stream/stream.js';
import type { CallOptions, PageOptions } from '../types/call-options.js';
import type { Domain } from '../domains.js';

export interface NotificationsServiceOptions {
  http: Http;
  stream: EventStream;
}

/** Options of {@link NotificationsService.list}. */
export interface NotificationListOptions extends PageOptions {
  /** Only the unread ones. */
  unread?: boolean | undefined;
}

/** What {@link NotificationsService.watch} delivers: the newest notifications and the unread count. */
export interface NotificationFeed {
  items: readonly Notification[];
  unreadCount: number;
  /** Cursor of the next (older) page, null when all are here. */
  nextCursor: string | null;
}

const paths = {
  list: '/v1/notifications',
  read: (id: string) => `/v1/notifications/${encodeURIComponent(id)}/read`,
  readAll: '/v1/notifications/read',
  preferences: '/v1/notifications/preferences',
  muted: (placeId: string) => `/v1/notifications/muted/${encodeURIComponent(placeId)}`,
} as const;

/**
 * The signed-in person's notifications: mentions, replies in their threads, cards assigned to them
 * or due tomorrow — newest first, live on the event stream, marked read one by one or all at once.
 */
export class NotificationsService {
  readonly #http: Http;
  readonly #stream: EventStream;

  constructor(options: NotificationsServiceOptions) {
    this.#http = options.http;
    this.#stream = options.stream;
  }

  /**
   * One page of notifications, newest first, with the count of all unread ones.
   * @example
   * ```ts
   * const { items, unreadCount } = await client.notifications.list({ limit: 20 });
   * ```
   */
  async list(options: NotificationListOptions = {}): Promise<NotificationPage> {
    const { body } = await this.#http.request<NotificationPage>({
      method: 'GET',
      path: paths.list,
      searchParams: { limit: options.limit, cursor: options.cursor, unread: options.unread === undefined ? undefined : String(options.unread) },
      signal: options.signal,
    });
    return body;
  }

  /** Marks one notification read; resolves with the unread count left. */
  async markRead(notificationId: string, options: CallOptions = {}): Promise<number> {
    const { body } = await this.#http.request<UnreadCount>({ method: 'POST', path: paths.read(notificationId), signal: options.signal });
    return body.unreadCount;
  }

  /** Marks every notification read; resolves with the unread count left (0). */
  async markAllRead(options: CallOptions = {}): Promise<number> {
    const { body } = await this.#http.request<UnreadCount>({ method: 'POST', path: paths.readAll, signal: options.signal });
    return body.unreadCount;
  }

  /** The kinds that notify, the rooms and boards muted, the e-mail digest. */
  async preferences(options: CallOptions = {}): Promise<NotificationPreferences> {
    const { body } = await this.#http.request<NotificationPreferences>({ method: 'GET', path: paths.preferences, signal: options.signal });
    return body;
  }

  /** Replaces the preferences. */
  async setPreferences(preferences: NotificationPreferences, options: CallOptions = {}): Promise<NotificationPreferences> {
    const { body } = await this.#http.request<NotificationPreferences>({
      method: 'PUT',
      path: paths.preferences,
      body: preferences,
      signal: options.signal,
    });
    return body;
  }

  /**
   * Mutes a room or a board (`on`), or hears of it again: nothing from a muted place notifies, not
   * even a mention. One request that changes that place only, whatever another tab changed meanwhile;
   * resolves with the preferences saved.
   * @example
   * ```ts
   * await client.notifications.mute(room.id, true);
   * ```
   */
  async mute(placeId: string, on: boolean, options: CallOptions = {}): Promise<NotificationPreferences> {
    const { body } = await this.#http.request<NotificationPreferences>({ method: on ? 'PUT' : 'DELETE', path: paths.muted(placeId), signal: options.signal });
    return body;
  }

  /**
   * The preferences, then again each time they change (here, in another tab, in the inbox), until
   * `signal` aborts. Resolves once the first value has been delivered; rejects if that load fails.
   */
  async watchPreferences(onValue: (preferences: NotificationPreferences) => void, options: { signal: AbortSignal }): Promise<void> {
    const { signal } = options;
    const publish = (preferences: NotificationPreferences): void => {
      if (!signal.aborted) onValue(preferences);
    };
    const reload = async (): Promise<void> => publish(await this.preferences({ signal }));
    await this.#live(signal, reload, [this.#stream.subscribe('notification.preferences', (event) => publish(event.data))]);
  }

  /**
   * The newest notifications and the unread count, then again on every change (a new one, some
   * marked read here or in another tab, a reset of the stream), until `signal` aborts. Resolves
   * once the first value has been delivered; rejects if that first load fails.
   * @example
   * ```ts
   * await client.notifications.watch(({ unreadCount }) => (bell.count = unreadCount), { signal });
   * ```
   */
  async watch(onValue: (feed: NotificationFeed) => void, options: { signal: AbortSignal; limit?: number | undefined }): Promise<void> {
    const { signal } = options;
    let feed: NotificationFeed = { items: [], unreadCount: 0, nextCursor: null };
    let loaded = false;
    const publish = (next: NotificationFeed): void => {
      feed = next;
      if (!signal.aborted) onValue(feed);
    };
    const reload = async (): Promise<void> => {
      const page = await this.list({ limit: options.limit, signal });
      loaded = true;
      publish({ items: page.items, unreadCount: page.unreadCount, nextCursor: page.nextCursor });
    };
    await this.#live(signal, reload, [
      this.#stream.subscribe('notification.created', (event) => {
        if (!loaded) return;
        const { notification, unreadCount } = event.data;
        if (feed.items.some((n) => n.id === notification.id)) return;
        publish({ ...feed, items: [notification, ...feed.items], unreadCount });
      }),
      this.#stream.subscribe('notification.read', (event) => {
        if (!loaded) return;
        const { ids, unreadCount } = event.data;
        const now = event.at;
        const marked = (n: Notification): boolean => n.readAt === null && (ids === 'all' || ids.includes(n.id));
        publish({ ...feed, items: feed.items.map((n) => (marked(n) ? { ...n, readAt: now } : n)), unreadCount });
      }),
    ]);
  }

  /**
   * Keeps a live value: `subscriptions` (ended when `signal` aborts), `reload` again on every reset of
   * the stream (what is shown stays as it was if that fails: the failure goes to the page's error
   * reporting), and the first `reload` once the stream listens.
   */
  async #live(signal: AbortSignal, reload: () => Promise<void>, subscriptions: (() => void)[]): Promise<void> {
    const offs = [
      ...subscriptions,
      this.#stream.subscribe('reset', () => {
        reload().catch((error: unknown) => {
          if (!signal.aborted) reportError(error);
        });
      }),
    ];
    signal.addEventListener('abort', () => offs.forEach((off) => off()), { once: true });
    await this.#stream.whenListening(signal);
    await reload();
  }
}

/** The code of `client.notifications` (the signed-in person’s notifications), for {@link registerDomains}. */
export const notificationsDomain: Domain<'notifications'> = { name: 'notifications', create: (context) => new NotificationsService(context) };
