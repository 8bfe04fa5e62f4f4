import { Card, CardParams, MoveCard } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { etagOf, preconditionFails } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireCard, requireColumnOf, requireOnBoard, requireOpenBoardWriter } from './access.js';
import { recordActivity } from './card-fields.js';
import { cardsOf } from './cards.js';
import { keyFor } from './placement.js';
import { presentCard } from './present.js';
import { withBoards, type CardRow } from './schema.js';

/**
 * `POST /v1/cards/:cardId/move`. The server computes the card's new key between its named
 * neighbours' CURRENT positions (see `keyFor`) and writes that one card: no other card's position
 * or version changes, so concurrent moves never conflict and every reader converges on the order
 * of (position, id). `If-Match` is optional: a move is about order, not about the card's fields,
 * but when a client sends it (a move decided on the card as it saw it), a stale one is 412.
 */
export function registerMoveRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { events } = services;

  app.post(
    '/v1/cards/:cardId/move',
    {
      schema: {
        tags: ['boards'],
        summary: 'Move a card to a column, between `afterId` and `beforeId` as they are now (writes only this card; `If-Match` optional)',
        params: CardParams,
        body: MoveCard,
        response: { 200: Card, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const card = await events.transaction(async (trx, append) => {
        const access = await requireCard(trx, request.params.cardId, user.id);
        requireOpenBoardWriter(access);
        requireOnBoard(access);
        const { board, card: current } = access;
        if (preconditionFails(request, current.version)) {
          throw new ProblemError('precondition-failed', 'The card changed since you read it.', { current: await presentCard(trx, current) });
        }
        const column = await requireColumnOf(trx, board.id, request.body.columnId, '/columnId');
        const now = new Date().toISOString();
        const changed: CardRow = {
          ...current,
          column_id: column.id,
          position: keyFor(await cardsOf(trx, column.id, current.id), request.body),
          version: current.version + 1,
          updated_at: now,
          client_id: clientIdOf(request),
        };
        await withBoards(trx)
          .updateTable('cards')
          .set({ column_id: changed.column_id, position: changed.position, version: changed.version, updated_at: now, client_id: changed.client_id })
          .where('id', '=', current.id)
          .execute();
        await recordActivity(trx, { cardId: current.id, actorId: user.id, kind: 'moved', data: { fromColumnId: current.column_id, toColumnId: column.id }, at: now });
        const card = await presentCard(trx, changed);
        await append({ type: 'card.moved', spaceId: board.space_id, data: card });
        return card;
      });
      return reply.header('ETag', etagOf(card.version)).send(card);
    },
  );
}
