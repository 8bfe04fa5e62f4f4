import type {
  Activity,
  Board,
  BoardDetail,
  Card,
  Column,
  Comment,
  CreateBoard,
  CreateCard,
  CreateColumn,
  Page,
  UpdateBoard,
  UpdateCard,
  UpdateColumn,
} from '@bureau/api';
import { type Cache, withCache } from '../cache/cache.js';
import { isConflictError } from '../errors/guards.js';
import type { Http } from '../http/http.js';
import { outboxDomain, type Outbox, type QueuedAnswer } from '../outbox/outbox.js';
import type { GuardedWriteOptions } from '../spaces/spaces-service.js';
import type { EventStream } from '../stream/stream.js';
import type { CallOptions, PageOptions } from '../types/call-options.js';
import { CardConflictError, changedFields, touchedFields } from './card-conflict.js';
import { boardIntents, boardPaths } from './keys.js';
import { LiveBoard, type BoardWriter, type EditOptions } from './live-board.js';
import type { Placement } from './ordering.js';
import type { Domain } from '../domains.js';

export interface BoardsServiceOptions {
  http: Http;
  cache: Cache;
  outbox: Outbox;
  stream: EventStream;
}

/** Options of `list()`. */
export interface BoardsListOptions extends PageOptions {
  /** List the archived boards instead of the active ones. */
  archived?: boolean | undefined;
}

const ifMatch = (version: number | undefined): { headers?: Record<string, string> } =>
  version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } };

/**
 * Project boards (`client.boards`): boards of a space, their columns and cards, comments and
 * history. `watch(boardId)` gives a {@link LiveBoard} that paints from the cache, then follows the
 * stream and shows the person's moves and edits at once. Every write goes through the outbox
 * (exactly once, kept across reloads while offline). The server decides every position: a move
 * names its destination column and would-be neighbours, never a key.
 *
 * @example
 * ```ts
 * const { items } = await client.boards.list('espace-rh-360');
 * const board = client.boards.watch(items[0].id);
 * board.addEventListener('change', (event) => render(event.detail));
 * ```
 */
export class BoardsService implements BoardWriter {
  readonly #http: Http;
  readonly #cache: Cache;
  readonly #outbox: Outbox;
  readonly #stream: EventStream;

  constructor(options: BoardsServiceOptions) {
    this.#http = options.http;
    this.#cache = options.cache;
    this.#outbox = options.outbox;
    this.#stream = options.stream;
  }

  /**
   * One page of a space's boards (`GET /v1/spaces/{id}/boards`).
   * @example
   * ```ts
   * const { items } = await client.boards.list(spaceId);
   * ```
   */
  async list(spaceId: string, options: BoardsListOptions = {}): Promise<Page<Board>> {
    const { body } = await this.#http.request<Page<Board>>({
      method: 'GET',
      path: boardPaths.boards(spaceId),
      searchParams: {
        archived: options.archived === undefined ? undefined : String(options.archived),
        limit: options.limit,
        cursor: options.cursor,
      },
      signal: options.signal,
    });
    return body;
  }

  /**
   * A whole board: the board, its columns and cards in order (`GET /v1/boards/{id}`).
   * @example
   * ```ts
   * const { board, columns, cards } = await client.boards.get(boardId);
   * ```
   */
  async get(boardId: string, options: CallOptions = {}): Promise<BoardDetail> {
    const { body } = await this.#http.request<BoardDetail>({ method: 'GET', path: boardPaths.board(boardId), signal: options.signal });
    return body;
  }

  /**
   * A board, live (see {@link LiveBoard}). `close()` it when done.
   * @example
   * ```ts
   * const board = client.boards.watch(boardId);
   * await board.ready;
   * ```
   */
  watch(boardId: string): LiveBoard {
    return new LiveBoard(boardId, { cache: this.#cache, stream: this.#stream, outbox: this.#outbox, writer: this });
  }

  /**
   * Creates a board in a space (members and owners; a guest gets a 403 `HttpError`).
   * @example
   * ```ts
   * const board = await client.boards.create(spaceId, { name: 'Campagne 2027', labels: [{ name: 'Urgent', color: '#b3261e' }] });
   * ```
   */
  create(spaceId: string, input: CreateBoard, options: CallOptions = {}): Promise<Board> {
    return this.#write<Board>('POST', boardPaths.boards(spaceId), input, boardIntents.create, spaceId, options);
  }

  /**
   * Renames, archives or relabels a board (`labels` is the whole new set).
   * @example
   * ```ts
   * await client.boards.update(board.id, { name: 'Campagne 2027' }, { ifMatch: board.version });
   * ```
   */
  update(boardId: string, change: UpdateBoard, options: GuardedWriteOptions = {}): Promise<Board> {
    return this.#write<Board>('PATCH', boardPaths.board(boardId), change, boardIntents.update, boardId, options, ifMatch(options.ifMatch));
  }

  /**
   * Renames a board.
   * @example
   * ```ts
   * await client.boards.rename(board.id, 'Entretiens 2027');
   * ```
   */
  rename(boardId: string, name: string, options: GuardedWriteOptions = {}): Promise<Board> {
    return this.update(boardId, { name }, options);
  }

  /**
   * Archives a board: it leaves the active list.
   * @example
   * ```ts
   * await client.boards.archive(board.id);
   * ```
   */
  archive(boardId: string, options: GuardedWriteOptions = {}): Promise<Board> {
    return this.update(boardId, { archived: true }, options);
  }

  /**
   * Brings an archived board back.
   * @example
   * ```ts
   * await client.boards.unarchive(board.id);
   * ```
   */
  unarchive(boardId: string, options: GuardedWriteOptions = {}): Promise<Board> {
    return this.update(boardId, { archived: false }, options);
  }

  /**
   * Adds a column (at the end, or between `afterId`/`beforeId`).
   * @example
   * ```ts
   * await client.boards.createColumn(board.id, { name: 'En validation', wipLimit: 5 });
   * ```
   */
  createColumn(boardId: string, input: CreateColumn, options: CallOptions = {}): Promise<Column> {
    return this.#write<Column>('POST', boardPaths.columns(boardId), input, boardIntents.createColumn, boardId, options);
  }

  /**
   * Renames a column or sets its WIP limit (`null` clears it).
   * @example
   * ```ts
   * await client.boards.updateColumn(column.id, { wipLimit: 3 });
   * ```
   */
  updateColumn(columnId: string, change: UpdateColumn, options: GuardedWriteOptions = {}): Promise<Column> {
    return this.#write<Column>('PATCH', boardPaths.column(columnId), change, boardIntents.updateColumn, columnId, options, ifMatch(options.ifMatch));
  }

  /**
   * Reorders a column among its board's columns.
   * @example
   * ```ts
   * await client.boards.moveColumn(column.id, { afterId: null, beforeId: first.id });
   * ```
   */
  moveColumn(columnId: string, placement: Omit<Placement, 'columnId'>, options: CallOptions = {}): Promise<Column> {
    return this.#write<Column>('POST', boardPaths.columnMove(columnId), placement, boardIntents.moveColumn, columnId, options);
  }

  /**
   * Deletes a column; its cards, if any, go to the end of `moveCardsTo` (required then: 409 otherwise).
   * @example
   * ```ts
   * await client.boards.deleteColumn(column.id, { moveCardsTo: todo.id });
   * ```
   */
  async deleteColumn(columnId: string, options: CallOptions & { moveCardsTo?: string | undefined } = {}): Promise<void> {
    const query = options.moveCardsTo === undefined ? '' : `?moveCardsTo=${encodeURIComponent(options.moveCardsTo)}`;
    await this.#write<undefined>('DELETE', boardPaths.column(columnId) + query, undefined, boardIntents.deleteColumn, columnId, options);
  }

  /**
   * Adds a card (at the end of its column unless placed).
   * @example
   * ```ts
   * await client.boards.createCard(board.id, { columnId: todo.id, title: 'Former les managers', dueDate: '2027-01-15' });
   * ```
   */
  createCard(boardId: string, input: CreateCard, options: CallOptions = {}): Promise<Card> {
    return this.#write<Card>('POST', boardPaths.cards(boardId), input, boardIntents.createCard, boardId, options);
  }

  /**
   * One card (`GET /v1/cards/{id}`).
   * @example
   * ```ts
   * const card = await client.boards.card(cardId);
   * ```
   */
  async card(cardId: string, options: CallOptions = {}): Promise<Card> {
    const { body } = await this.#http.request<Card>({ method: 'GET', path: boardPaths.card(cardId), signal: options.signal });
    return body;
  }

  /**
   * Changes a card's fields, guarded by the version the person saw (`If-Match` is required by the
   * API): a stale version is a `ConflictError` carrying the current card. `editCard` handles that
   * case for you.
   * @example
   * ```ts
   * await client.boards.updateCard(card.id, { dueDate: '2027-02-01' }, { ifMatch: card.version });
   * ```
   */
  updateCard(cardId: string, change: UpdateCard, options: GuardedWriteOptions): QueuedAnswer<Card> {
    return this.#write<Card>('PATCH', boardPaths.card(cardId), change, boardIntents.updateCard, cardId, options, ifMatch(options.ifMatch));
  }

  /**
   * Edits a card from the version the person saw (`base`). If someone changed the card meanwhile
   * and none of the fields the person changed, the change is re-applied on the fresh card once;
   * otherwise it rejects with a {@link CardConflictError} carrying both versions. Nothing the
   * person typed is lost: it is in the error's `mine`.
   * @example
   * ```ts
   * await client.boards.editCard(card.id, { description: text }, { base: card });
   * ```
   */
  async editCard(cardId: string, change: UpdateCard, options: EditOptions = {}): Promise<Card> {
    const base = options.base ?? (await this.card(cardId, options));
    const first = this.updateCard(cardId, change, { ...options, ifMatch: base.version });
    try {
      return await first;
    } catch (error) {
      if (!isConflictError<Card>(error) || error.current === undefined) throw error;
      await this.#discardRefused(first.id);
      const current = error.current;
      const theirs = changedFields(base, current);
      const overlap = touchedFields(change).filter((field) => theirs.includes(field));
      if (overlap.length > 0) throw new CardConflictError(error, change, base, overlap);
      const second = this.updateCard(cardId, change, { ...options, ifMatch: current.version });
      try {
        return await second;
      } catch (again) {
        if (!isConflictError<Card>(again) || again.current === undefined) throw again;
        await this.#discardRefused(second.id);
        throw new CardConflictError(again, change, current, changedFields(current, again.current));
      }
    }
  }

  /**
   * Moves a card to a column, between the cards the person sees there; the server computes the
   * position from those neighbours as they are now, so concurrent moves converge.
   * @example
   * ```ts
   * await client.boards.moveCard(card.id, { columnId: doing.id, afterId: previous?.id ?? null, beforeId: next?.id ?? null });
   * ```
   */
  moveCard(cardId: string, placement: Placement, options: CallOptions = {}): QueuedAnswer<Card> {
    const body = { columnId: placement.columnId, afterId: placement.afterId ?? null, beforeId: placement.beforeId ?? null };
    return this.#write<Card>('POST', boardPaths.cardMove(cardId), body, boardIntents.moveCard, cardId, options);
  }

  /**
   * Deletes a card with its comments and history.
   * @example
   * ```ts
   * await client.boards.deleteCard(card.id);
   * ```
   */
  async deleteCard(cardId: string, options: GuardedWriteOptions = {}): Promise<void> {
    await this.#write<undefined>('DELETE', boardPaths.card(cardId), undefined, boardIntents.deleteCard, cardId, options, ifMatch(options.ifMatch));
  }

  /**
   * Archives a card: it leaves its column for everyone and waits in the board's archives, where it
   * can be restored (who may edit a card may archive it). Resolves with the card, `archivedAt` set.
   * @example
   * ```ts
   * await client.boards.archiveCard(card.id);
   * ```
   */
  archiveCard(cardId: string, options: CallOptions = {}): QueuedAnswer<Card> {
    return this.#write<Card>('POST', boardPaths.cardArchive(cardId), undefined, boardIntents.archiveCard, cardId, options);
  }

  /**
   * Restores an archived card to its column, where it was.
   * @example
   * ```ts
   * await client.boards.restoreCard(card.id);
   * ```
   */
  restoreCard(cardId: string, options: CallOptions = {}): QueuedAnswer<Card> {
    return this.#write<Card>('POST', boardPaths.cardRestore(cardId), undefined, boardIntents.restoreCard, cardId, options);
  }

  /**
   * One page of a board's archived cards, the most recently archived first.
   * @example
   * ```ts
   * const { items } = await client.boards.archivedCards(board.id);
   * ```
   */
  async archivedCards(boardId: string, options: PageOptions = {}): Promise<Page<Card>> {
    return this.#page<Card>(boardPaths.archivedCards(boardId), options);
  }

  /**
   * One page of a card's comments, oldest first.
   * @example
   * ```ts
   * const { items } = await client.boards.comments(card.id);
   * ```
   */
  async comments(cardId: string, options: PageOptions = {}): Promise<Page<Comment>> {
    return this.#page<Comment>(boardPaths.comments(cardId), options);
  }

  /**
   * Comments on a card (members and owners).
   * @example
   * ```ts
   * await client.boards.comment(card.id, 'Grille validée par la DRH.');
   * ```
   */
  comment(cardId: string, text: string, options: CallOptions = {}): Promise<Comment> {
    return this.#write<Comment>('POST', boardPaths.comments(cardId), { text }, boardIntents.comment, cardId, options);
  }

  /**
   * One page of a card's history (created, updated fields, moved, commented).
   * @example
   * ```ts
   * const { items } = await client.boards.activity(card.id);
   * ```
   */
  async activity(cardId: string, options: PageOptions = {}): Promise<Page<Activity>> {
    return this.#page<Activity>(boardPaths.activity(cardId), options);
  }

  async #page<T>(path: string, options: PageOptions): Promise<Page<T>> {
    const { body } = await this.#http.request<Page<T>>({
      method: 'GET',
      path,
      searchParams: { limit: options.limit, cursor: options.cursor },
      signal: options.signal,
    });
    return body;
  }

  /** Queues a write; the answer's body, carrying the outbox item's id (the write's client id) at once. */
  #write<T>(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    intent: string,
    target: string,
    options: CallOptions,
    extra: { headers?: Record<string, string> } = {},
  ): QueuedAnswer<T> {
    const queued = this.#outbox.send<T>({ method, path, ...(body === undefined ? {} : { body }), intent, target, ...extra }, options);
    return Object.assign(
      queued.then((response) => response.body),
      { id: queued.id },
    );
  }

  /** Drops a refused edit from the outbox: it was handled (re-applied or reported with both versions). */
  async #discardRefused(itemId: string): Promise<void> {
    if (this.#outbox.items().some((item) => item.id === itemId && item.state === 'failed')) await this.#outbox.discard(itemId);
  }
}

/** The code of `client.boards` (project boards), for {@link registerDomains}. */
export const boardsDomain: Domain<'boards'> = { name: 'boards', requires: [outboxDomain], create: (context) => new BoardsService(withCache(context)) };
