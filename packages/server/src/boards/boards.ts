import { Board, BoardDetail, BoardParams, BoardsQuery, CreateBoard, Page, SpaceParams, UpdateBoard, type LabelInput } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Transaction } from 'kysely';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { afterKey, decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { etagOf, preconditionFails } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMember } from '../spaces/access.js';
import { requireBoard, requireWriter } from './access.js';
import { newBoardId, newLabelId } from './ids.js';
import { labelsOf, presentBoard, presentBoardCards, presentBoardWith, presentColumn } from './present.js';
import { withBoards, type BoardRow, type LabelRow } from './schema.js';

/**
 * Writes the board's whole label set: listed ids are kept (renamed, recoloured, reordered), new
 * ones created, and the others deleted (their cards lose them). 422 for an id of another board.
 */
async function replaceLabels(trx: Transaction<Database>, boardId: string, input: readonly LabelInput[]): Promise<LabelRow[]> {
  const b = withBoards(trx);
  const current = await labelsOf(trx, boardId);
  const known = new Set(current.map((label) => label.id));
  const kept = new Set<string>();
  const next: LabelRow[] = input.map((label, ordinal) => {
    if (label.id !== undefined && (!known.has(label.id) || kept.has(label.id))) {
      throw new ProblemError('validation-failed', 'A label id must name a label of this board, once.', {
        errors: [{ pointer: `/labels/${ordinal}/id`, message: 'Not a label of this board' }],
      });
    }
    const id = label.id ?? newLabelId();
    kept.add(id);
    return { id, board_id: boardId, name: label.name, color: label.color, ordinal };
  });
  const gone = current.filter((label) => !kept.has(label.id)).map((label) => label.id);
  if (gone.length > 0) await b.deleteFrom('board_labels').where('id', 'in', gone).execute();
  for (const label of next) {
    if (known.has(label.id)) {
      await b.updateTable('board_labels').set({ name: label.name, color: label.color, ordinal: label.ordinal }).where('id', '=', label.id).execute();
    } else {
      await b.insertInto('board_labels').values(label).execute();
    }
  }
  return next;
}

/** `GET/POST /v1/spaces/:spaceId/boards`, `GET/PATCH /v1/boards/:boardId`. */
export function registerBoardRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/spaces/:spaceId/boards',
    {
      schema: {
        tags: ['boards'],
        summary: 'Boards of a space, oldest first (active ones, or the archived ones with `archived=true`)',
        params: SpaceParams,
        querystring: BoardsQuery,
        response: { 200: Page(Board), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await requireMember(db, request.params.spaceId, user.id);
      const limit = request.query.limit ?? pageSize.default;
      let query = withBoards(db)
        .selectFrom('boards')
        .selectAll()
        .where('space_id', '=', request.params.spaceId)
        .where('archived', '=', request.query.archived === true ? 1 : 0);
      if (request.query.cursor !== undefined) {
        const key = decodeCursor(db, `boards:${request.params.spaceId}`, request.query.cursor, 2);
        query = query.where((eb) => afterKey(eb, ['created_at', 'id'], key));
      }
      const rows = await query.orderBy('created_at').orderBy('id').limit(limit + 1).execute();
      const page = toPage(db, `boards:${request.params.spaceId}`, rows, limit, (row) => row, (row) => [row.created_at, row.id]);
      return { items: await Promise.all(page.items.map((row) => presentBoard(db, row))), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/spaces/:spaceId/boards',
    {
      schema: {
        tags: ['boards'],
        summary: 'Create a board (members and owners; guests get 403)',
        params: SpaceParams,
        body: CreateBoard,
        response: { 201: Board, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const now = new Date().toISOString();
      const row: BoardRow = {
        id: newBoardId(),
        space_id: request.params.spaceId,
        name: request.body.name,
        archived: 0,
        created_by: user.id,
        version: 1,
        created_at: now,
        updated_at: now,
        client_id: clientIdOf(request),
      };
      const board = await events.transaction(async (trx, append) => {
        const access = await requireMember(trx, request.params.spaceId, user.id);
        requireWriter(access);
        await withBoards(trx).insertInto('boards').values(row).execute();
        const labels = request.body.labels ? await replaceLabels(trx, row.id, request.body.labels.map(({ name, color }) => ({ name, color }))) : [];
        const board = presentBoardWith(row, labels);
        await append({ type: 'board.created', spaceId: row.space_id, data: board });
        return board;
      });
      return reply.code(201).header('Location', `/v1/boards/${board.id}`).header('ETag', etagOf(board.version)).send(board);
    },
  );

  app.get(
    '/v1/boards/:boardId',
    {
      schema: {
        tags: ['boards'],
        summary: 'The whole board: the board, its columns and all its cards, in (position, id) order',
        params: BoardParams,
        response: { 200: BoardDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      // The head is read before the board: every change up to it is in the answer (a change and its
      // event commit together), so a client whose stream starts at or before it misses nothing.
      const position = String(await events.head());
      // One read transaction: the board, its columns and its cards are one consistent state.
      const detail = await db.transaction().execute(async (trx) => {
        const { board } = await requireBoard(trx, request.params.boardId, user.id);
        const columns = await withBoards(trx)
          .selectFrom('board_columns')
          .selectAll()
          .where('board_id', '=', board.id)
          .orderBy('position')
          .orderBy('id')
          .execute();
        return { board: await presentBoard(trx, board), columns: columns.map(presentColumn), cards: await presentBoardCards(trx, board.id), position };
      });
      return reply.header('Cache-Control', 'private, no-cache').send(detail);
    },
  );

  app.patch(
    '/v1/boards/:boardId',
    {
      schema: {
        tags: ['boards'],
        summary: 'Rename, archive or unarchive a board, or replace its labels (members and owners; `If-Match` optional)',
        params: BoardParams,
        body: UpdateBoard,
        response: { 200: Board, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const board = await events.transaction(async (trx, append) => {
        const access = await requireBoard(trx, request.params.boardId, user.id);
        requireWriter(access);
        if (preconditionFails(request, access.board.version)) {
          throw new ProblemError('precondition-failed', 'The board changed since you read it.', { current: await presentBoard(trx, access.board) });
        }
        const changed: BoardRow = {
          ...access.board,
          name: request.body.name ?? access.board.name,
          archived: request.body.archived === undefined ? access.board.archived : request.body.archived ? 1 : 0,
          version: access.board.version + 1,
          updated_at: new Date().toISOString(),
          client_id: clientIdOf(request),
        };
        await withBoards(trx)
          .updateTable('boards')
          .set({ name: changed.name, archived: changed.archived, version: changed.version, updated_at: changed.updated_at, client_id: changed.client_id })
          .where('id', '=', changed.id)
          .execute();
        const labels = request.body.labels ? await replaceLabels(trx, changed.id, request.body.labels) : await labelsOf(trx, changed.id);
        const board = presentBoardWith(changed, labels);
        await append({ type: 'board.updated', spaceId: changed.space_id, data: board });
        return board;
      });
      return reply.header('ETag', etagOf(board.version)).send(board);
    },
  );
}
