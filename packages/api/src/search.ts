import { Type, type Static } from '@sinclair/typebox';
import { Id } from './common.js';
import { Message } from './chat.js';

/** `[start, end)` offsets in UTF-16 code units of a matching word in a text, to highlight it. */
export const Highlight = Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })]);
export type Highlight = Static<typeof Highlight>;

/**
 * One message found by a search, with the name of its room and the ranges of `message.text` that
 * match (render the text as text and mark these ranges: never HTML).
 */
export const MessageHit = Type.Object(
  {
    message: Message,
    roomName: Type.String(),
    highlights: Type.Array(Highlight),
  },
  { $id: 'MessageHit' },
);
export type MessageHit = Static<typeof MessageHit>;

/** `GET /v1/spaces/{spaceId}/search?q=` (every room of the space) and `GET /v1/rooms/{roomId}/search?q=`. */
export const MessageHits = Type.Object({ items: Type.Array(MessageHit), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type MessageHits = Static<typeof MessageHits>;

/** Query of a space-wide search: `roomId` narrows it to one room of the space. */
export const SpaceSearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200 }),
    roomId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type SpaceSearchQuery = Static<typeof SpaceSearchQuery>;
