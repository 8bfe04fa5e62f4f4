import { EditMessage, Message, MessageParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { etagOf, preconditionFails } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { Empty, problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMessage, requireNotDeleted, requireOpen, requireText, requireWriter } from './access.js';
import { storeMentions } from './mentions.js';
import { presentMessage, reloadMessage } from './present.js';
import { withChat } from './schema.js';
import { indexMessage, unindexMessage } from './search-index.js';

/** `PATCH /v1/messages/:messageId` (own only), `DELETE /v1/messages/:messageId` (own, or a space owner). */
export function registerMessageChangeRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { events } = services;

  app.patch(
    '/v1/messages/:messageId',
    {
      schema: {
        tags: ['chat'],
        summary: 'Edit your own message; `If-Match` guards against lost updates',
        params: MessageParams,
        body: EditMessage,
        response: { 200: Message, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const text = requireText(request.body.text);
      const edited = await events.transaction(async (trx, append) => {
        const access = await requireMessage(trx, request.params.messageId, user.id);
        requireWriter(access);
        if (access.message.author_id !== user.id) throw new ProblemError('forbidden', 'Only the author of a message may edit it.');
        requireOpen(access);
        requireNotDeleted(access.message);
        if (preconditionFails(request, access.message.version)) {
          throw new ProblemError('precondition-failed', 'The message changed since you read it.', {
            current: await presentMessage(trx, access.message),
          });
        }
        if (access.message.text === text) return presentMessage(trx, access.message);
        await withChat(trx)
          .updateTable('messages')
          .set({ text, edited_at: new Date().toISOString(), version: access.message.version + 1, client_id: clientIdOf(request) })
          .where('id', '=', access.message.id)
          .execute();
        await storeMentions(trx, { id: access.message.id, spaceId: access.message.space_id, text });
        await indexMessage(trx, access.message.id);
        const message = await reloadMessage(trx, access.message.id);
        await append({ type: 'message.updated', spaceId: message.spaceId, data: message });
        return message;
      });
      return reply.header('ETag', etagOf(edited.version)).send(edited);
    },
  );

  app.delete(
    '/v1/messages/:messageId',
    {
      schema: {
        tags: ['chat'],
        summary: 'Delete a message (its author, or an owner of the space): a tombstone stays, replies stay',
        params: MessageParams,
        response: { 204: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await events.transaction(async (trx, append) => {
        const access = await requireMessage(trx, request.params.messageId, user.id);
        if (access.message.author_id !== user.id && access.role !== 'owner') {
          throw new ProblemError('forbidden', 'Only the author of a message or an owner of the space may delete it.');
        }
        requireWriter(access);
        if (access.message.deleted_at !== null) return;
        const chat = withChat(trx);
        await unindexMessage(trx, access.message.id);
        await chat.deleteFrom('reactions').where('message_id', '=', access.message.id).execute();
        await chat.deleteFrom('mentions').where('message_id', '=', access.message.id).execute();
        await chat
          .updateTable('messages')
          .set({ text: '', attachments: '[]', deleted_at: new Date().toISOString(), version: access.message.version + 1, client_id: clientIdOf(request) })
          .where('id', '=', access.message.id)
          .execute();
        const message = await reloadMessage(trx, access.message.id);
        await append({ type: 'message.updated', spaceId: message.spaceId, data: message });
      });
      return reply.code(204).send(null);
    },
  );
}
