import { Message, Page, RoomParams, SearchQuery } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireRoom } from './access.js';
import { presentMessages } from './present.js';
import { searchRoom, searchWords } from './search-index.js';

/** `GET /v1/rooms/:roomId/search?q=`: accent- and case-insensitive full text, newest first. */
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
      const rows = await searchRoom(db, room.id, words, { before, limit: limit + 1 });
      const page = toPage(rows, limit, (row) => row, (row) => [row.id]);
      return { items: await presentMessages(db, page.items), nextCursor: page.nextCursor };
    },
  );
}
