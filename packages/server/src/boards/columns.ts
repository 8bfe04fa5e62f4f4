import { BoardParams, Column, type Card, ColumnParams, CreateColumn, DeleteColumnQuery, MoveColumn, UpdateColumn } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { etagOf, preconditionFails } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { Empty, problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireBoard, requireColumn, requireOpenBoardWriter } from './access.js';
import { recordActivity } from './card-fields.js';
import { newColumnId } from './ids.js';
import { keyFor, keysAtEnd, type Placed } from './placement.js';
import { presentCard, presentColumn } from './present.js';
import { withBoards, type ColumnRow } from './schema.js';

/** The columns of a board but one, in (position, id) order. */
const columnsOf = (db: Kysely<Database>, boardId: string, except: string | null): Promise<Placed[]> =>
  withBoards(db)
    .selectFrom('board_columns')
    .select(['id', 'position'])
    .where('board_id', '=', boardId)
    .where('id', '!=', except ?? '')
    .orderBy('position')
    .orderBy('id')
    .execute();

/** The first column of the board other than `except`, or null. */
async function firstOtherColumn(db: Kysely<Database>, boardId: string, except: string): Promise<string | null> {
  const row = await withBoards(db)
    .selectFrom('board_columns')
    .select('id')
    .where('board_id', '=', boardId)
    .where('id', '!=', except)
    .orderBy('position')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** `POST /v1/boards/:boardId/columns`, `PATCH/DELETE /v1/columns/:columnId`, `POST /v1/columns/:columnId/move`. */
export function registerColumnRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { events } = services;

  app.post(
    '/v1/boards/:boardId/columns',
    {
      schema: {
        tags: ['boards'],
        summary: 'Add a column (at the end, or next to `afterId`/`beforeId`)',
        params: BoardParams,
        body: CreateColumn,
        response: { 201: Column, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const column = await events.transaction(async (trx, append) => {
        const access = await requireBoard(trx, request.params.boardId, user.id);
        requireOpenBoardWriter(access);
        const now = new Date().toISOString();
        const row: ColumnRow = {
          id: newColumnId(),
          board_id: access.board.id,
          name: request.body.name,
          position: keyFor(await columnsOf(trx, access.board.id, null), request.body),
          wip_limit: request.body.wipLimit ?? null,
          version: 1,
          created_at: now,
          updated_at: now,
          client_id: clientIdOf(request),
        };
        await withBoards(trx).insertInto('board_columns').values(row).execute();
        const column = presentColumn(row);
        await append({ type: 'column.created', spaceId: access.board.space_id, data: column });
        return column;
      });
      return reply.code(201).header('Location', `/v1/columns/${column.id}`).header('ETag', etagOf(column.version)).send(column);
    },
  );

  app.patch(
    '/v1/columns/:columnId',
    {
      schema: {
        tags: ['boards'],
        summary: 'Rename a column or set its WIP limit (shown, not enforced; `If-Match` optional)',
        params: ColumnParams,
        body: UpdateColumn,
        response: { 200: Column, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const column = await events.transaction(async (trx, append) => {
        const access = await requireColumn(trx, request.params.columnId, user.id);
        requireOpenBoardWriter(access);
        if (preconditionFails(request, access.column.version)) {
          throw new ProblemError('precondition-failed', 'The column changed since you read it.', { current: presentColumn(access.column) });
        }
        const changed: ColumnRow = {
          ...access.column,
          name: request.body.name ?? access.column.name,
          wip_limit: request.body.wipLimit === undefined ? access.column.wip_limit : request.body.wipLimit,
          version: access.column.version + 1,
          updated_at: new Date().toISOString(),
          client_id: clientIdOf(request),
        };
        await withBoards(trx)
          .updateTable('board_columns')
          .set({ name: changed.name, wip_limit: changed.wip_limit, version: changed.version, updated_at: changed.updated_at, client_id: changed.client_id })
          .where('id', '=', changed.id)
          .execute();
        const column = presentColumn(changed);
        await append({ type: 'column.updated', spaceId: access.board.space_id, data: column });
        return column;
      });
      return reply.header('ETag', etagOf(column.version)).send(column);
    },
  );

  app.post(
    '/v1/columns/:columnId/move',
    {
      schema: {
        tags: ['boards'],
        summary: 'Reorder a column: the server places it next to `afterId` / `beforeId` as they are now (`If-Match` optional)',
        params: ColumnParams,
        body: MoveColumn,
        response: { 200: Column, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const column = await events.transaction(async (trx, append) => {
        const access = await requireColumn(trx, request.params.columnId, user.id);
        requireOpenBoardWriter(access);
        if (preconditionFails(request, access.column.version)) {
          throw new ProblemError('precondition-failed', 'The column changed since you read it.', { current: presentColumn(access.column) });
        }
        const changed: ColumnRow = {
          ...access.column,
          position: keyFor(await columnsOf(trx, access.board.id, access.column.id), request.body),
          version: access.column.version + 1,
          updated_at: new Date().toISOString(),
          client_id: clientIdOf(request),
        };
        await withBoards(trx)
          .updateTable('board_columns')
          .set({ position: changed.position, version: changed.version, updated_at: changed.updated_at, client_id: changed.client_id })
          .where('id', '=', changed.id)
          .execute();
        const column = presentColumn(changed);
        await append({ type: 'column.updated', spaceId: access.board.space_id, data: column });
        return column;
      });
      return reply.header('ETag', etagOf(column.version)).send(column);
    },
  );

  app.delete(
    '/v1/columns/:columnId',
    {
      schema: {
        tags: ['boards'],
        summary: 'Delete a column; one that has cards needs `moveCardsTo` (409 otherwise), its cards go to that column’s end',
        params: ColumnParams,
        querystring: DeleteColumnQuery,
        response: { 204: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await events.transaction(async (trx, append) => {
        const access = await requireColumn(trx, request.params.columnId, user.id);
        requireOpenBoardWriter(access);
        if (preconditionFails(request, access.column.version)) {
          throw new ProblemError('precondition-failed', 'The column changed since you read it.', { current: presentColumn(access.column) });
        }
        const b = withBoards(trx);
        const cards = await b.selectFrom('cards').selectAll().where('column_id', '=', access.column.id).orderBy('position').orderBy('id').execute();
        const requested = request.query.moveCardsTo ?? null;
        if (requested === access.column.id) {
          throw new ProblemError('validation-failed', 'The cards cannot move to the column being deleted.', {
            errors: [{ pointer: '/moveCardsTo', message: 'Must be another column of the board' }],
          });
        }
        if (requested === null && cards.some((card) => card.archived_at === null)) {
          throw new ProblemError('conflict', 'This column has cards: say where they go with `moveCardsTo`.');
        }
        // Archived cards keep a column to be restored to: the one named, else the board's first other one.
        const destination = requested ?? (cards.length > 0 ? await firstOtherColumn(trx, access.board.id, access.column.id) : null);
        if (cards.length > 0 && destination === null) {
          throw new ProblemError('conflict', 'This column is the last one and holds archived cards: delete them first.');
        }
        const moved: Card[] = [];
        if (destination !== null) {
          const target = await b.selectFrom('board_columns').select('id').where('id', '=', destination).where('board_id', '=', access.board.id).executeTakeFirst();
          if (!target) {
            throw new ProblemError('validation-failed', 'No such column on this board.', { errors: [{ pointer: '/moveCardsTo', message: 'Not a column of this board' }] });
          }
          const siblings = await b.selectFrom('cards').select(['id', 'position']).where('column_id', '=', destination).orderBy('position').orderBy('id').execute();
          const keys = keysAtEnd(siblings, cards.length);
          const now = new Date().toISOString();
          for (const [index, card] of cards.entries()) {
            const changed = { ...card, column_id: destination, position: keys[index] as string, version: card.version + 1, updated_at: now };
            await b
              .updateTable('cards')
              .set({ column_id: changed.column_id, position: changed.position, version: changed.version, updated_at: now })
              .where('id', '=', card.id)
              .execute();
            await recordActivity(trx, { cardId: card.id, actorId: user.id, kind: 'moved', data: { fromColumnId: access.column.id, toColumnId: destination }, at: now });
            moved.push(await presentCard(trx, changed));
          }
        }
        await b.deleteFrom('board_columns').where('id', '=', access.column.id).execute();
        await append({
          type: 'column.deleted',
          spaceId: access.board.space_id,
          data: { id: access.column.id, boardId: access.board.id, moveCardsTo: requested, cards: moved.filter((card) => card.archivedAt === null) },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
