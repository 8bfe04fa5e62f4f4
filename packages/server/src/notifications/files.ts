import type { Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import type { AppendEvent } from '../events/log.js';
import { withFiles } from '../files/schema.js';
import { notify } from './notify.js';

/** A document as its notifications need it. */
export interface FileNotice {
  id: string;
  name: string;
  spaceId: string;
  folderId: string;
}

/**
 * Tells the people who follow a document that `actorId` uploaded a new version of it. Following a
 * document means having uploaded one of its versions (the first or a later one): the people who
 * work on it, without a follow button to find; reading or downloading it does not. Members of the
 * space only, as every notification (`notify`); the muted place is the document's folder.
 */
export async function notifyNewVersion(trx: Transaction<Database>, append: AppendEvent, file: FileNotice, actorId: string): Promise<void> {
  const authors = await withFiles(trx).selectFrom('file_versions').select('author_id').distinct().where('file_id', '=', file.id).execute();
  await notify(
    trx,
    append,
    {
      kind: 'version',
      spaceId: file.spaceId,
      actorId,
      placeId: file.folderId,
      place: file.name,
      excerpt: file.name,
      target: { type: 'file', folderId: file.folderId, fileId: file.id },
      targetId: file.id,
    },
    authors.map((row) => row.author_id).filter((id): id is string => id !== null),
  );
}
