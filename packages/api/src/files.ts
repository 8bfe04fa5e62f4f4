import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ClientId, Id, Timestamp, VisibleName } from './common.js';

/**
 * Files of a space: a tree of folders under one root folder per space, files with versions,
 * a trash, and public read-only share links. Bytes go up by tus 1.0 (`/v1/uploads`) or, for small
 * files, in one plain request; they come down with `Range` support.
 */

export { maxUploadBytes, maxPlainUploadBytes, maxNameBytes, tusMetadataKeys, uploadsPath, sharePasswordHeader } from './constants.js';

/**
 * A file or folder name, stored and returned verbatim (no rewriting). Refused with 422
 * `validation-failed`: empty, more than 255 UTF-8 bytes, `/` or `\`, `.` or `..`, control
 * characters, leading or trailing spaces or dots, Windows device names (CON, PRN, AUX, NUL,
 * COM1–COM9, LPT1–LPT9, with or without extension). Two items of one folder cannot have names
 * equal after Unicode NFC normalisation and case folding: 409 `conflict`.
 */
export const ItemName = VisibleName(255, { description: 'See the naming rules in docs/api/files.md.' });

/** A person as shown next to a file. */
const FileAuthor = Type.Object({ id: Id, name: Type.String() });

/**
 * A folder. Every space has exactly one root folder (`parentId` null, `name` empty): clients show
 * the space's name for it; it cannot be renamed, moved or deleted.
 */
export const Folder = Type.Object(
  {
    id: Id,
    spaceId: Id,
    parentId: Type.Union([Id, Type.Null()]),
    name: Type.String({ maxLength: 255 }),
    /** Names from the root, joined by `/`, e.g. `/Guides RH/2026`; the root is `/`. Present on single-folder answers. */
    path: Type.Optional(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** Set while the folder is in the trash (itself or with a deleted ancestor). */
    deletedAt: Type.Union([Timestamp, Type.Null()]),
    version: Type.Integer({ minimum: 1 }),
  },
  { $id: 'Folder' },
);
export type Folder = Static<typeof Folder>;

/**
 * A file: the metadata of its current version. `type` is the media type detected from the bytes
 * (`application/octet-stream` when unknown), never the one a client claimed.
 */
export const FileItem = Type.Object(
  {
    id: Id,
    spaceId: Id,
    folderId: Id,
    name: ItemName,
    size: Type.Integer({ minimum: 0 }),
    type: Type.String(),
    /** SHA-256 of the bytes, lowercase hex. */
    checksum: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    /** Who uploaded the current version. */
    author: FileAuthor,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Type.Union([Timestamp, Type.Null()]),
    /** Increases on every change (rename, move, new version, trash, restore); makes the `ETag`. */
    version: Type.Integer({ minimum: 1 }),
    /** Number of the current content version (1 for a new file). */
    currentVersion: Type.Integer({ minimum: 1 }),
    clientId: ClientId,
  },
  { $id: 'FileItem' },
);
export type FileItem = Static<typeof FileItem>;

/** One content version of a file. */
export const FileVersion = Type.Object(
  {
    number: Type.Integer({ minimum: 1 }),
    size: Type.Integer({ minimum: 0 }),
    type: Type.String(),
    checksum: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    author: FileAuthor,
    createdAt: Timestamp,
  },
  { $id: 'FileVersion' },
);
export type FileVersion = Static<typeof FileVersion>;

/** What a share link points at. */
export const ShareTarget = Type.Object(
  {
    kind: Type.Union([Type.Literal('file'), Type.Literal('folder')]),
    id: Id,
  },
  { additionalProperties: false },
);
export type ShareTarget = Static<typeof ShareTarget>;

/**
 * A public, read-only link to a file or a folder (and what is under it). Works until `expiresAt`
 * or until revoked; with a password, the visitor must give it (form POST or `X-Share-Password`).
 */
export const ShareLink = Type.Object(
  {
    id: Id,
    spaceId: Id,
    target: Type.Object({
      kind: Type.Union([Type.Literal('file'), Type.Literal('folder')]),
      id: Id,
      /** The target's current name (empty for a space's root folder). */
      name: Type.String(),
    }),
    /** Absolute URL of the public page, `<origin>/s/<token>`. */
    url: Type.String(),
    expiresAt: Timestamp,
    hasPassword: Type.Boolean(),
    createdAt: Timestamp,
    createdBy: FileAuthor,
    revokedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'ShareLink' },
);
export type ShareLink = Static<typeof ShareLink>;

/** `GET /v1/folders/{folderId}`: a folder, the folders from the root down to it, and what it holds. */
export const FolderContents = Type.Object(
  {
    folder: Folder,
    /** From the root to the folder's parent (empty for the root). */
    breadcrumb: Type.Array(Folder),
    folders: Type.Array(Folder),
    files: Type.Array(FileItem),
  },
  { $id: 'FolderContents' },
);
export type FolderContents = Static<typeof FolderContents>;

/** `GET /v1/spaces/{spaceId}/folders`: every folder of the space not in the trash, flat; build the tree from `parentId`. */
export const FolderTree = Type.Object(
  { rootId: Id, items: Type.Array(Folder) },
  { $id: 'FolderTree' },
);
export type FolderTree = Static<typeof FolderTree>;

/** An item of the trash: deleted on its own (what was under a deleted folder comes back with it). */
export const TrashEntry = Type.Union(
  [
    Type.Object({ kind: Type.Literal('folder'), folder: Folder }),
    Type.Object({ kind: Type.Literal('file'), file: FileItem }),
  ],
  { $id: 'TrashEntry' },
);
export type TrashEntry = Static<typeof TrashEntry>;

/** Storage used by a space, in bytes (every version and the trash count); `quota` null when unlimited. */
export const SpaceUsage = Type.Object(
  { used: Type.Integer({ minimum: 0 }), quota: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) },
  { $id: 'SpaceUsage' },
);
export type SpaceUsage = Static<typeof SpaceUsage>;

// ——— Params, queries, bodies ———

export const FolderParams = Type.Object({ folderId: Id });
export type FolderParams = Static<typeof FolderParams>;
export const FileParams = Type.Object({ fileId: Id });
export type FileParams = Static<typeof FileParams>;
export const FileVersionParams = Type.Object({ fileId: Id, number: Type.Integer({ minimum: 1 }) });
export type FileVersionParams = Static<typeof FileVersionParams>;
export const ShareLinkParams = Type.Object({ shareLinkId: Id });
export type ShareLinkParams = Static<typeof ShareLinkParams>;

/** `POST /v1/spaces/{spaceId}/folders` — members and owners; `parentId` defaults to the root. */
export const CreateFolder = Type.Object(
  { name: ItemName, parentId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type CreateFolder = Static<typeof CreateFolder>;

/** `PATCH /v1/folders/{folderId}` — rename and/or move (into another folder of the same space, never into itself or below). */
export const UpdateFolder = Type.Object(
  { name: Type.Optional(ItemName), parentId: Type.Optional(Id) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFolder = Static<typeof UpdateFolder>;

/** `PATCH /v1/files/{fileId}` — rename and/or move into another folder of the same space. */
export const UpdateFile = Type.Object(
  { name: Type.Optional(ItemName), folderId: Type.Optional(Id) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFile = Static<typeof UpdateFile>;

/** `POST /v1/folders/{folderId}/files?name=…` — one plain request with the bytes as body. */
export const PlainUploadQuery = Type.Object({ name: ItemName }, { additionalProperties: false });
export type PlainUploadQuery = Static<typeof PlainUploadQuery>;

/** `GET /v1/files/{fileId}/content` and `/preview`: `version` picks an older content version. */
export const ContentQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type ContentQuery = Static<typeof ContentQuery>;

/** `POST /v1/spaces/{spaceId}/share-links` — members and owners. `expiresAt` in the future, at most a year ahead. */
export const CreateShareLink = Type.Object(
  {
    target: ShareTarget,
    expiresAt: Timestamp,
    password: Type.Optional(Type.String({ minLength: 4, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CreateShareLink = Static<typeof CreateShareLink>;

/** `GET /v1/spaces/{spaceId}/share-links` query: active links (not expired, not revoked) by default. */
export const ShareLinksQuery = Type.Object(
  {
    state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('all')], { default: 'active' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type ShareLinksQuery = Static<typeof ShareLinksQuery>;

/** `GET /v1/spaces/{spaceId}/trash` query. */
export const TrashQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type TrashQuery = Static<typeof TrashQuery>;

// ——— Public share pages (`/s/{token}`, no session) ———

/** A file as a share-link visitor sees it: no author, no space. */
export const PublicFile = Type.Object(
  { id: Id, name: Type.String(), size: Type.Integer({ minimum: 0 }), type: Type.String(), updatedAt: Timestamp },
  { $id: 'PublicFile' },
);
export type PublicFile = Static<typeof PublicFile>;

/** `GET /s/{token}` with `Accept: application/json`; `?folder=` browses below a shared folder. */
export const SharedView = Type.Object(
  {
    kind: Type.Union([Type.Literal('file'), Type.Literal('folder')]),
    name: Type.String(),
    expiresAt: Timestamp,
    file: Type.Optional(PublicFile),
    folders: Type.Optional(Type.Array(Type.Object({ id: Id, name: Type.String() }))),
    files: Type.Optional(Type.Array(PublicFile)),
  },
  { $id: 'SharedView' },
);
export type SharedView = Static<typeof SharedView>;


// ——— Events (in the log, delivered to the space's members) ———

const envelope = <K extends string, D extends TSchema>(type: K, data: D) =>
  Type.Object({
    position: Type.String({ description: 'Decimal position in the log; also the SSE `id`.' }),
    type: Type.Literal(type),
    spaceId: Type.Union([Id, Type.Null()]),
    at: Timestamp,
    data,
  });

export const FileCreatedEvent = envelope('file.created', FileItem);
/** Rename, move, new version, restore of a version, restore from the trash. */
export const FileUpdatedEvent = envelope('file.updated', FileItem);
/** Moved to the trash (`deletedAt` set) or purged for good (`purged` true). */
export const FileDeletedEvent = envelope('file.deleted', Type.Object({ file: FileItem, purged: Type.Boolean() }));
export const FolderCreatedEvent = envelope('folder.created', Folder);
/** Rename, move, restore from the trash. */
export const FolderUpdatedEvent = envelope('folder.updated', Folder);
/** Moved to the trash with everything under it, or purged for good. */
export const FolderDeletedEvent = envelope('folder.deleted', Type.Object({ folder: Folder, purged: Type.Boolean() }));
