import type { Attachment } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { withFiles } from '../files/schema.js';
import { liveFilesOf } from '../files/tree.js';
import { ProblemError } from '../http/problem.js';

/** What a message row stores of an attachment: the file id alone (the rest is read live). */
export interface StoredAttachment {
  fileId: string;
}

const refuse = (index: number, message: string): never => {
  throw new ProblemError('validation-failed', 'Attachments must be files of this space, outside the trash, each named once.', {
    errors: [{ pointer: `/attachments/${index}/fileId`, message }],
  });
};

/**
 * 422 unless every id names a live file (not in the trash) of `spaceId`, once. A file of another
 * space and an unknown id get the same answer: it never tells whether a file exists elsewhere.
 */
export async function requireAttachable(db: Kysely<Database>, spaceId: string, input: readonly StoredAttachment[]): Promise<StoredAttachment[]> {
  if (input.length === 0) return [];
  const ids = input.map((a) => a.fileId);
  const known = await liveFilesOf(db, spaceId, ids);
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) refuse(index, 'Already attached to this message');
    if (!known.has(id)) refuse(index, 'Not a file of this space');
    seen.add(id);
  });
  return ids.map((fileId) => ({ fileId }));
}

/** The stored attachments of a message row (JSON text). */
export const storedAttachments = (json: string): StoredAttachment[] => JSON.parse(json) as StoredAttachment[];

/**
 * The attachments of many messages as they are now, in one query: name, size and type of each file
 * still live; `{ fileId }` alone for a file moved to the trash or purged since.
 */
export async function presentAttachments(db: Kysely<Database>, stored: readonly (readonly StoredAttachment[])[]): Promise<Attachment[][]> {
  const ids = [...new Set(stored.flatMap((list) => list.map((a) => a.fileId)))];
  const rows =
    ids.length === 0
      ? []
      : await withFiles(db)
          .selectFrom('files')
          .innerJoin('file_versions', (join) =>
            join.onRef('file_versions.file_id', '=', 'files.id').onRef('file_versions.number', '=', 'files.current_version'),
          )
          .select(['files.id', 'files.name', 'file_versions.size', 'file_versions.type'])
          .where('files.id', 'in', ids)
          .where('files.deleted_at', 'is', null)
          .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return stored.map((list) =>
    list.map(({ fileId }) => {
      const file = byId.get(fileId);
      return file ? { fileId, name: file.name, size: file.size, type: file.type } : { fileId };
    }),
  );
}
