import { Message, MessageHits, Page, RoomParams, SearchQuery, SpaceParams, SpaceSearchQuery, type MessageHit } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMember } from '../spaces/access.js';
import { requireRoom } from './access.js';
import { highlightsOf } from './highlights.js';
import { presentMessages } from './present.js';
import { withChat } from './schema.js';
import { searchMessages, searchWords, type SearchScope } from './search-index.js';

/** One page of hits in `scope`, with room names and highlighted words. */
async function hitsOf(
  db: Kysely<Database>,
  scope: SearchScope,
  query: { q: string; limit?: number | undefined; cursor?: string | undefined },
  defaultLimit: number,
): Promise<MessageHits> {
  const limit = query.limit ?? defaultLimit;
  const before = query.cursor === undefined ? null : (decodeCursor(query.cursor, 1)[0] ?? null);
  const words = searchWords(query.q);
  if (words === null) return { items: [], nextCursor: null };
  const rows = await searchMessages(db, scope, words, { before, limit: limit + 1 });
  const page = toPage(rows, limit, (row) => row, (row) => [row.id]);
  const messages = await presentMessages(db, page.items);
  const roomIds = [...new Set(messages.map((m) => m.roomId))];
  const rooms = roomIds.length === 0 ? [] : await withChat(db).selectFrom('rooms').select(['id', 'name']).where('id', 'in', roomIds).execute();
  const names = new Map(rooms.map((r) => [r.id, r.name]));
  const items: MessageHit[] = messages.map((message) => ({
    message,
    roomName: names.get(message.roomId) ?? '',
    highlights: highlightsOf(message.text, words),
  }));
  return { items, nextCursor: page.nextCursor };
}

/**
 * `GET /v1/rooms/:roomId/search?q=` and `GET /v1/spaces/:spaceId/search?q=`: accent- and
 * case-insensitive full text, newest first, for members of the space only (same 404 as reading).
 */
export function registerSearchRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;

  app.get(
    '/v1/rooms/:roomId/search',
    {
      schema: {
        tags: ['chat'],
        summary: 'Search a room’s messages and replies (« conges » finds « congés »), newest first',
        params: RoomParams,
        querystring: SearchQuery,
        response: { 200: Page(Message), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { room } = await requireRoom(db, request.params.roomId, user.id);
      const limit = request.query.limit ?? pageSize.default;
      const before = request.query.cursor === undefined ? null : (decodeCursor(request.query.cursor, 1)[0] ?? null);
      const words = searchWords(request.query.q);
      if (words === null) return { items: [], nextCursor: null };
      const rows = await searchMessages(db, { roomId: room.id }, words, { before, limit: limit + 1 });
      const page = toPage(rows, limit, (row) => row, (row) => [row.id]);
      return { items: await presentMessages(db, page.items), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/spaces/:spaceId/search',
    {
      schema: {
        tags: ['chat'],
        summary: 'Search the messages of every room of a space (or of `roomId`), newest first, with the words to highlight',
        params: SpaceParams,
        querystring: SpaceSearchQuery,
        response: { 200: MessageHits, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { spaceId } = request.params;
      await requireMember(db, spaceId, user.id);
      const { roomId } = request.query;
      if (roomId !== undefined) {
        const { room } = await requireRoom(db, roomId, user.id);
        if (room.space_id !== spaceId) throw new ProblemError('not-found', 'No such room.');
        return hitsOf(db, { roomId }, request.query, 20);
      }
      return hitsOf(db, { spaceId }, request.query, 20);
    },
  );
}
