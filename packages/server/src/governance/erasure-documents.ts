import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import type { AppendEvent } from '../events/log.js';
import { presentFile } from '../files/present.js';
import { withFiles } from '../files/schema.js';
import { deleteForGood } from '../files/trash-ops.js';
import { filesWithVersion } from '../files/tree.js';

/**
 * Deletes, in the spaces of `spaceIds` (those whose policy is "delete"), every document version
 * `userId` wrote: a document with only their versions goes whole (with its share links and card
 * attachments), one that others also wrote keeps the others' versions (its current version becomes
 * the latest left). Runs in the erasure's transaction, after the person's name was replaced, so the
 * events it appends carry the pseudonym. Returns the blob keys to delete once it has committed.
 */
export async function deleteDocumentsOf(trx: Transaction<Database>, append: AppendEvent, userId: string, spaceIds: readonly string[]): Promise<string[]> {
  if (spaceIds.length === 0) return [];
  const files = withFiles(trx);
  const theirs = await files.selectFrom('file_versions').select(['file_id', 'number', 'blob_key']).where('author_id', '=', userId).where('space_id', 'in', spaceIds).execute();
  const fileIds = [...new Set(theirs.map((v) => v.file_id))].sort();
  if (fileIds.length === 0) return [];
  const others = await files.selectFrom('file_versions').select(['file_id', 'number']).where('file_id', 'in', fileIds).where((eb) => eb.or([eb('author_id', 'is', null), eb('author_id', '!=', userId)])).execute();
  const latestLeft = new Map<string, number>();
  for (const v of others) latestLeft.set(v.file_id, Math.max(v.number, latestLeft.get(v.file_id) ?? 0));
  const whole = fileIds.filter((id) => !latestLeft.has(id));
  const partly = fileIds.filter((id) => latestLeft.has(id));
  const keys: string[] = [];

  if (whole.length > 0) {
    // Their names were in the events replayed to reconnecting clients: those go, a `file.deleted` stays.
    for (const id of whole) await sql`DELETE FROM events WHERE type LIKE 'file.%' AND payload LIKE ${`%"id":${JSON.stringify(id)},%`}`.execute(trx);
    const rows = await filesWithVersion(trx as Kysely<Database>).where('files.id', 'in', whole).execute();
    keys.push(...(await deleteForGood(trx, append, rows, [])));
  }
  if (partly.length > 0) {
    await files.deleteFrom('file_versions').where('author_id', '=', userId).where('file_id', 'in', partly).execute();
    // A restored version shares its bytes with the version it restored: those stay while used.
    const dropped = [...new Set(theirs.filter((v) => latestLeft.has(v.file_id)).map((v) => v.blob_key))];
    const used = new Set((await files.selectFrom('file_versions').select('blob_key').where('blob_key', 'in', dropped).execute()).map((v) => v.blob_key));
    keys.push(...dropped.filter((key) => !used.has(key)));
    const now = new Date().toISOString();
    for (const id of partly) {
      const file = await files.selectFrom('files').select(['current_version', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      const current = latestLeft.get(id) ?? file.current_version;
      if (file.current_version === current) continue;
      await files.updateTable('files').set({ current_version: current, version: file.version + 1, updated_at: now }).where('id', '=', id).execute();
      const row = await filesWithVersion(trx as Kysely<Database>).where('files.id', '=', id).executeTakeFirstOrThrow();
      await append({ type: 'file.updated', spaceId: row.space_id, data: presentFile(row) });
    }
  }
  return keys;
}
