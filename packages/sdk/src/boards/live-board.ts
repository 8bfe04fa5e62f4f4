import type { BoardDetail, BureauEvent, Card, CreateCard, UpdateCard } from '@bureau/api';
import type { Cache } from '../cache/cache.js';
import type { OutboxItem } from '../outbox/item.js';
import type { Outbox, QueuedAnswer } from '../outbox/outbox.js';
import type { OutboxChangeEvent, OutboxSentEvent } from '../outbox/outbox-events.js';
import type { Snapshot } from '../cache/snapshot.js';
import { covers, type EventStream } from '../stream/stream.js';
import type { CallOptions } from '../types/call-options.js';
import { BoardChangeEvent, BoardErrorEvent, type LiveBoardEventMap } from './board-events.js';
import { boardIntents, boardKeys } from './keys.js';
import { applyEvent, byPosition, cardsIn, localPosition, withCard, type Placement } from './ordering.js';
import { TypedEventTarget } from '../events/typed-event-target.js';

/**
 * What a {@link LiveBoard} needs from the boards service. Not for hosts (not exported from the
 * package's index); declared publicly because `LiveBoard`'s declaration names it.
 */
export interface BoardWriter {
  get(boardId: string, options: CallOptions): Promise<BoardDetail>;
  moveCard(cardId: string, placement: Placement, options: CallOptions): QueuedAnswer<Card>;
  editCard(cardId: string, change: UpdateCard, options: EditOptions): Promise<Card>;
  archiveCard(cardId: string, options: CallOptions): QueuedAnswer<Card>;
  restoreCard(cardId: string, options: CallOptions): QueuedAnswer<Card>;
}

/** Options of `edit()`. */
export interface EditOptions extends CallOptions {
  /**
   * The card as the person saw it when they started editing (e.g. when a dialog opened). Its
   * `version` is sent as `If-Match`; without it, the card as the board shows it now.
   */
  base?: Card | undefined;
}

/** What a {@link LiveBoard} is made of. @internal */
export interface LiveBoardParts {
  cache: Cache;
  stream: EventStream;
  outbox: Outbox;
  writer: BoardWriter;
}

/** The writes whose answer (a card) the board takes as soon as the server accepts them. */
const acceptedIntents = new Set<string>([boardIntents.moveCard, boardIntents.updateCard, boardIntents.archiveCard, boardIntents.restoreCard]);

/** A card move of the person's still in the outbox: its card and where it goes. */
interface PendingMove {
  cardId: string;
  placement: Placement;
}

/** A card the person added, still in the outbox. */
export interface PendingCard {
  /** The outbox item's id. */
  writeId: string;
  columnId: string;
  title: string;
}

function pendingMoveOf(item: OutboxItem): PendingMove | undefined {
  if (item.intent !== boardIntents.moveCard || item.state !== 'pending' || item.target === undefined) return undefined;
  return { cardId: item.target, placement: item.body as Placement };
}

/**
 * One board, live: the cached detail at once, the server's when it answers, then every change of
 * the stream (`board.*`, `column.*`, `card.*`, `comment.created`). The person's moves show at once
 * with a local sort key between the neighbours they chose, then take the position the server
 * computed; a remote move re-sorts. Pending moves are the outbox's move items, in order: a move
 * made offline still shows after a reload, until the server has it. Made by `client.boards.watch(boardId)`; `close()` it when done.
 *
 * @example
 * ```ts
 * const board = client.boards.watch(boardId);
 * board.addEventListener('change', (event) => render(event.detail));
 * await board.ready;
 * await board.move(cardId, { columnId: doing.id, afterId: null, beforeId: first?.id ?? null });
 * ```
 */
export class LiveBoard extends TypedEventTarget<LiveBoardEventMap> {
  /** The board's id. */
  readonly boardId: string;
  /** Resolves once the server's board has been shown; rejects if it could not be fetched. */
  readonly ready: Promise<void>;
  readonly #cache: Cache;
  readonly #writer: BoardWriter;
  readonly #outbox: Outbox;
  readonly #abort = new AbortController();
  /** The outbox's pending card moves, in order. */
  #moves: PendingMove[] = [];
  #created: readonly PendingCard[] = [];
  /** Moves asked for here and not yet in the outbox's items, by outbox item id. */
  readonly #early = new Map<string, PendingMove>();
  readonly #edits = new Map<string, UpdateCard>();
  #server: BoardDetail | undefined;
  /** The log position of the latest stream event that changed `#server`: a read older than it is stale. */
  #applied: string | undefined;
  /** Reads refused as older than the events already applied, in a row (bounded). */
  #stale = 0;
  #view: BoardDetail | undefined;

  /** @internal */
  constructor(boardId: string, parts: LiveBoardParts) {
    super();
    const { cache, stream, outbox, writer } = parts;
    this.boardId = boardId;
    this.#cache = cache;
    this.#writer = writer;
    this.#outbox = outbox;
    const { signal } = this.#abort;
    const unsubscribe = stream.subscribe('*', (event) => this.#onEvent(event));
    signal.addEventListener('abort', unsubscribe, { once: true });
    outbox.addEventListener('change', this.#onOutboxChange);
    outbox.addEventListener('sent', this.#onSent);
    signal.addEventListener('abort', () => {
      outbox.removeEventListener('change', this.#onOutboxChange);
      outbox.removeEventListener('sent', this.#onSent);
    }, { once: true });
    void outbox.ready.then(() => this.#takeItems(outbox.items()));
    // The board is asked for at once, in parallel with the stream's opening, and shown as soon as
    // it comes. If the stream then listens from at or before the position the board was read at,
    // nothing was missed; otherwise (or when either side cannot say) it is read once more (ADR 0022, 0025).
    let compared = false;
    const load = async (loadSignal: AbortSignal): Promise<BoardDetail> => {
      const listening = compared ? undefined : stream.whenListening(loadSignal);
      compared = true;
      const detail = await writer.get(boardId, { signal: loadSignal });
      void listening?.then((at) => {
        if (!covers(at, detail.position) && !loadSignal.aborted) cache.refresh(boardKeys.detail(boardId));
      });
      return detail;
    };
    this.ready = cache.watch(boardKeys.detail(boardId), load, (snapshot) => this.#onValue(snapshot), {
      signal,
      onError: (error) => this.dispatchEvent(new BoardErrorEvent(error)),
    });
    this.ready.catch((error: unknown) => {
      if (!signal.aborted) this.dispatchEvent(new BoardErrorEvent(error));
    });
  }

  /** The board as it should be shown (the server's, with the person's moves and edits on their way), once known. */
  get detail(): BoardDetail | undefined {
    return this.#view;
  }

  /**
   * The cards the person added that wait in the outbox (offline, or refused for a while): their
   * column and title, to show them as pending until the server has them (then they are cards).
   */
  get pendingCards(): readonly PendingCard[] {
    return this.#created;
  }

  /** The cards of a column, in order, as shown. */
  cardsIn(columnId: string): Card[] {
    return this.#view ? cardsIn(this.#view.cards, columnId) : [];
  }

  /** A card as shown. */
  card(cardId: string): Card | undefined {
    return this.#view?.cards.find((card) => card.id === cardId);
  }

  /**
   * Moves a card: at once here (a local position between the neighbours named), then where the
   * server put it. Resolves with the server's card; on a refusal the card goes back and the error
   * is thrown (a guest gets a 403 `HttpError`).
   * @example
   * ```ts
   * await board.move(card.id, { columnId: done.id, afterId: last?.id ?? null });
   * ```
   */
  async move(cardId: string, placement: Placement, options: CallOptions = {}): Promise<Card> {
    if (this.#view === undefined) throw new Error(`Board ${this.boardId} is not loaded yet`);
    const queued = this.#writer.moveCard(cardId, placement, options);
    this.#early.set(queued.id, { cardId, placement: { columnId: placement.columnId, afterId: placement.afterId ?? null, beforeId: placement.beforeId ?? null } });
    this.#render();
    try {
      const card = await queued;
      this.#accept(card);
      return card;
    } finally {
      this.#early.delete(queued.id);
      this.#render();
    }
  }

  /**
   * Edits a card's fields: shown at once, then the server's card. A stale edit whose fields nobody
   * else touched is re-applied on the fresh card; otherwise a `CardConflictError` carries both
   * versions (the board shows the current one).
   * @example
   * ```ts
   * await board.edit(card.id, { title: 'Relancer les managers' }, { base: cardWhenOpened });
   * ```
   */
  async edit(cardId: string, change: UpdateCard, options: EditOptions = {}): Promise<Card> {
    const base = options.base ?? this.#server?.cards.find((card) => card.id === cardId);
    this.#edits.set(cardId, { ...this.#edits.get(cardId), ...change });
    this.#render();
    try {
      const card = await this.#writer.editCard(cardId, change, { ...options, base });
      this.#accept(card);
      return card;
    } catch (error) {
      const current = (error as { current?: unknown }).current;
      if (isCard(current) && current.id === cardId) this.#accept(current);
      throw error;
    } finally {
      this.#edits.delete(cardId);
      this.#render();
    }
  }

  /**
   * Archives a card (it leaves its column once the server has it) or restores one (back in its
   * column, where it was). Resolves with the server's card; a refusal is thrown (a guest gets a
   * 403 `HttpError`).
   * @example
   * ```ts
   * await board.archive(card.id);
   * ```
   */
  async archive(cardId: string, options: CallOptions = {}): Promise<Card> {
    const card = await this.#writer.archiveCard(cardId, options);
    this.#accept(card);
    return card;
  }

  /** Restores an archived card to its column (see {@link LiveBoard.archive}). */
  async restore(cardId: string, options: CallOptions = {}): Promise<Card> {
    const card = await this.#writer.restoreCard(cardId, options);
    this.#accept(card);
    return card;
  }

  /** Takes a card the server returned (a newer version wins). */
  #accept(card: Card): void {
    if (this.#server === undefined) return;
    this.#store(withCard(this.#server, card));
  }

  /** Stops following the board. */
  close(): void {
    this.#abort.abort(new DOMException('The board was closed', 'AbortError'));
  }

  readonly #onOutboxChange = (event: OutboxChangeEvent): void => this.#takeItems(event.items);

  /** A move or edit the server accepted (also one replayed after a reload): its card, before the item leaves. */
  readonly #onSent = (event: OutboxSentEvent): void => {
    const { item, body } = event;
    if (acceptedIntents.has(item.intent) && isCard(body) && body.boardId === this.boardId) {
      this.#accept(body);
    }
  };

  #takeItems(items: readonly OutboxItem[]): void {
    const moves: PendingMove[] = [];
    this.#created = items.flatMap((item) =>
      item.intent === boardIntents.createCard && item.target === this.boardId && item.state === 'pending'
        ? [{ writeId: item.id, columnId: (item.body as CreateCard).columnId, title: (item.body as CreateCard).title }]
        : [],
    );
    for (const item of items) {
      const move = pendingMoveOf(item);
      if (move === undefined) continue;
      moves.push(move);
      this.#early.delete(item.id);
    }
    this.#moves = moves;
    this.#render();
  }

  #onValue(snapshot: Snapshot<BoardDetail>): void {
    if (snapshot.value === this.#server) return;
    const read = snapshot.value.position;
    // A read answered after the stream applied later events (a second read, asked for when the
    // stream started after the first one) would take them back: read again (a few times at most).
    if (snapshot.source === 'network' && read !== undefined && this.#applied !== undefined && BigInt(read) < BigInt(this.#applied) && this.#stale < 3) {
      this.#stale += 1;
      this.#cache.refresh(boardKeys.detail(this.boardId));
      return;
    }
    if (snapshot.source === 'network') this.#stale = 0;
    const known = this.#server;
    // A fetch may have been answered from a read older than an event already applied: keep newer cards.
    this.#server = snapshot.source === 'network' && known !== undefined ? keepNewer(snapshot.value, known) : snapshot.value;
    this.#render();
  }

  #onEvent(event: BureauEvent): void {
    if (event.type === 'reset') {
      this.#cache.refresh(boardKeys.detail(this.boardId));
      return;
    }
    if (this.#server === undefined) return;
    const next = applyEvent(this.#server, event);
    if (next === undefined) return;
    this.#applied = event.position ?? this.#applied;
    this.#store(next);
  }

  #store(next: BoardDetail): void {
    this.#server = next;
    this.#render();
    this.#cache.set(boardKeys.detail(this.boardId), next, 'stream').catch((error: unknown) => reportError(error));
  }

  #render(): void {
    const server = this.#server;
    if (server === undefined || this.#abort.signal.aborted) return;
    let cards = server.cards;
    if (this.#edits.size > 0) cards = cards.map((card) => (this.#edits.has(card.id) ? { ...card, ...stripUndefined(this.#edits.get(card.id)) } : card));
    // Each pending move in order, from where the previous ones put the cards.
    for (const { cardId, placement } of [...this.#moves, ...this.#early.values()]) {
      if (!cards.some((card) => card.id === cardId)) continue;
      const local = { columnId: placement.columnId, position: localPosition(cards, cardId, placement) };
      cards = cards.map((card) => (card.id === cardId ? { ...card, ...local } : card));
    }
    if (cards !== server.cards) cards = [...cards].sort(byPosition);
    this.#view = { ...server, cards };
    this.dispatchEvent(new BoardChangeEvent(this.#view));
  }
}

/** The fields of an edit that can be shown as-is on a card (checklist inputs are shown once sent). */
function stripUndefined(edit: UpdateCard | undefined): Partial<Card> {
  if (edit === undefined) return {};
  const { checklist: _checklist, ...rest } = edit;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Partial<Card>;
}

function keepNewer(fresh: BoardDetail, known: BoardDetail): BoardDetail {
  const newer = new Map(known.cards.map((card) => [card.id, card]));
  const cards = fresh.cards.map((card) => {
    const mine = newer.get(card.id);
    return mine !== undefined && mine.version > card.version ? mine : card;
  });
  return { ...fresh, cards: cards.sort(byPosition) };
}

function isCard(value: unknown): value is Card {
  return typeof value === 'object' && value !== null && 'columnId' in value && 'position' in value && 'version' in value;
}
