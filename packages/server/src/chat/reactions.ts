import { Message, ReactionParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import type { AppendEvent } from '../events/log.js';
import { etagOf } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMessage, requireNotDeleted, requireOpen, requireWriter, type MessageAccess } from './access.js';
import { presentMessage, reloadMessage } from './present.js';
import { withChat } from './schema.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** One emoji or short code: no whitespace, no control characters. */
const emojiPattern = /^[^\s\p{Cc}]+$/u;

function requireEmoji(emoji: string): string {
  if (!emojiPattern.test(emoji)) {
    throw new ProblemError('validation-failed', 'A reaction is one emoji, without spaces.', {
      errors: [{ pointer: '/emoji', message: 'Must not contain whitespace or control characters' }],
    });
  }
  return emoji;
}

async function changeReaction(
  trx: Kysely<Database>,
  append: AppendEvent,
  access: MessageAccess,
  clientId: string | null,
  change: () => Promise<bigint>,
): Promise<Message> {
  const changed = await change();
  if (changed === 0n) return presentMessage(trx, access.message);
  await withChat(trx)
    .updateTable('messages')
    .set({ version: access.message.version + 1, client_id: clientId })
    .where('id', '=', access.message.id)
    .execute();
  const message = await reloadMessage(trx, access.message.id);
  await append({ type: 'message.updated', spaceId: message.spaceId, data: message });
  return message;
}

/** `PUT` (add, idempotent) and `DELETE` (remove) `/v1/messages/:messageId/reactions/:emoji`. */
export function registerReactionRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { events } = services;

  const routes = [
    { method: 'PUT', summary: 'React with an emoji (adding it twice changes nothing)' },
    { method: 'DELETE', summary: 'Take your reaction back' },
  ] as const;
  for (const { method, summary } of routes) {
    app.route({
      method,
      url: '/v1/messages/:messageId/reactions/:emoji',
      schema: { tags: ['chat'], summary, params: ReactionParams, response: { 200: Message, ...problemResponses } },
      handler: async (request, reply) => {
        const user = requireUser(request);
        const emoji = requireEmoji(request.params.emoji);
        const message = await events.transaction(async (trx, append) => {
          const access = await requireMessage(trx, request.params.messageId, user.id);
          requireWriter(access);
          requireOpen(access);
          requireNotDeleted(access.message);
          const chat = withChat(trx);
          return changeReaction(trx, append, access, clientIdOf(request), async () => {
            if (method === 'PUT') {
              const result = await chat
                .insertInto('reactions')
                .values({ message_id: access.message.id, user_id: user.id, emoji, created_at: new Date().toISOString() })
                .onConflict((oc) => oc.doNothing())
                .executeTakeFirst();
              return result.numInsertedOrUpdatedRows ?? 0n;
            }
            const result = await chat
              .deleteFrom('reactions')
              .where('message_id', '=', access.message.id)
              .where('user_id', '=', user.id)
              .where('emoji', '=', emoji)
              .executeTakeFirst();
            return result.numDeletedRows;
          });
        });
        return reply.header('ETag', etagOf(message.version)).send(message);
      },
    });
  }
}
