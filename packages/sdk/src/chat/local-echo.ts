import type { Attachment, Author, Message, Reaction, SendMessage } from '@bureau/api';
import type { OutboxItem } from '../outbox/item.js';
import type { ChatMessage } from './chat-message.js';
import { chatIntents, chatPaths } from './keys.js';

/** What a timeline shows: the top-level messages of a room, or the replies of one thread. Not for hosts (not exported from the package's index; kept in the declarations, which use it). */
export interface Scope {
  roomId: string;
  /** The thread's root message, or `null` for the room's top level. */
  threadId: string | null;
}

/** Who is writing from this browser, for the local copies of their messages. @internal */
export interface Me {
  author: Author;
  spaceId: string;
  /** Files this browser attached, by id (name, size, type for the local copies). */
  attached?: ReadonlyMap<string, Attachment>;
}

/** The client id an outbox item's write carries now: the `clientId` the server echoes for it. @internal */
export function clientIdOf(item: OutboxItem): string {
  return item.idempotencyKey ?? item.id;
}

/** Whether an outbox item sends a message of this scope. @internal */
export function isSendOf(item: OutboxItem, scope: Scope): boolean {
  if (item.intent !== chatIntents.send || item.path !== chatPaths.messages(scope.roomId)) return false;
  return ((item.body as SendMessage | undefined)?.threadId ?? null) === scope.threadId;
}

/** Whether an outbox item changes an existing message (edit, delete, reaction). @internal */
function changesMessage(item: OutboxItem): boolean {
  return item.intent === chatIntents.edit || item.intent === chatIntents.delete || item.intent === chatIntents.react;
}

/** The local copy of a message still in the outbox. @internal */
export function localMessage(item: OutboxItem, scope: Scope, me: Me): ChatMessage {
  const body = item.body as SendMessage;
  return {
    id: item.id,
    localId: item.id,
    writeId: item.id,
    roomId: scope.roomId,
    spaceId: me.spaceId,
    author: me.author,
    text: body.text,
    threadId: scope.threadId,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    mentions: [],
    attachments: (body.attachments ?? []).map(({ fileId }) => me.attached?.get(fileId) ?? { fileId }),
    createdAt: item.createdAt,
    editedAt: null,
    deletedAt: null,
    version: 0,
    clientId: clientIdOf(item),
    status: item.state,
    ...(item.error === undefined ? {} : { error: item.error }),
  };
}

/** The emoji of a reaction write, from its path. */
function emojiOf(item: OutboxItem): string {
  return decodeURIComponent(item.path.slice(item.path.lastIndexOf('/') + 1));
}

function toggled(reactions: Reaction[], emoji: string, userId: string, on: boolean): Reaction[] {
  const current = reactions.find((reaction) => reaction.emoji === emoji);
  if (on) {
    if (current?.userIds.includes(userId)) return reactions;
    if (!current) return [...reactions, { emoji, count: 1, userIds: [userId] }];
    return reactions.map((r) => (r === current ? { ...r, count: r.count + 1, userIds: [...r.userIds, userId] } : r));
  }
  if (!current?.userIds.includes(userId)) return reactions;
  const userIds = current.userIds.filter((id) => id !== userId);
  return userIds.length === 0
    ? reactions.filter((r) => r !== current)
    : reactions.map((r) => (r === current ? { ...r, count: userIds.length, userIds } : r));
}

/** A message with one of the person's queued changes applied. @internal */
export function applyChange(message: Message, item: OutboxItem, userId: string): Message {
  switch (item.intent) {
    case chatIntents.edit:
      return { ...message, text: (item.body as { text: string }).text, editedAt: item.createdAt };
    case chatIntents.delete:
      return { ...message, text: '', deletedAt: item.createdAt, reactions: [] };
    case chatIntents.react:
      return { ...message, reactions: toggled(message.reactions, emojiOf(item), userId, item.method === 'PUT') };
    default:
      return message;
  }
}

/**
 * What a timeline keeps between two derivations: the message shown for each server message that had
 * no queued change, so that a change elsewhere derives nothing new for it (same object, same row).
 * @internal
 */
export type DerivedMemo = WeakMap<Message, ChatMessage>;

/**
 * The messages a timeline shows: the server's messages in order, with the person's queued changes
 * applied, then the local copies of the messages still in the outbox, in the order they were
 * written. A server message whose `clientId` is the client id of a send still in the outbox (the
 * stream was faster than the answer) is held back while that copy shows, so that a message is never
 * shown twice. Nothing is matched by text or time. With a `memo`, a server message with no queued
 * change is shown as the same object as last time (one new message costs one new object, not n).
 * @internal
 */
export function deriveView(
  server: readonly Message[],
  items: readonly OutboxItem[],
  scope: Scope,
  me: Me,
  localIds: ReadonlyMap<string, string>,
  memo?: DerivedMemo,
): ChatMessage[] {
  const sends = items.filter((item) => isSendOf(item, scope));
  const queued = new Set(sends.map(clientIdOf));
  const changes = new Map<string, OutboxItem[]>();
  for (const item of items) {
    if (!changesMessage(item) || item.target === undefined) continue;
    changes.set(item.target, [...(changes.get(item.target) ?? []), item]);
  }
  const shown: ChatMessage[] = [];
  for (const message of server) {
    if (message.clientId !== null && queued.has(message.clientId)) continue;
    const pending = changes.get(message.id);
    const localId = localIds.get(message.id);
    if (pending === undefined) {
      const known = memo?.get(message);
      if (known !== undefined && known.localId === localId) {
        shown.push(known);
        continue;
      }
      const derived: ChatMessage = { ...message, ...(localId === undefined ? {} : { localId }), status: 'sent' };
      memo?.set(message, derived);
      shown.push(derived);
      continue;
    }
    const failed = pending.find((item) => item.state === 'failed');
    const writeId = failed?.id ?? pending.at(-1)?.id;
    const changed = pending.reduce((m, item) => applyChange(m, item, me.author.id), message);
    shown.push({
      ...changed,
      ...(localId === undefined ? {} : { localId }),
      ...(writeId === undefined ? {} : { writeId }),
      status: failed ? 'failed' : 'pending',
      ...(failed?.error === undefined ? {} : { error: failed.error }),
    });
  }
  for (const item of sends) shown.push(localMessage(item, scope, me));
  return shown;
}

/** Orders messages as the server does: by creation time, then id. @internal */
export function byCreation(a: Message, b: Message): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
