import type { PurgeReport } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat/schema.js';
import { unindexMessage } from '../chat/search-index.js';
import type { Database } from '../db/index.js';
import type { EventLog } from '../events/log.js';
import type { BlobStore } from '../files/blob-store.js';
import { deleteForGood, purgeTrash } from '../files/trash-ops.js';
import { filesWithVersion } from '../files/tree.js';
import { recordAudit } from './audit.js';
import type { PolicyRow } from './schema.js';

/** `now` minus `months` calendar months, ISO. */
export function monthsBefore(now: Date, months: number): string {
  const date = new Date(now.getTime());
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString();
}

/**
 * Messages older than the cutoff. A thread whose root is old but whose replies go on keeps its
 * root (its old replies still go): a conversation is not cut from its beginning while it lives.
 */
function oldMessages(db: Kysely<Database>, spaceId: string, cutoff: string) {
  return db
    .withTables<ChatTables>()
    .selectFrom('messages')
    .select(['id', 'room_id', 'thread_id', 'created_at'])
    .where('space_id', '=', spaceId)
    .where('created_at', '<', cutoff)
    .where((eb) => eb.or([eb('thread_id', 'is not', null), eb('last_reply_at', 'is', null), eb('last_reply_at', '<', cutoff)]))
    .orderBy('id');
}

const oldFiles = (db: Kysely<Database>, spaceId: string, cutoff: string) =>
  filesWithVersion(db).where('files.space_id', '=', spaceId).where('files.deleted_at', 'is', null).where('files.updated_at', '<', cutoff).orderBy('files.id');

export interface RetentionDeps {
  db: Kysely<Database>;
  events: EventLog;
  blobs: BlobStore;
}

/**
 * Applies a space's retention policy: messages and documents older than their limits are deleted for
 * good, and the trash older than its limit is emptied. With `dryRun`, only lists what would go.
 * A purge (not a dry run) is recorded in the audit log, by `actorId` (null: the maintenance job, which
 * records only purges that removed something).
 */
export async function applyRetention(deps: RetentionDeps, policy: PolicyRow, options: { dryRun: boolean; actorId: string | null; now?: Date }): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const spaceId = policy.space_id;
  const messageCutoff = policy.message_retention_months === null ? null : monthsBefore(now, policy.message_retention_months);
  const fileCutoff = policy.document_retention_months === null ? null : monthsBefore(now, policy.document_retention_months);
  const trashCutoff = policy.trash_retention_days === null ? null : new Date(now.getTime() - policy.trash_retention_days * 24 * 3600_000).toISOString();
  const messages = messageCutoff === null ? [] : await oldMessages(deps.db, spaceId, messageCutoff).execute();
  const files = fileCutoff === null ? [] : await oldFiles(deps.db, spaceId, fileCutoff).execute();
  const report: PurgeReport = {
    spaceId,
    dryRun: options.dryRun,
    messages: messages.map((m) => ({ id: m.id, roomId: m.room_id, createdAt: m.created_at })),
    files: files.map((f) => ({ id: f.id, name: f.name, updatedAt: f.updated_at })),
    trashedFiles: 0,
  };
  if (options.dryRun) {
    if (trashCutoff !== null) {
      const trashed = await filesWithVersion(deps.db).where('files.space_id', '=', spaceId).where('files.deleted_at', '<', trashCutoff).execute();
      report.trashedFiles = trashed.length;
    }
    return report;
  }
  const blobKeys = await deps.events.transaction(async (trx, append) => {
    const chat = (trx as Kysely<Database>).withTables<ChatTables>();
    // Replies first: a root is referenced by its replies.
    const ordered = [...messages].sort((a, b) => Number(a.thread_id === null) - Number(b.thread_id === null));
    for (const m of ordered) {
      await unindexMessage(trx, m.id);
      await chat.deleteFrom('messages').where('id', '=', m.id).execute();
    }
    const keptRoots = [...new Set(messages.flatMap((m) => (m.thread_id === null ? [] : [m.thread_id])))];
    for (const rootId of keptRoots) {
      const { n } = await chat.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('thread_id', '=', rootId).executeTakeFirstOrThrow();
      await chat.updateTable('messages').set({ reply_count: Number(n) }).where('id', '=', rootId).execute();
    }
    const keys = await deleteForGood(trx, append, files, []);
    return keys;
  });
  for (const key of new Set(blobKeys)) await deps.blobs.delete(key);
  if (trashCutoff !== null) {
    report.trashedFiles = await purgeTrash({ db: deps.db, blobs: deps.blobs, transaction: (work) => deps.events.transaction(work) }, trashCutoff, spaceId);
  }
  const removed = report.messages.length + report.files.length + report.trashedFiles;
  // The maintenance job records the purges that removed something; a person's purge is always recorded.
  if (options.actorId === null && removed === 0) return report;
  await recordAudit(deps.db, {
    actorId: options.actorId,
    spaceId,
    action: 'retention.purged',
    detail: { messages: report.messages.length, files: report.files.length, trashedFiles: report.trashedFiles, messageCutoff, fileCutoff, trashCutoff },
  });
  return report;
}
