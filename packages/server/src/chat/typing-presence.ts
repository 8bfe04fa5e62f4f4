import { PresenceList, RoomParams, SpaceParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { Empty, problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMember } from '../spaces/access.js';
import { requireOpen, requireRoom, requireWriter } from './access.js';
import type { EphemeralBus } from './ephemeral.js';

/** `POST /v1/rooms/:roomId/typing` and `GET /v1/spaces/:spaceId/presence`: ephemeral, never stored. */
export function registerTypingPresenceRoutes(root: FastifyInstance, services: Services, bus: EphemeralBus): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;

  app.post(
    '/v1/rooms/:roomId/typing',
    {
      schema: {
        tags: ['chat'],
        summary: 'Tell the room’s other members that you are typing (an ephemeral `typing` event)',
        params: RoomParams,
        response: { 204: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const access = await requireRoom(db, request.params.roomId, user.id);
      requireWriter(access);
      requireOpen(access);
      await bus.typing({
        position: null,
        type: 'typing',
        spaceId: access.room.space_id,
        at: new Date().toISOString(),
        data: { roomId: access.room.id, user: { id: user.id, name: user.name } },
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/spaces/:spaceId/presence',
    {
      schema: {
        tags: ['chat'],
        summary: 'Members of the space with an open event stream now',
        params: SpaceParams,
        response: { 200: PresenceList, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await requireMember(db, request.params.spaceId, user.id);
      const members = await db.selectFrom('memberships').select('user_id').where('space_id', '=', request.params.spaceId).orderBy('user_id').execute();
      return { online: bus.online(members.map((m) => m.user_id)) };
    },
  );
}
