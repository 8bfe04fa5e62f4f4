import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { withFiles } from './schema.js';

/** Bytes held by a space: every distinct blob of every version, in the trash or not. */
export async function usedBytes(db: Kysely<Database>, spaceId: string): Promise<number> {
  const row = await withFiles(db)
    .selectFrom((eb) =>
      eb.selectFrom('file_versions').select(['blob_key', 'size']).distinct().where('space_id', '=', spaceId).as('blobs'),
    )
    .select((eb) => eb.fn.sum<number>('size').as('used'))
    .executeTakeFirst();
  return Number(row?.used ?? 0);
}

/** Bytes announced by uploads still in flight in a space. */
async function inFlightBytes(db: Kysely<Database>, spaceId: string, except: string | null): Promise<number> {
  let query = withFiles(db).selectFrom('uploads').select((eb) => eb.fn.sum<number>('length').as('pending')).where('space_id', '=', spaceId);
  if (except !== null) query = query.where('id', '!=', except);
  const row = await query.executeTakeFirst();
  return Number(row?.pending ?? 0);
}

/**
 * 413 `payload-too-large` (with `quota` and `used` members) when `adding` more bytes would take
 * the space over its quota, counting uploads in flight except `uploadId`.
 */
export async function requireRoom(db: Kysely<Database>, spaceId: string, adding: number, quota: number | null, uploadId: string | null): Promise<void> {
  if (quota === null) return;
  const used = (await usedBytes(db, spaceId)) + (await inFlightBytes(db, spaceId, uploadId));
  if (used + adding > quota) {
    throw new ProblemError('payload-too-large', 'The space has no room left for this file (storage quota).', { quota, used, reason: 'quota' });
  }
}
