/** Cache and store keys of the chat domain (`<domain>:<resource>:<id>`). @internal */
export const chatKeys = {
  rooms: (spaceId: string) => `chat:rooms:${spaceId}`,
  /** Under `chat:rooms:` too, so that a `reset` refreshes both lists. */
  archivedRooms: (spaceId: string) => `chat:rooms:archived:${spaceId}`,
  messages: (roomId: string) => `chat:messages:${roomId}`,
  draft: (roomId: string) => `chat:draft:${roomId}`,
} as const;

/** Outbox intents of the chat domain: how a queued write is recognised after a reload. @internal */
export const chatIntents = {
  send: 'chat.send',
  edit: 'chat.edit',
  delete: 'chat.delete',
  react: 'chat.react',
  read: 'chat.read',
  createRoom: 'chat.createRoom',
  updateRoom: 'chat.updateRoom',
} as const;

/** API paths of the chat domain. @internal */
export const chatPaths = {
  rooms: (spaceId: string) => `/v1/spaces/${encodeURIComponent(spaceId)}/rooms`,
  room: (roomId: string) => `/v1/rooms/${encodeURIComponent(roomId)}`,
  messages: (roomId: string) => `/v1/rooms/${encodeURIComponent(roomId)}/messages`,
  message: (messageId: string) => `/v1/messages/${encodeURIComponent(messageId)}`,
  replies: (messageId: string) => `/v1/messages/${encodeURIComponent(messageId)}/replies`,
  reaction: (messageId: string, emoji: string) =>
    `/v1/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(emoji)}`,
  read: (roomId: string) => `/v1/rooms/${encodeURIComponent(roomId)}/read`,
  typing: (roomId: string) => `/v1/rooms/${encodeURIComponent(roomId)}/typing`,
  search: (roomId: string) => `/v1/rooms/${encodeURIComponent(roomId)}/search`,
  presence: (spaceId: string) => `/v1/spaces/${encodeURIComponent(spaceId)}/presence`,
} as const;
