import { CreateRoom, Page, Room, RoomParams, RoomsQuery, SpaceParams, UpdateRoom } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { afterKey, decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { etagOf, preconditionFails } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMember } from '../spaces/access.js';
import { requireRoom, requireWriter } from './access.js';
import { newRoomId } from './ids.js';
import { roomSnapshot } from './present.js';
import { withChat, type RoomRow } from './schema.js';
import { presentRoom, presentRooms, snapshotOf } from './unread.js';

/** `GET/POST /v1/spaces/:spaceId/rooms`, `GET/PATCH /v1/rooms/:roomId`. */
export function registerRoomRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/spaces/:spaceId/rooms',
    {
      schema: {
        tags: ['chat'],
        summary: 'Rooms of a space, oldest first, with the reader’s unread counts and last message',
        params: SpaceParams,
        querystring: RoomsQuery,
        response: { 200: Page(Room), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await requireMember(db, request.params.spaceId, user.id);
      const limit = request.query.limit ?? pageSize.default;
      let query = withChat(db)
        .selectFrom('rooms')
        .selectAll()
        .where('space_id', '=', request.params.spaceId)
        .where('archived', '=', request.query.archived === true ? 1 : 0);
      if (request.query.cursor !== undefined) {
        const key = decodeCursor(db, `rooms:${request.params.spaceId}`, request.query.cursor, 2);
        query = query.where((eb) => afterKey(eb, ['created_at', 'id'], key));
      }
      const rows = await query.orderBy('created_at').orderBy('id').limit(limit + 1).execute();
      const page = toPage(db, `rooms:${request.params.spaceId}`, rows, limit, (row) => row, (row) => [row.created_at, row.id]);
      return { items: await presentRooms(db, page.items, user.id), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/spaces/:spaceId/rooms',
    {
      schema: {
        tags: ['chat'],
        summary: 'Create a room (members and owners; guests get 403)',
        params: SpaceParams,
        body: CreateRoom,
        response: { 201: Room, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const now = new Date().toISOString();
      const room: RoomRow = {
        id: newRoomId(),
        space_id: request.params.spaceId,
        name: request.body.name,
        topic: request.body.topic ?? '',
        archived: 0,
        created_by: user.id,
        version: 1,
        created_at: now,
        updated_at: now,
        client_id: clientIdOf(request),
      };
      await events.transaction(async (trx, append) => {
        const access = await requireMember(trx, request.params.spaceId, user.id);
        if (access.role === 'guest') throw new ProblemError('forbidden', 'Guests of a space cannot create rooms.');
        await withChat(trx).insertInto('rooms').values(room).execute();
        await append({ type: 'room.created', spaceId: room.space_id, data: roomSnapshot(room, null) });
      });
      return reply
        .code(201)
        .header('Location', `/v1/rooms/${room.id}`)
        .header('ETag', etagOf(room.version))
        .send({ ...roomSnapshot(room, null), unreadCount: 0, unreadMentions: 0, lastReadMessageId: null });
    },
  );

  app.get(
    '/v1/rooms/:roomId',
    {
      schema: {
        tags: ['chat'],
        summary: 'A room, with the reader’s unread counts',
        params: RoomParams,
        response: { 200: Room, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { room } = await requireRoom(db, request.params.roomId, user.id);
      // The ETag is the room's version, for `If-Match`; the representation also carries the
      // reader's counts and last message, which change without it: never answered with 304.
      reply.header('ETag', etagOf(room.version)).header('Cache-Control', 'no-store');
      return presentRoom(db, room, user.id);
    },
  );

  app.patch(
    '/v1/rooms/:roomId',
    {
      schema: {
        tags: ['chat'],
        summary: 'Rename, change the topic, archive or unarchive a room (space owners and the room’s creator)',
        params: RoomParams,
        body: UpdateRoom,
        response: { 200: Room, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const room = await events.transaction(async (trx, append) => {
        const access = await requireRoom(trx, request.params.roomId, user.id);
        requireWriter(access);
        if (access.role !== 'owner' && access.room.created_by !== user.id) {
          throw new ProblemError('forbidden', 'Only an owner of the space or the room’s creator may change it.');
        }
        if (preconditionFails(request, access.room.version)) {
          throw new ProblemError('precondition-failed', 'The room changed since you read it.', {
            current: await presentRoom(trx, access.room, user.id),
          });
        }
        const changed: RoomRow = {
          ...access.room,
          name: request.body.name ?? access.room.name,
          topic: request.body.topic ?? access.room.topic,
          archived: request.body.archived === undefined ? access.room.archived : request.body.archived ? 1 : 0,
          version: access.room.version + 1,
          updated_at: new Date().toISOString(),
          client_id: clientIdOf(request),
        };
        await withChat(trx)
          .updateTable('rooms')
          .set({ name: changed.name, topic: changed.topic, archived: changed.archived, version: changed.version, updated_at: changed.updated_at, client_id: changed.client_id })
          .where('id', '=', changed.id)
          .execute();
        await append({ type: 'room.updated', spaceId: changed.space_id, data: await snapshotOf(trx, changed) });
        return changed;
      });
      return reply.header('ETag', etagOf(room.version)).send(await presentRoom(db, room, user.id));
    },
  );
}
