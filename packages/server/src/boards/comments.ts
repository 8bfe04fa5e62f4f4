import { Activity, AddComment, CardParams, Comment, Page, PageQuery } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireCard, requireOpenBoardWriter } from './access.js';
import { recordActivity, requireVisible } from './card-fields.js';
import { newCommentId } from './ids.js';
import { presentActivity, presentCard } from './present.js';
import { withBoards } from './schema.js';

/** `GET/POST /v1/cards/:cardId/comments`, `GET /v1/cards/:cardId/activity`: oldest first. */
export function registerCommentRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/cards/:cardId/comments',
    {
      schema: {
        tags: ['boards'],
        summary: 'Comments of a card, oldest first',
        params: CardParams,
        querystring: PageQuery,
        response: { 200: Page(Comment), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { card } = await requireCard(db, request.params.cardId, user.id);
      const limit = request.query.limit ?? pageSize.default;
      let query = withBoards(db)
        .selectFrom('card_comments')
        .innerJoin('users', 'users.id', 'card_comments.author_id')
        .selectAll('card_comments')
        .select('users.name as author_name')
        .where('card_comments.card_id', '=', card.id);
      if (request.query.cursor !== undefined) {
        const [id = ''] = decodeCursor(db, `comments:${card.id}`, request.query.cursor, 1);
        query = query.where('card_comments.id', '>', id);
      }
      const rows = await query.orderBy('card_comments.id').limit(limit + 1).execute();
      return toPage(
        db,
        `comments:${card.id}`,
        rows,
        limit,
        (row): Comment => ({
          id: row.id,
          cardId: row.card_id,
          boardId: row.board_id,
          author: { id: row.author_id, name: row.author_name },
          text: row.text,
          createdAt: row.created_at,
        }),
        (row) => [row.id],
      );
    },
  );

  app.post(
    '/v1/cards/:cardId/comments',
    {
      schema: {
        tags: ['boards'],
        summary: 'Comment on a card (members and owners; guests get 403)',
        params: CardParams,
        body: AddComment,
        response: { 201: Comment, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const comment = await events.transaction(async (trx, append) => {
        const access = await requireCard(trx, request.params.cardId, user.id);
        requireOpenBoardWriter(access);
        const text = requireVisible(request.body.text, '/text');
        const now = new Date().toISOString();
        const comment: Comment = {
          id: newCommentId(),
          cardId: access.card.id,
          boardId: access.board.id,
          author: { id: user.id, name: user.name },
          text,
          createdAt: now,
        };
        const b = withBoards(trx);
        await b
          .insertInto('card_comments')
          .values({ id: comment.id, card_id: comment.cardId, board_id: comment.boardId, author_id: user.id, text, created_at: now })
          .execute();
        const changed = { ...access.card, comment_count: access.card.comment_count + 1, version: access.card.version + 1, updated_at: now };
        await b
          .updateTable('cards')
          .set({ comment_count: changed.comment_count, version: changed.version, updated_at: now })
          .where('id', '=', changed.id)
          .execute();
        await recordActivity(trx, { cardId: changed.id, actorId: user.id, kind: 'commented', data: { commentId: comment.id }, at: now });
        await append({ type: 'comment.created', spaceId: access.board.space_id, data: { comment, card: await presentCard(trx, changed) } });
        return comment;
      });
      return reply.code(201).send(comment);
    },
  );

  app.get(
    '/v1/cards/:cardId/activity',
    {
      schema: {
        tags: ['boards'],
        summary: 'History of a card (created, updated, moved, commented), oldest first',
        params: CardParams,
        querystring: PageQuery,
        response: { 200: Page(Activity), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { card } = await requireCard(db, request.params.cardId, user.id);
      const limit = request.query.limit ?? pageSize.default;
      let query = withBoards(db)
        .selectFrom('card_activity')
        .innerJoin('users', 'users.id', 'card_activity.actor_id')
        .selectAll('card_activity')
        .select('users.name as actor_name')
        .where('card_activity.card_id', '=', card.id);
      if (request.query.cursor !== undefined) {
        const [id = ''] = decodeCursor(db, `activity:${card.id}`, request.query.cursor, 1);
        query = query.where('card_activity.id', '>', id);
      }
      const rows = await query.orderBy('card_activity.id').limit(limit + 1).execute();
      return toPage(db, `activity:${card.id}`, rows, limit, presentActivity, (row) => [row.id]);
    },
  );
}
