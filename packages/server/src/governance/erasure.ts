import { erasedName, type Erasure } from '@bureau/api';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { BoardTables } from '../boards/schema.js';
import type { ChatTables } from '../chat/schema.js';
import { unindexMessage } from '../chat/search-index.js';
import type { Database } from '../db/index.js';
import type { FileTables } from '../files/schema.js';
import type { EventLog } from '../events/log.js';
import { ProblemError } from '../http/problem.js';
import { foldName } from '../users/fold.js';
import type { BlobStore } from '../files/blob-store.js';
import { recordAudit } from './audit.js';
import { deleteDocumentsOf } from './erasure-documents.js';
import { likeLiteral, rewriteNamesOf } from './erasure-names.js';
import type { GovernanceTables } from './schema.js';

type AllDb = Kysely<Database & ChatTables & BoardTables & FileTables & GovernanceTables>;

/** What every erasure step is told. */
export interface ErasureContext {
  userId: string;
  /** The name the person had, to be found and replaced wherever it was copied. */
  formerName: string;
  now: string;
  /** Spaces whose policy is to delete the person's content rather than keep it under the pseudonym. */
  deleteIn: readonly string[];
}

/**
 * A domain's part of an erasure, run in the erasure's transaction. Domains that copy a person's name
 * or keep content of theirs add a step here.
 */
export type ErasureStep = (trx: Transaction<Database>, context: ErasureContext) => Promise<void>;

/** The person's own notifications go; those about them name them through `actor_id`, read live. */
const eraseNotifications: ErasureStep = async (trx, c) => {
  await sql`DELETE FROM notifications WHERE user_id = ${c.userId}`.execute(trx);
};

export const erasureSteps: ErasureStep[] = [eraseNotifications];

async function deleteContent(trx: Transaction<Database>, c: ErasureContext): Promise<void> {
  if (c.deleteIn.length === 0) return;
  const db = (trx as Kysely<Database>).withTables<ChatTables & BoardTables & FileTables & GovernanceTables>() as AllDb;
  const messages = await db.selectFrom('messages').select('id').where('author_id', '=', c.userId).where('space_id', 'in', c.deleteIn).where('deleted_at', 'is', null).execute();
  for (const { id } of messages) await unindexMessage(trx, id);
  await db
    .updateTable('messages')
    .set({ text: '', attachments: '[]', deleted_at: c.now })
    .where('author_id', '=', c.userId)
    .where('space_id', 'in', c.deleteIn)
    .where('deleted_at', 'is', null)
    .execute();
  await db
    .deleteFrom('reactions')
    .where('user_id', '=', c.userId)
    .where('message_id', 'in', (eb) => eb.selectFrom('messages').select('id').where('space_id', 'in', c.deleteIn))
    .execute();
  const boards = db.selectFrom('boards').select('id').where('space_id', 'in', c.deleteIn);
  const cards = await db.selectFrom('card_comments').select('card_id').distinct().where('author_id', '=', c.userId).where('board_id', 'in', boards).execute();
  await db.deleteFrom('card_comments').where('author_id', '=', c.userId).where('board_id', 'in', boards).execute();
  for (const { card_id } of cards) {
    const { n } = await db.selectFrom('card_comments').select((eb) => eb.fn.countAll<number>().as('n')).where('card_id', '=', card_id).executeTakeFirstOrThrow();
    await db.updateTable('cards').set({ comment_count: Number(n) }).where('id', '=', card_id).execute();
  }
  // Others were told of those messages (mentions, replies) with an excerpt of them.
  await sql`DELETE FROM notifications WHERE actor_id = ${c.userId} AND kind IN ('mention', 'reply') AND space_id IN (${sql.join(c.deleteIn)})`.execute(trx);
  // The event log keeps recent changes for reconnecting clients: the deleted texts leave it too.
  const author = `%"author":{"id":${likeLiteral(JSON.stringify(c.userId))},%`;
  await sql`DELETE FROM events WHERE type LIKE 'message.%' AND space_id IN (${sql.join(c.deleteIn)}) AND payload LIKE ${author} ESCAPE '\\'`.execute(trx);
}

/** Replaces the person's name where it was copied (file versions, share links) and removes their personal data. */
async function removePersonalData(trx: Transaction<Database>, c: ErasureContext): Promise<void> {
  const db = (trx as Kysely<Database>).withTables<ChatTables & BoardTables & FileTables & GovernanceTables>() as AllDb;
  await db
    .updateTable('users')
    .set({ name: erasedName, search_name: foldName(erasedName), email: null, issuer: null, subject: null, locale: null, locale_source: null, seen_at: null, erased_at: c.now })
    .where('id', '=', c.userId)
    .execute();
  await db.updateTable('file_versions').set({ author_name: erasedName }).where('author_id', '=', c.userId).execute();
  await db.updateTable('share_links').set({ created_by_name: erasedName }).where('created_by', '=', c.userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', c.userId).execute();
  await db.deleteFrom('idempotency_keys').where('user_id', '=', c.userId).execute();
  await db.deleteFrom('read_markers').where('user_id', '=', c.userId).execute();
  await db.deleteFrom('space_activity').where('user_id', '=', c.userId).execute();
  await db.deleteFrom('rules_acceptances').where('user_id', '=', c.userId).execute();
  await db.deleteFrom('card_assignees').where('user_id', '=', c.userId).execute();
  await db.deleteFrom('memberships').where('user_id', '=', c.userId).execute();
}

/**
 * Erases a person (an instance administrator's decision): in each space they belonged to or wrote
 * in, their content is kept under the pseudonym or deleted (messages, reactions, comments,
 * documents and their stored bytes), by the space's policy; their name, e-mail and identity-provider
 * link are removed, and their mentions and name in what others wrote become the pseudonym; their
 * sessions end. Exports are removed by the caller.
 */
export async function erasePerson(deps: { events: EventLog; blobs: BlobStore }, actorId: string, userId: string): Promise<Erasure> {
  const { erasure, blobKeys } = await deps.events.transaction(async (trx, append) => {
    const db = (trx as Kysely<Database>).withTables<ChatTables & BoardTables & FileTables & GovernanceTables>() as AllDb;
    const person = await db.selectFrom('users').select(['id', 'name', 'erased_at']).where('id', '=', userId).executeTakeFirst();
    if (!person) throw new ProblemError('not-found', 'No such person.');
    if (person.erased_at !== null) throw new ProblemError('conflict', 'This person was already erased.');
    const spaceRows = await db
      .selectFrom('memberships')
      .select('space_id')
      .where('user_id', '=', userId)
      .union(db.selectFrom('messages').select('space_id').where('author_id', '=', userId))
      .union(db.selectFrom('file_versions').select('space_id').where('author_id', '=', userId))
      .union(db.selectFrom('card_comments').innerJoin('boards', 'boards.id', 'card_comments.board_id').select('boards.space_id').where('card_comments.author_id', '=', userId))
      .execute();
    const spaceIds = [...new Set(spaceRows.map((r) => r.space_id))].sort();
    const policies = spaceIds.length === 0 ? [] : await db.selectFrom('space_policies').select(['space_id', 'erasure']).where('space_id', 'in', spaceIds).execute();
    const policyOf = new Map(policies.map((p) => [p.space_id, p.erasure]));
    const spaces = spaceIds.map((spaceId) => ({ spaceId, policy: policyOf.get(spaceId) ?? ('pseudonymise' as const) }));
    const context: ErasureContext = {
      userId,
      formerName: person.name,
      now: new Date().toISOString(),
      deleteIn: spaces.filter((s) => s.policy === 'delete').map((s) => s.spaceId),
    };
    await deleteContent(trx, context);
    for (const step of erasureSteps) await step(trx, context);
    await removePersonalData(trx, context);
    await rewriteNamesOf(trx, append, userId, person.name);
    const blobKeys = await deleteDocumentsOf(trx, append, userId, context.deleteIn);
    await recordAudit(trx, { actorId, spaceId: null, action: 'person.erased', targetId: userId, detail: { spaces } });
    const erasure: Erasure = { userId, erasedAt: context.now, pseudonym: erasedName, spaces };
    return { erasure, blobKeys };
  });
  // The bytes go once the rows that pointed at them are gone for good.
  for (const key of new Set(blobKeys)) await deps.blobs.delete(key);
  return erasure;
}
