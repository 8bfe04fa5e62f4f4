import { ReadMarker, ReadUpdated, RoomParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { recordActivity } from '../governance/activity.js';
import { requireRoom } from './access.js';
import { withChat } from './schema.js';
import { unreadOf } from './unread.js';

/** `PUT /v1/rooms/:roomId/read`: the reader's marker, which only moves forward. */
export function registerReadRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { events } = services;

  app.put(
    '/v1/rooms/:roomId/read',
    {
      schema: {
        tags: ['chat'],
        summary: 'Mark a room read up to a message (the marker never moves backward)',
        params: RoomParams,
        body: ReadMarker,
        response: { 200: ReadUpdated, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return events.transaction(async (trx, append) => {
        const { room } = await requireRoom(trx, request.params.roomId, user.id);
        const chat = withChat(trx);
        const message = await chat
          .selectFrom('messages')
          .select('id')
          .where('id', '=', request.body.messageId)
          .where('room_id', '=', room.id)
          .executeTakeFirst();
        if (!message) throw new ProblemError('not-found', 'No such message in this room.');
        const current = await chat
          .selectFrom('read_markers')
          .select('message_id')
          .where('room_id', '=', room.id)
          .where('user_id', '=', user.id)
          .executeTakeFirst();
        await recordActivity(trx, room.space_id, user.id);
        const moved = current === undefined || message.id > current.message_id;
        if (moved) {
          const now = new Date().toISOString();
          await chat
            .insertInto('read_markers')
            .values({ room_id: room.id, user_id: user.id, message_id: message.id, updated_at: now })
            .onConflict((oc) => oc.columns(['room_id', 'user_id']).doUpdateSet({ message_id: message.id, updated_at: now }))
            .execute();
        }
        const unread = (await unreadOf(trx, [room.id], user.id)).get(room.id);
        const data: ReadUpdated = {
          roomId: room.id,
          messageId: unread?.lastReadMessageId ?? message.id,
          unreadCount: unread?.unreadCount ?? 0,
          unreadMentions: unread?.unreadMentions ?? 0,
        };
        if (moved) await append({ type: 'read.updated', spaceId: null, userId: user.id, data });
        return data;
      });
    },
  );
}
