import type { MessageHits, MessagePage } from '@bureau/api';
import type { Http } from '../http/http.js';
import type { CallOptions, PageOptions } from '../types/call-options.js';
import type { Domain } from '../domains.js';

export interface SearchServiceOptions {
  http: Http;
}

/** Options of {@link SearchService.messages}. */
export interface MessageSearchOptions extends PageOptions {
  /** Only this room of the space. */
  roomId?: string | undefined;
}

/** Options of {@link SearchService.around}. */
export interface AroundOptions extends CallOptions {
  /** Messages in the page, the one asked for included (default 50). */
  limit?: number | undefined;
}

const paths = {
  space: (spaceId: string) => `/v1/spaces/${encodeURIComponent(spaceId)}/search`,
  messages: (roomId: string) => `/v1/rooms/${encodeURIComponent(roomId)}/messages`,
  replies: (messageId: string) => `/v1/messages/${encodeURIComponent(messageId)}/replies`,
} as const;

/**
 * Finding things and going to them: full-text search of a space's messages, and the page of a
 * room around one message (a search result, a notification), from which one pages both ways.
 */
export class SearchService {
  readonly #http: Http;

  constructor(options: SearchServiceOptions) {
    this.#http = options.http;
  }

  /**
   * Messages of every room of a space (or of `roomId`) holding every word of `q`, accent- and
   * case-insensitively, the last word as a prefix; newest first, each with its room's name and the
   * ranges of its text to highlight. Only members of the space find anything.
   * @example
   * ```ts
   * const { items } = await client.search.messages('espace-rh-360', 'prime cia');
   * for (const hit of items) console.log(hit.roomName, hit.message.text, hit.highlights);
   * ```
   */
  async messages(spaceId: string, q: string, options: MessageSearchOptions = {}): Promise<MessageHits> {
    const { body } = await this.#http.request<MessageHits>({
      method: 'GET',
      path: paths.space(spaceId),
      searchParams: { q, roomId: options.roomId, limit: options.limit, cursor: options.cursor },
      signal: options.signal,
    });
    return body;
  }

  /**
   * The page of a room's top-level messages centred on `messageId` (or of a thread's replies, with
   * `threadId`), chronological: `nextCursor` leads to older ones, `newerCursor` to newer ones
   * ({@link SearchService.newer}).
   * @example
   * ```ts
   * const page = await client.search.around(roomId, hit.message.id, { limit: 40 });
   * ```
   */
  async around(roomId: string, messageId: string, options: AroundOptions & { threadId?: string | null | undefined } = {}): Promise<MessagePage> {
    const path = options.threadId ? paths.replies(options.threadId) : paths.messages(roomId);
    const { body } = await this.#http.request<MessagePage>({
      method: 'GET',
      path,
      searchParams: { around: messageId, limit: options.limit },
      signal: options.signal,
    });
    return body;
  }

  /** The page of messages newer than a page's `newerCursor`, chronological. */
  async newer(roomId: string, newerCursor: string, options: AroundOptions = {}): Promise<MessagePage> {
    const { body } = await this.#http.request<MessagePage>({
      method: 'GET',
      path: paths.messages(roomId),
      searchParams: { after: newerCursor, limit: options.limit },
      signal: options.signal,
    });
    return body;
  }

  /** The page of messages older than a page's `nextCursor`, chronological. */
  async older(roomId: string, nextCursor: string, options: AroundOptions = {}): Promise<MessagePage> {
    const { body } = await this.#http.request<MessagePage>({
      method: 'GET',
      path: paths.messages(roomId),
      searchParams: { cursor: nextCursor, limit: options.limit },
      signal: options.signal,
    });
    return body;
  }
}

/** The code of `client.search` (messages found, a room around one message), for {@link registerDomains}. */
export const searchDomain: Domain<'search'> = { name: 'search', create: (context) => new SearchService(context) };
