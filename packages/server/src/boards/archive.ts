import { ArchivedCardsQuery, BoardParams, Card, CardParams, Page } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { afterKey, decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { etagOf } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireBoard, requireCard, requireOpenBoardWriter } from './access.js';
import { recordActivity } from './card-fields.js';
import { presentCard, presentCards } from './present.js';
import { withBoards, type CardRow } from './schema.js';

/**
 * `POST /v1/cards/:cardId/archive` and `/restore`, `GET /v1/boards/:boardId/archived-cards`.
 * Archiving takes a card off its column for everyone without losing anything: it keeps its column
 * and position, so restoring puts it back where it was. Who may archive is who may edit (members
 * and owners of the space; guests 403; 409 on an archived board). Both are idempotent: archiving an
 * archived card (or restoring one on the board) answers the card as it is, with no new event.
 */
export function registerArchiveRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  for (const [verb, archived] of [['archive', true], ['restore', false]] as const) {
    app.post(
      `/v1/cards/:cardId/${verb}`,
      {
        schema: {
          tags: ['boards'],
          summary: archived
            ? 'Archive a card: it leaves its column for the board’s archives (who may edit it may archive it)'
            : 'Restore an archived card to its column, where it was',
          params: CardParams,
          response: { 200: Card, ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const card = await events.transaction(async (trx, append) => {
          const access = await requireCard(trx, request.params.cardId, user.id);
          requireOpenBoardWriter(access);
          const { board, card: current } = access;
          if ((current.archived_at !== null) === archived) return presentCard(trx, current);
          const now = new Date().toISOString();
          const changed: CardRow = {
            ...current,
            archived_at: archived ? now : null,
            version: current.version + 1,
            updated_at: now,
            client_id: clientIdOf(request),
          };
          await withBoards(trx)
            .updateTable('cards')
            .set({ archived_at: changed.archived_at, version: changed.version, updated_at: now, client_id: changed.client_id })
            .where('id', '=', current.id)
            .execute();
          await recordActivity(trx, { cardId: current.id, actorId: user.id, kind: archived ? 'archived' : 'restored', data: {}, at: now });
          const card = await presentCard(trx, changed);
          await append({ type: archived ? 'card.archived' : 'card.restored', spaceId: board.space_id, data: card });
          return card;
        });
        return reply.header('ETag', etagOf(card.version)).send(card);
      },
    );
  }

  app.get(
    '/v1/boards/:boardId/archived-cards',
    {
      schema: {
        tags: ['boards'],
        summary: 'The archived cards of a board, the most recently archived first',
        params: BoardParams,
        querystring: ArchivedCardsQuery,
        response: { 200: Page(Card), ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { board } = await requireBoard(db, request.params.boardId, user.id);
      const limit = request.query.limit ?? pageSize.default;
      let query = withBoards(db).selectFrom('cards').selectAll().where('board_id', '=', board.id).where('archived_at', 'is not', null);
      if (request.query.cursor !== undefined) {
        const key = decodeCursor(db, `archived-cards:${board.id}`, request.query.cursor, 2);
        query = query.where((eb) => afterKey(eb, ['archived_at', 'id'], key, 'desc'));
      }
      const rows = await query.orderBy('archived_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      const page = toPage(db, `archived-cards:${board.id}`, rows, limit, (row) => row, (row) => [row.archived_at ?? '', row.id]);
      reply.header('Cache-Control', 'private, no-cache');
      return { items: await presentCards(db, page.items), nextCursor: page.nextCursor };
    },
  );
}
