/** Cache keys of the boards domain (`<domain>:<resource>:<id>`). @internal */
export const boardKeys = {
  list: (spaceId: string) => `boards:list:${spaceId}`,
  detail: (boardId: string) => `boards:detail:${boardId}`,
} as const;

const id = encodeURIComponent;

/** API paths of the boards domain. @internal */
export const boardPaths = {
  boards: (spaceId: string) => `/v1/spaces/${id(spaceId)}/boards`,
  board: (boardId: string) => `/v1/boards/${id(boardId)}`,
  columns: (boardId: string) => `/v1/boards/${id(boardId)}/columns`,
  column: (columnId: string) => `/v1/columns/${id(columnId)}`,
  columnMove: (columnId: string) => `/v1/columns/${id(columnId)}/move`,
  cards: (boardId: string) => `/v1/boards/${id(boardId)}/cards`,
  card: (cardId: string) => `/v1/cards/${id(cardId)}`,
  cardMove: (cardId: string) => `/v1/cards/${id(cardId)}/move`,
  cardArchive: (cardId: string) => `/v1/cards/${id(cardId)}/archive`,
  cardRestore: (cardId: string) => `/v1/cards/${id(cardId)}/restore`,
  archivedCards: (boardId: string) => `/v1/boards/${id(boardId)}/archived-cards`,
  comments: (cardId: string) => `/v1/cards/${id(cardId)}/comments`,
  activity: (cardId: string) => `/v1/cards/${id(cardId)}/activity`,
} as const;

/** The `intent` of each board write in the outbox. @internal */
export const boardIntents = {
  create: 'boards.create',
  update: 'boards.update',
  createColumn: 'boards.createColumn',
  updateColumn: 'boards.updateColumn',
  moveColumn: 'boards.moveColumn',
  deleteColumn: 'boards.deleteColumn',
  createCard: 'boards.createCard',
  updateCard: 'boards.updateCard',
  moveCard: 'boards.moveCard',
  deleteCard: 'boards.deleteCard',
  archiveCard: 'boards.archiveCard',
  restoreCard: 'boards.restoreCard',
  comment: 'boards.comment',
} as const;
