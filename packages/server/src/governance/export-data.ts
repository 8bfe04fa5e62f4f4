import type { Kysely } from 'kysely';
import type { BoardTables } from '../boards/schema.js';
import type { ChatTables } from '../chat/schema.js';
import type { Database } from '../db/index.js';
import type { FileTables } from '../files/schema.js';
import type { GovernanceTables } from './schema.js';

/** One document version the person wrote, with where its bytes are. */
export interface ExportedDocument {
  fileId: string;
  spaceId: string;
  name: string;
  version: number;
  size: number;
  type: string;
  createdAt: string;
  inTrash: boolean;
  blobKey: string;
  /** Its path in the ZIP. */
  path: string;
}

/** Everything Bureau holds about one person, as JSON-ready records, and the documents to add as files. */
export interface PersonData {
  json: Record<string, unknown>;
  documents: ExportedDocument[];
}

/** A name safe in a ZIP path: no separators, no dot-only names, at most 100 characters. */
const safeName = (name: string): string => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').slice(0, 100) || 'document';

/** Collects the person's data: only what they wrote or what is about them, nothing of anybody else. */
export async function collectPersonData(base: Kysely<Database>, userId: string): Promise<PersonData> {
  const db = base.withTables<ChatTables & BoardTables & FileTables & GovernanceTables>();
  const [profile, memberships, acceptances, messages, reactions, comments, createdCards, assignedCards, versions] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'email', 'created_at']).where('id', '=', userId).executeTakeFirstOrThrow(),
    db
      .selectFrom('memberships')
      .innerJoin('spaces', 'spaces.id', 'memberships.space_id')
      .select(['spaces.id as spaceId', 'spaces.name as spaceName', 'memberships.role', 'memberships.joined_at as joinedAt', 'memberships.referent'])
      .where('memberships.user_id', '=', userId)
      .execute(),
    db.selectFrom('rules_acceptances').select(['space_id as spaceId', 'version', 'accepted_at as acceptedAt']).where('user_id', '=', userId).execute(),
    db
      .selectFrom('messages')
      .select(['id', 'space_id as spaceId', 'room_id as roomId', 'thread_id as threadId', 'text', 'attachments', 'created_at as createdAt', 'edited_at as editedAt'])
      .where('author_id', '=', userId)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .execute(),
    db.selectFrom('reactions').select(['message_id as messageId', 'emoji', 'created_at as createdAt']).where('user_id', '=', userId).execute(),
    db.selectFrom('card_comments').select(['id', 'card_id as cardId', 'text', 'created_at as createdAt']).where('author_id', '=', userId).orderBy('id').execute(),
    db.selectFrom('cards').select(['id', 'board_id as boardId', 'title', 'description', 'due_date as dueDate', 'created_at as createdAt']).where('created_by', '=', userId).execute(),
    db.selectFrom('card_assignees').innerJoin('cards', 'cards.id', 'card_assignees.card_id').select(['cards.id', 'cards.board_id as boardId', 'cards.title']).where('card_assignees.user_id', '=', userId).execute(),
    db
      .selectFrom('file_versions')
      .innerJoin('files', 'files.id', 'file_versions.file_id')
      .select(['files.id', 'files.space_id', 'files.name', 'files.deleted_at', 'file_versions.number', 'file_versions.size', 'file_versions.type', 'file_versions.created_at', 'file_versions.blob_key'])
      .where('file_versions.author_id', '=', userId)
      .orderBy('files.id')
      .orderBy('file_versions.number')
      .execute(),
  ]);
  const documents = versions.map((v) => ({
    fileId: v.id,
    spaceId: v.space_id,
    name: v.name,
    version: v.number,
    size: v.size,
    type: v.type,
    createdAt: v.created_at,
    inTrash: v.deleted_at !== null,
    blobKey: v.blob_key,
    path: `documents/${v.id}/v${v.number}-${safeName(v.name)}`,
  }));
  return {
    json: {
      'profile.json': { id: profile.id, name: profile.name, email: profile.email, createdAt: profile.created_at },
      'spaces.json': memberships.map((m) => ({ ...m, referent: m.referent === 1 })),
      'rules-acceptances.json': acceptances,
      'messages.json': messages.map(({ attachments, ...m }) => ({ ...m, attachments: JSON.parse(attachments) as unknown })),
      'reactions.json': reactions,
      'card-comments.json': comments,
      'cards-created.json': createdCards,
      'cards-assigned.json': assignedCards,
      'documents.json': documents.map(({ blobKey: _, ...d }) => d),
    },
    documents,
  };
}
