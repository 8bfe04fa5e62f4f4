import { Message, MessagePage, MessageParams, MessagesQuery, RoomParams, SendMessage } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { etagOf } from '../http/etag.js';
import { clientIdOf } from '../http/idempotency.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import { notifyNewMessage } from '../notifications/chat.js';
import type { Services } from '../services.js';
import { requireMessage, requireOpen, requireRoom, requireText, requireWriter } from './access.js';
import { addMentions, mentionedIds } from './mentions.js';
import { messagePage } from './message-pages.js';
import { presentAttachments, requireAttachable } from './attachments.js';
import { presentMessage, reloadMessage } from './present.js';
import type { SendRateLimiter } from './rate.js';
import { withChat, type MessageRow } from './schema.js';
import { addSearchRow } from './search-index.js';
import { createdMessage, newMessageRow, type NewMessageInput } from './new-message.js';
import { isPlainMessage, sendPlainMessage } from './send-sqlite.js';

/** The root of a thread in `roomId`: 404 when absent, 422 when it is itself a reply (threads do not nest). */
async function threadRoot(db: Kysely<Database>, roomId: string, threadId: string): Promise<MessageRow> {
  const root = await withChat(db).selectFrom('messages').selectAll().where('id', '=', threadId).where('room_id', '=', roomId).executeTakeFirst();
  if (!root) throw new ProblemError('not-found', 'No such thread in this room.');
  if (root.thread_id !== null) {
    throw new ProblemError('validation-failed', 'Reply to the thread’s first message: threads do not nest.', {
      errors: [{ pointer: '/threadId', message: 'Must be a top-level message' }],
    });
  }
  return root;
}

/** `GET/POST /v1/rooms/:roomId/messages`, `GET /v1/messages/:messageId`, `GET /v1/messages/:messageId/replies`. */
export function registerMessageRoutes(root: FastifyInstance, services: Services, limiter: SendRateLimiter): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/rooms/:roomId/messages',
    {
      schema: {
        tags: ['chat'],
        summary: 'Top-level messages of a room: newest page first, chronological inside a page; `around` centres a page on a message',
        params: RoomParams,
        querystring: MessagesQuery,
        response: { 200: MessagePage, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { room } = await requireRoom(db, request.params.roomId, user.id);
      return messagePage(db, { roomId: room.id, threadId: null }, request.query, events);
    },
  );

  app.post(
    '/v1/rooms/:roomId/messages',
    {
      schema: {
        tags: ['chat'],
        summary: 'Send a message, or a reply with `threadId` (members and owners; guests get 403)',
        params: RoomParams,
        body: SendMessage,
        response: { 201: Message, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const input: NewMessageInput = {
        author: { id: user.id, name: user.name },
        text: requireText(request.body.text),
        threadId: request.body.threadId ?? null,
        attachments: request.body.attachments ?? [],
        clientId: clientIdOf(request),
      };
      const roomId = request.params.roomId;
      // SQLite: the common case runs synchronously in its group commit (ADR 0016); null otherwise.
      const plain = isPlainMessage(input, mentionedIds(input.text))
        ? events.transactionSync(sendPlainMessage(db, limiter, roomId, input))
        : null;
      const message = await (plain ??
        events.transaction(async (trx, append) => {
          const access = await requireRoom(trx, roomId, user.id);
          requireWriter(access);
          requireOpen(access);
          const rootRow = input.threadId === null ? null : await threadRoot(trx, access.room.id, input.threadId);
          const attached = await requireAttachable(trx, access.room.space_id, input.attachments);
          await limiter.take(trx, user.id);
          const searchRowid = await addSearchRow(trx, { text: input.text, room_id: access.room.id });
          const row = newMessageRow(access.room, { ...input, attachments: attached }, searchRowid);
          await withChat(trx).insertInto('messages').values(row).execute();
          const mentions = await addMentions(trx, { id: row.id, spaceId: row.space_id, text: row.text });
          await notifyNewMessage(trx, append, { row, room: access.room, mentions });
          const created = createdMessage(row, input.author, mentions, (await presentAttachments(trx, [attached]))[0] ?? []);
          await append({ type: 'message.created', spaceId: row.space_id, data: created });
          if (rootRow) {
            await withChat(trx)
              .updateTable('messages')
              .set({ reply_count: rootRow.reply_count + 1, last_reply_at: row.created_at, version: rootRow.version + 1 })
              .where('id', '=', rootRow.id)
              .execute();
            await append({ type: 'message.updated', spaceId: row.space_id, data: await reloadMessage(trx, rootRow.id) });
          }
          return created;
        }));
      return reply
        .code(201)
        .header('Location', `/v1/messages/${message.id}`)
        .header('ETag', etagOf(message.version))
        .send(message);
    },
  );

  app.get(
    '/v1/messages/:messageId',
    {
      schema: {
        tags: ['chat'],
        summary: 'One message (a thread’s root, a search result)',
        params: MessageParams,
        response: { 200: Message, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { message } = await requireMessage(db, request.params.messageId, user.id);
      return reply.header('ETag', etagOf(message.version)).send(await presentMessage(db, message));
    },
  );

  app.get(
    '/v1/messages/:messageId/replies',
    {
      schema: {
        tags: ['chat'],
        summary: 'Replies of a thread: newest page first, chronological inside a page',
        params: MessageParams,
        querystring: MessagesQuery,
        response: { 200: MessagePage, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { message } = await requireMessage(db, request.params.messageId, user.id);
      return messagePage(db, { roomId: message.room_id, threadId: message.id }, request.query, events);
    },
  );
}
