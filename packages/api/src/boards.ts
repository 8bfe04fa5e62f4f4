import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ClientId, Id, Timestamp, VisibleName } from './common.js';
import { Author } from './chat.js';

/*
 * Project boards: a board of a space has columns, columns hold cards. Column and card order is a
 * fractional-index string (`fractional-indexing`) that the SERVER computes from the neighbours a
 * client names; lists are always ordered by `(position, id)`, so two equal positions (possible on a
 * backend without serialised writes) still give one order to everyone.
 */

const BoardName = VisibleName(120);
const ColumnName = VisibleName(80);
const LabelName = VisibleName(40);
const CardTitle = VisibleName(200);
/** Plain text with the same safe Markdown subset as chat; clients render it without injecting HTML. */
const CardDescription = Type.String({ maxLength: 20_000 });
const ChecklistText = Type.String({ minLength: 1, maxLength: 500 });
const CommentText = Type.String({ minLength: 1, maxLength: 10_000 });
/** A fractional-index key (`fractional-indexing`); compare as plain strings (code-unit order). */
const Position = Type.String({ minLength: 1, maxLength: 256, description: 'Fractional-index key; order by (position, id).' });
/** `#rrggbb`. */
const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
/** A calendar date, `YYYY-MM-DD` (the server refuses impossible dates such as 2027-02-30 with 422). */
export const DueDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A calendar date, YYYY-MM-DD.' });
/** Shown next to the column's count; NOT enforced: a move past the limit succeeds (the board shows it). */
const WipLimit = Type.Union([Type.Integer({ minimum: 1, maximum: 999 }), Type.Null()]);

/** A label of a board, applied to its cards by id. */
export const Label = Type.Object({ id: Id, name: LabelName, color: Color }, { $id: 'Label' });
export type Label = Static<typeof Label>;

/** A board of a space. `version` changes on rename, archive and label changes and makes the `ETag`. */
export const Board = Type.Object(
  {
    id: Id,
    spaceId: Id,
    name: BoardName,
    archived: Type.Boolean(),
    labels: Type.Array(Label),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer({ minimum: 1 }),
    clientId: ClientId,
  },
  { $id: 'Board' },
);
export type Board = Static<typeof Board>;

export const Column = Type.Object(
  {
    id: Id,
    boardId: Id,
    name: ColumnName,
    position: Position,
    wipLimit: WipLimit,
    version: Type.Integer({ minimum: 1 }),
    clientId: ClientId,
  },
  { $id: 'Column' },
);
export type Column = Static<typeof Column>;

export const ChecklistItem = Type.Object({ id: Id, text: ChecklistText, done: Type.Boolean() }, { $id: 'ChecklistItem' });
export type ChecklistItem = Static<typeof ChecklistItem>;

/**
 * A card. `version` changes on every change of the card — field edits, moves and new comments —
 * and makes the `ETag`. `fileIds` are files of the board's space linked to the card, in the order
 * given; a file purged from the space's trash disappears from it (one still in the trash stays listed).
 */
export const Card = Type.Object(
  {
    id: Id,
    boardId: Id,
    columnId: Id,
    position: Position,
    title: CardTitle,
    description: CardDescription,
    /** Space members (user ids), in the order they were given. */
    assignees: Type.Array(Id),
    labelIds: Type.Array(Id),
    dueDate: Type.Union([DueDate, Type.Null()]),
    checklist: Type.Array(ChecklistItem),
    commentCount: Type.Integer({ minimum: 0 }),
    fileIds: Type.Array(Id),
    /** Who created the card (null for cards made before this was recorded): with owners, who may delete it. */
    createdBy: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer({ minimum: 1 }),
    clientId: ClientId,
    /**
     * When the card was archived, null while it is on the board. Archived cards are not in the
     * board's columns (`GET /v1/boards/{id}`); `GET /v1/boards/{id}/archived-cards` lists them.
     */
    archivedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'Card' },
);
export type Card = Static<typeof Card>;

export const Comment = Type.Object(
  { id: Id, cardId: Id, boardId: Id, author: Author, text: CommentText, createdAt: Timestamp },
  { $id: 'Comment' },
);
export type Comment = Static<typeof Comment>;

const activity = <K extends string, D extends TSchema>(kind: K, data: D) =>
  Type.Object({ id: Id, cardId: Id, actor: Author, kind: Type.Literal(kind), data, at: Timestamp });

/** One entry of a card's history. `updated` lists the names of the fields that changed. */
export const Activity = Type.Union(
  [
    activity('created', Type.Object({ columnId: Id })),
    activity('updated', Type.Object({ fields: Type.Array(Type.String()) })),
    activity('moved', Type.Object({ fromColumnId: Id, toColumnId: Id })),
    activity('commented', Type.Object({ commentId: Id })),
    /** The linked files changed: ids added and removed (a change of order alone lists neither). */
    activity('files', Type.Object({ added: Type.Array(Id), removed: Type.Array(Id) })),
    activity('archived', Type.Object({})),
    activity('restored', Type.Object({})),
  ],
  { $id: 'Activity' },
);
export type Activity = Static<typeof Activity>;
export type ActivityKind = Activity['kind'];

/**
 * `GET /v1/boards/{boardId}`: the whole board in one response, columns and cards by (position, id); archived cards are left out.
 * `position` is the event-log position the board was read at: every change up to it is in the
 * response, so a client whose event stream starts at or before it misses nothing (ADR 0022, 0025).
 */
export const BoardDetail = Type.Object(
  {
    board: Board,
    columns: Type.Array(Column),
    cards: Type.Array(Card),
    position: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,15}$',
        description: 'The event-log position the board was read at (the `id` of the last event it reflects).',
      }),
    ),
  },
  { $id: 'BoardDetail' },
);
export type BoardDetail = Static<typeof BoardDetail>;

export const BoardParams = Type.Object({ boardId: Id });
export type BoardParams = Static<typeof BoardParams>;
export const ColumnParams = Type.Object({ columnId: Id });
export type ColumnParams = Static<typeof ColumnParams>;
export const CardParams = Type.Object({ cardId: Id });
export type CardParams = Static<typeof CardParams>;

/** `GET /v1/spaces/{spaceId}/boards` query: active boards by default, `archived=true` for the others. */
export const BoardsQuery = Type.Object(
  {
    archived: Type.Optional(Type.Boolean({ default: false })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type BoardsQuery = Static<typeof BoardsQuery>;

/** `GET /v1/boards/{boardId}/archived-cards` query: the most recently archived first. */
export const ArchivedCardsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type ArchivedCardsQuery = Static<typeof ArchivedCardsQuery>;

/** A label in a request: with `id` it keeps (and may rename/recolour) that label, without one it is new. */
export const LabelInput = Type.Object(
  { id: Type.Optional(Id), name: LabelName, color: Color },
  { additionalProperties: false },
);
export type LabelInput = Static<typeof LabelInput>;

/** `POST /v1/spaces/{spaceId}/boards` — members and owners; guests 403. */
export const CreateBoard = Type.Object(
  { name: BoardName, labels: Type.Optional(Type.Array(LabelInput, { maxItems: 50 })) },
  { additionalProperties: false },
);
export type CreateBoard = Static<typeof CreateBoard>;

/**
 * `PATCH /v1/boards/{boardId}` — rename, archive/unarchive, replace the labels (`If-Match` optional).
 * `labels` is the whole new set: a label left out is deleted and removed from every card.
 */
export const UpdateBoard = Type.Object(
  {
    name: Type.Optional(BoardName),
    archived: Type.Optional(Type.Boolean()),
    labels: Type.Optional(Type.Array(LabelInput, { maxItems: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateBoard = Static<typeof UpdateBoard>;

/**
 * Where to put a moved (or new) card or column, by its would-be neighbours in the destination:
 * `afterId` just above, `beforeId` just below. The server reads their CURRENT positions and stores
 * a key between `afterId` and whatever follows it now (or, without a usable `afterId`, between
 * `beforeId` and whatever precedes it now). A neighbour that is no longer in the destination is
 * ignored; with neither, the item goes to the end. So stale neighbours never fail a move, and
 * concurrent moves converge: everyone re-reading sees one order.
 */
const Placement = {
  afterId: Type.Optional(Type.Union([Id, Type.Null()])),
  beforeId: Type.Optional(Type.Union([Id, Type.Null()])),
};

/** `POST /v1/boards/{boardId}/columns`. */
export const CreateColumn = Type.Object(
  { name: ColumnName, wipLimit: Type.Optional(WipLimit), ...Placement },
  { additionalProperties: false },
);
export type CreateColumn = Static<typeof CreateColumn>;

/** `PATCH /v1/columns/{columnId}` — rename, set or clear the WIP limit (`If-Match` optional). */
export const UpdateColumn = Type.Object(
  { name: Type.Optional(ColumnName), wipLimit: Type.Optional(WipLimit) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateColumn = Static<typeof UpdateColumn>;

/** `POST /v1/columns/{columnId}/move` — reorder a column among its board's columns. */
export const MoveColumn = Type.Object({ ...Placement }, { additionalProperties: false });
export type MoveColumn = Static<typeof MoveColumn>;

/**
 * `DELETE /v1/columns/{columnId}?moveCardsTo=` — a column that still has cards needs an explicit
 * destination column of the same board (409 `conflict` otherwise); its cards go to the end of the
 * destination in their order.
 */
export const DeleteColumnQuery = Type.Object({ moveCardsTo: Type.Optional(Id) }, { additionalProperties: false });
export type DeleteColumnQuery = Static<typeof DeleteColumnQuery>;

/** A checklist item in a request: with `id` it keeps that item, without one it is new. */
export const ChecklistInput = Type.Object(
  { id: Type.Optional(Id), text: ChecklistText, done: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);
export type ChecklistInput = Static<typeof ChecklistInput>;

const CardFields = {
  description: Type.Optional(CardDescription),
  /** Must be members (or owners/guests) of the space: 422 `validation-failed` otherwise. */
  assignees: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
  /** Must be labels of the board: 422 otherwise. */
  labelIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
  dueDate: Type.Optional(Type.Union([DueDate, Type.Null()])),
  checklist: Type.Optional(Type.Array(ChecklistInput, { maxItems: 100 })),
  /** The whole set of linked files: files of the board's space not in the trash, 422 `/fileIds/<i>` otherwise. */
  fileIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
};

/** `POST /v1/boards/{boardId}/cards` — members and owners; placed like a move (end of column by default). */
export const CreateCard = Type.Object(
  { columnId: Id, title: CardTitle, ...CardFields, ...Placement },
  { additionalProperties: false },
);
export type CreateCard = Static<typeof CreateCard>;

/**
 * `PATCH /v1/cards/{cardId}` — `If-Match: "<version>"` is REQUIRED: without it, or when stale, the
 * answer is 412 `precondition-failed` with the current card in `current`. `checklist` replaces the list.
 */
export const UpdateCard = Type.Object(
  { title: Type.Optional(CardTitle), ...CardFields },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCard = Static<typeof UpdateCard>;

/**
 * `POST /v1/cards/{cardId}/move` — writes only the moved card (no `If-Match`: moves never conflict).
 * `columnId` is the destination column (of the same board).
 */
export const MoveCard = Type.Object({ columnId: Id, ...Placement }, { additionalProperties: false });
export type MoveCard = Static<typeof MoveCard>;

/** `POST /v1/cards/{cardId}/comments`. */
export const AddComment = Type.Object({ text: CommentText }, { additionalProperties: false });
export type AddComment = Static<typeof AddComment>;

// Events (envelopes as in events.ts; spaceId is the board's space).
const envelope = <K extends string, D extends TSchema>(type: K, data: D) =>
  Type.Object({
    position: Type.String({ description: 'Decimal position in the log; also the SSE `id`.' }),
    type: Type.Literal(type),
    spaceId: Type.Union([Id, Type.Null()]),
    at: Timestamp,
    data,
  });

/** Data of `column.deleted`: the cards that moved out, in their new state. */
export const ColumnDeleted = Type.Object({ id: Id, boardId: Id, moveCardsTo: Type.Union([Id, Type.Null()]), cards: Type.Array(Card) });
export type ColumnDeleted = Static<typeof ColumnDeleted>;
export const CardDeleted = Type.Object({ id: Id, boardId: Id, columnId: Id });
export type CardDeleted = Static<typeof CardDeleted>;
/** Data of `comment.created`: the comment and its card (new `commentCount` and `version`). */
export const CommentCreated = Type.Object({ comment: Comment, card: Card });
export type CommentCreated = Static<typeof CommentCreated>;

export const BoardCreatedEvent = envelope('board.created', Board);
export const BoardUpdatedEvent = envelope('board.updated', Board);
export const ColumnCreatedEvent = envelope('column.created', Column);
/** A rename, a WIP limit change or a reorder. */
export const ColumnUpdatedEvent = envelope('column.updated', Column);
export const ColumnDeletedEvent = envelope('column.deleted', ColumnDeleted);
export const CardCreatedEvent = envelope('card.created', Card);
export const CardUpdatedEvent = envelope('card.updated', Card);
export const CardMovedEvent = envelope('card.moved', Card);
export const CardDeletedEvent = envelope('card.deleted', CardDeleted);
/** The card left its column for the board's archives (`archivedAt` set). */
export const CardArchivedEvent = envelope('card.archived', Card);
/** The card is back in its column, where it was (`archivedAt` null). */
export const CardRestoredEvent = envelope('card.restored', Card);
export const CommentCreatedEvent = envelope('comment.created', CommentCreated);
