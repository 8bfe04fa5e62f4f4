import { BoardParams, Card, CardParams, CreateCard, UpdateCard } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { etagOf, notModified, preconditionFails } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { Empty, problemResponses } from '../http/responses.js';
import { noticeOf, notifyAssigned } from '../notifications/boards.js';
import type { Services } from '../services.js';
import { requireBoard, requireCard, requireColumnOf, requireOpenBoardWriter, type CardAccess } from './access.js';
import {
  checklistFrom,
  difference,
  recordActivity,
  replaceAssignees,
  replaceFiles,
  replaceLabels,
  requireAssignable,
  requireCalendarDate,
  requireLabels,
  requireLinkable,
  requireVisible,
} from './card-fields.js';
import { newCardId } from './ids.js';
import { keyFor, type Placed } from './placement.js';
import { checklistOf, presentCard } from './present.js';
import { withBoards, type CardRow } from './schema.js';

/** The cards of a column but one, in (position, id) order. */
export const cardsOf = (db: Kysely<Database>, columnId: string, except: string | null): Promise<Placed[]> =>
  withBoards(db)
    .selectFrom('cards')
    .select(['id', 'position'])
    .where('column_id', '=', columnId)
    .where('id', '!=', except ?? '')
    .orderBy('position')
    .orderBy('id')
    .execute();

/** 412 with the current card unless `If-Match` names its version; card edits REQUIRE `If-Match`. */
async function requireCurrent(db: Kysely<Database>, request: FastifyRequest, access: CardAccess): Promise<void> {
  const missing = request.headers['if-match'] === undefined;
  if (missing || preconditionFails(request, access.card.version)) {
    throw new ProblemError(
      'precondition-failed',
      missing ? 'Editing a card needs `If-Match` with the version you edited.' : 'The card changed since you read it.',
      { current: await presentCard(db, access.card) },
    );
  }
}

/**
 * The history of one edit: an `updated` entry naming the fields given (the file links only when
 * their order alone changed) and a `files` entry with the links added and removed.
 */
async function recordChanges(
  trx: Transaction<Database>,
  entry: { cardId: string; actorId: string; at: string },
  body: UpdateCard,
  linked: readonly string[],
): Promise<void> {
  const fields = Object.keys(body).filter((field) => field !== 'fileIds');
  const files = body.fileIds ? difference(linked, body.fileIds) : { added: [], removed: [] };
  const reordered = body.fileIds !== undefined && files.added.length + files.removed.length === 0 && body.fileIds.join() !== linked.join();
  if (reordered) fields.push('fileIds');
  if (fields.length > 0) await recordActivity(trx, { ...entry, kind: 'updated', data: { fields } });
  if (files.added.length + files.removed.length > 0) await recordActivity(trx, { ...entry, kind: 'files', data: files });
}

/** `POST /v1/boards/:boardId/cards`, `GET/PATCH/DELETE /v1/cards/:cardId`. */
export function registerCardRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.post(
    '/v1/boards/:boardId/cards',
    {
      schema: {
        tags: ['boards'],
        summary: 'Add a card to a column (at its end, or next to `afterId`/`beforeId`)',
        params: BoardParams,
        body: CreateCard,
        response: { 201: Card, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body;
      const card = await events.transaction(async (trx, append) => {
        const access = await requireBoard(trx, request.params.boardId, user.id);
        requireOpenBoardWriter(access);
        const column = await requireColumnOf(trx, access.board.id, body.columnId, '/columnId');
        requireVisible(body.title, '/title');
        requireCalendarDate(body.dueDate, '/dueDate');
        const assignees = body.assignees ?? [];
        const labelIds = body.labelIds ?? [];
        const fileIds = body.fileIds ?? [];
        await requireAssignable(trx, access.board.space_id, assignees, '/assignees');
        await requireLabels(trx, access.board.id, labelIds, '/labelIds');
        await requireLinkable(trx, access.board.space_id, fileIds, [], '/fileIds');
        const now = new Date().toISOString();
        const row: CardRow = {
          id: newCardId(),
          board_id: access.board.id,
          column_id: column.id,
          position: keyFor(await cardsOf(trx, column.id, null), body),
          title: body.title,
          description: body.description ?? '',
          due_date: body.dueDate ?? null,
          checklist: JSON.stringify(checklistFrom(body.checklist ?? [], [], '/checklist')),
          comment_count: 0,
          created_by: user.id,
          client_id: clientIdOf(request),
          version: 1,
          created_at: now,
          updated_at: now,
        };
        await withBoards(trx).insertInto('cards').values(row).execute();
        await replaceAssignees(trx, row.id, assignees);
        await notifyAssigned(trx, append, noticeOf(row, access.board), { actorId: user.id, before: [], after: assignees });
        await replaceLabels(trx, row.id, labelIds);
        await replaceFiles(trx, row.id, fileIds);
        await recordActivity(trx, { cardId: row.id, actorId: user.id, kind: 'created', data: { columnId: column.id }, at: now });
        if (fileIds.length > 0) {
          await recordActivity(trx, { cardId: row.id, actorId: user.id, kind: 'files', data: { added: fileIds, removed: [] }, at: now });
        }
        const card = await presentCard(trx, row);
        await append({ type: 'card.created', spaceId: access.board.space_id, data: card });
        return card;
      });
      return reply.code(201).header('Location', `/v1/cards/${card.id}`).header('ETag', etagOf(card.version)).send(card);
    },
  );

  app.get(
    '/v1/cards/:cardId',
    {
      schema: {
        tags: ['boards'],
        summary: 'A card',
        params: CardParams,
        response: { 200: Card, 304: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { card } = await requireCard(db, request.params.cardId, user.id);
      reply.header('ETag', etagOf(card.version)).header('Cache-Control', 'private, no-cache');
      if (notModified(request, card.version)) return reply.code(304).send(null);
      return presentCard(db, card);
    },
  );

  app.patch(
    '/v1/cards/:cardId',
    {
      schema: {
        tags: ['boards'],
        summary: 'Edit a card’s fields. `If-Match` is required: without it or when stale, 412 with the current card in `current`',
        params: CardParams,
        body: UpdateCard,
        response: { 200: Card, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body;
      const card = await events.transaction(async (trx, append) => {
        const access = await requireCard(trx, request.params.cardId, user.id);
        requireOpenBoardWriter(access);
        await requireCurrent(trx, request, access);
        const { board, card: current } = access;
        if (body.title !== undefined) requireVisible(body.title, '/title');
        requireCalendarDate(body.dueDate, '/dueDate');
        if (body.assignees) await requireAssignable(trx, board.space_id, body.assignees, '/assignees');
        if (body.labelIds) await requireLabels(trx, board.id, body.labelIds, '/labelIds');
        const linked = body.fileIds ? (await presentCard(trx, current)).fileIds : [];
        if (body.fileIds) await requireLinkable(trx, board.space_id, body.fileIds, linked, '/fileIds');
        const now = new Date().toISOString();
        const changed: CardRow = {
          ...current,
          title: body.title ?? current.title,
          description: body.description ?? current.description,
          due_date: body.dueDate === undefined ? current.due_date : body.dueDate,
          checklist: body.checklist ? JSON.stringify(checklistFrom(body.checklist, checklistOf(current), '/checklist')) : current.checklist,
          version: current.version + 1,
          updated_at: now,
          client_id: clientIdOf(request),
        };
        await withBoards(trx)
          .updateTable('cards')
          .set({
            client_id: changed.client_id,
            title: changed.title,
            description: changed.description,
            due_date: changed.due_date,
            checklist: changed.checklist,
            version: changed.version,
            updated_at: now,
          })
          .where('id', '=', current.id)
          .execute();
        if (body.assignees) {
          const before = (await presentCard(trx, current)).assignees;
          await replaceAssignees(trx, current.id, body.assignees);
          await notifyAssigned(trx, append, noticeOf(changed, board), { actorId: user.id, before, after: body.assignees });
        }
        if (body.labelIds) await replaceLabels(trx, current.id, body.labelIds);
        if (body.fileIds) await replaceFiles(trx, current.id, body.fileIds);
        await recordChanges(trx, { cardId: current.id, actorId: user.id, at: now }, body, linked);
        const card = await presentCard(trx, changed);
        await append({ type: 'card.updated', spaceId: board.space_id, data: card });
        return card;
      });
      return reply.header('ETag', etagOf(card.version)).send(card);
    },
  );

  app.delete(
    '/v1/cards/:cardId',
    {
      schema: {
        tags: ['boards'],
        summary: 'Delete a card with its comments and history (space owners and the card’s author; `If-Match` optional)',
        params: CardParams,
        response: { 204: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await events.transaction(async (trx, append) => {
        const access = await requireCard(trx, request.params.cardId, user.id);
        requireOpenBoardWriter(access);
        if (access.role !== 'owner' && access.card.created_by !== user.id) {
          throw new ProblemError('forbidden', 'Only an owner of the space or the card’s author may delete it.');
        }
        if (preconditionFails(request, access.card.version)) {
          throw new ProblemError('precondition-failed', 'The card changed since you read it.', { current: await presentCard(trx, access.card) });
        }
        await withBoards(trx).deleteFrom('cards').where('id', '=', access.card.id).execute();
        await append({
          type: 'card.deleted',
          spaceId: access.board.space_id,
          data: { id: access.card.id, boardId: access.board.id, columnId: access.card.column_id },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
