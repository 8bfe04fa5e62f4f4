import type {
  CreateShareLink,
  FileHits,
  FileItem,
  FileSearchQuery,
  FileVersion,
  Folder,
  FolderContents,
  FolderTree,
  Page,
  ShareLink,
  SpaceUsage,
  RecentFiles,
  TrashEntry,
  UpdateFile,
  UpdateFolder,
} from '@bureau/api';
import type { Identity } from '../auth/identity.js';
import { type Cache, withCache } from '../cache/cache.js';
import type { Watcher, WatchOptions } from '../cache/snapshot.js';
import type { Http } from '../http/http.js';
import { outboxDomain, type Outbox } from '../outbox/outbox.js';
import type { GuardedWriteOptions } from '../spaces/spaces-service.js';
import type { EventStream } from '../stream/stream.js';
import type { CallOptions, PageOptions } from '../types/call-options.js';
import { fileContentUrl, type ContentUrlOptions } from './content-url.js';
import { FolderSync } from './folder-sync.js';
import { filesIntents, filesKeys, filesPaths } from './keys.js';
import { UploadManager, type UploadManagerOptions } from './upload-manager.js';
import type { Domain } from '../domains.js';

export interface FilesServiceOptions {
  http: Http;
  cache: Cache;
  outbox: Outbox;
  stream: EventStream;
  identity: Identity;
  getToken?: (() => string | Promise<string>) | undefined;
  uploads?: UploadManagerOptions | undefined;
}

/** Options of `shareLinks()`. */
export interface ShareLinksOptions extends PageOptions {
  /** `active` (default): not expired, not revoked; `all`: every link. */
  state?: 'active' | 'all' | undefined;
}

export type { ContentUrlOptions };

/**
 * Files of a space (`client.files`): folders, files, versions, the trash, share links and the
 * upload manager (`uploads`). Reads go to the network (`folder`, `tree`, `versions`…) or paint
 * from the cache first and follow the event stream (`watchFolder`); writes go through the outbox
 * (exactly once, kept across reloads) and resolve with the server's answer. Bytes go up through
 * `uploads` (tus) and come down from `contentUrl()` (with the session cookie).
 *
 * @example
 * ```ts
 * const { rootId } = await client.files.tree('espace-rh-360');
 * const controller = new AbortController();
 * await client.files.watchFolder(rootId, ({ value }) => render(value), { signal: controller.signal });
 * client.files.uploads.add(file, { spaceId: 'espace-rh-360', folderId: rootId });
 * ```
 */
export class FilesService {
  /** The upload queue: progress, pause, resume, cancel, and what a reload left. */
  readonly uploads: UploadManager;
  readonly #http: Http;
  readonly #cache: Cache;
  readonly #outbox: Outbox;
  readonly #stream: EventStream;
  readonly #sync: FolderSync;

  constructor(options: FilesServiceOptions) {
    this.#http = options.http;
    this.#cache = options.cache;
    this.#outbox = options.outbox;
    this.#stream = options.stream;
    this.#sync = new FolderSync(options.cache, options.stream);
    this.uploads = new UploadManager({ http: options.http, identity: options.identity }, options.uploads);
    this.uploads.addEventListener('complete', (event) => {
      this.#sync.file(event.file).catch((error: unknown) => reportError(error));
    });
  }

  /**
   * Every folder of a space not in the trash, flat, with the id of its root folder.
   * @example
   * ```ts
   * const { rootId, items } = await client.files.tree(spaceId);
   * ```
   */
  async tree(spaceId: string, options: CallOptions = {}): Promise<FolderTree> {
    return this.#get<FolderTree>(filesPaths.folders(spaceId), options);
  }

  /**
   * A folder, its breadcrumb, its subfolders and files (`GET /v1/folders/{id}`).
   * @example
   * ```ts
   * const { folder, folders, files } = await client.files.folder(folderId);
   * ```
   */
  async folder(folderId: string, options: CallOptions = {}): Promise<FolderContents> {
    return this.#get<FolderContents>(filesPaths.folder(folderId), options);
  }

  /**
   * A folder's contents: the cached ones at once, the server's when it answers, then every
   * change the stream brings (files added, renamed, moved, trashed, new versions) until
   * `signal` aborts. Resolves once the server's contents have been delivered.
   * @example
   * ```ts
   * await client.files.watchFolder(folderId, ({ value }) => render(value.files), { signal });
   * ```
   */
  async watchFolder(folderId: string, onValue: Watcher<FolderContents>, options: WatchOptions): Promise<void> {
    options.signal.throwIfAborted();
    const release = this.#sync.retain(folderId);
    options.signal.addEventListener('abort', release, { once: true });
    const load = async (signal: AbortSignal): Promise<FolderContents> => {
      await this.#stream.whenListening(signal);
      return this.folder(folderId, { signal });
    };
    await this.#cache.watch(filesKeys.folder(folderId), load, onValue, options);
  }

  /**
   * A file's metadata (also of a file in the trash).
   * @example
   * ```ts
   * const file = await client.files.file(fileId);
   * ```
   */
  async file(fileId: string, options: CallOptions = {}): Promise<FileItem> {
    return this.#get<FileItem>(filesPaths.file(fileId), options);
  }

  /**
   * Creates a folder (in the root unless `parentId`); members and owners.
   * @example
   * ```ts
   * const folder = await client.files.createFolder(spaceId, { name: 'Guides RH', parentId: rootId });
   * ```
   */
  async createFolder(spaceId: string, input: { name: string; parentId?: string | undefined }, options: CallOptions = {}): Promise<Folder> {
    const body = input.parentId === undefined ? { name: input.name } : { name: input.name, parentId: input.parentId };
    const folder = await this.#write<Folder>('POST', filesPaths.folders(spaceId), body, filesIntents.createFolder, spaceId, options);
    await this.#sync.folder(folder);
    return folder;
  }

  /**
   * Renames and/or moves a folder.
   * @example
   * ```ts
   * await client.files.updateFolder(folder.id, { name: 'Guides 2027' }, { ifMatch: folder.version });
   * ```
   */
  async updateFolder(folderId: string, change: UpdateFolder, options: GuardedWriteOptions = {}): Promise<Folder> {
    const folder = await this.#write<Folder>('PATCH', filesPaths.folder(folderId), change, filesIntents.updateFolder, folderId, options);
    await this.#sync.folder(folder);
    return folder;
  }

  /**
   * Moves a folder and everything under it to the trash.
   * @example
   * ```ts
   * await client.files.deleteFolder(folder.id);
   * ```
   */
  async deleteFolder(folderId: string, options: CallOptions = {}): Promise<void> {
    await this.#write<undefined>('DELETE', filesPaths.folder(folderId), undefined, filesIntents.deleteFolder, folderId, options);
    await this.#sync.folderRemoved(folderId);
  }

  /**
   * Brings a folder back from the trash, with what went with it.
   * @example
   * ```ts
   * await client.files.restoreFolder(folder.id);
   * ```
   */
  async restoreFolder(folderId: string, options: CallOptions = {}): Promise<Folder> {
    const folder = await this.#write<Folder>('POST', filesPaths.restoreFolder(folderId), undefined, filesIntents.restoreFolder, folderId, options);
    await this.#sync.folder(folder);
    return folder;
  }

  /**
   * Renames and/or moves a file (`folderId`: another folder of its space).
   * @example
   * ```ts
   * await client.files.updateFile(file.id, { name: 'Note de service.pdf' }, { ifMatch: file.version });
   * ```
   */
  async updateFile(fileId: string, change: UpdateFile, options: GuardedWriteOptions = {}): Promise<FileItem> {
    const file = await this.#write<FileItem>('PATCH', filesPaths.file(fileId), change, filesIntents.updateFile, fileId, options);
    await this.#sync.file(file);
    return file;
  }

  /**
   * Renames a file.
   * @example
   * ```ts
   * await client.files.renameFile(file.id, 'Compte rendu CST.pdf');
   * ```
   */
  renameFile(fileId: string, name: string, options: GuardedWriteOptions = {}): Promise<FileItem> {
    return this.updateFile(fileId, { name }, options);
  }

  /**
   * Moves a file into another folder of its space.
   * @example
   * ```ts
   * await client.files.moveFile(file.id, archiveFolderId);
   * ```
   */
  moveFile(fileId: string, folderId: string, options: GuardedWriteOptions = {}): Promise<FileItem> {
    return this.updateFile(fileId, { folderId }, options);
  }

  /**
   * Moves a file to the trash (`restoreFile` brings it back).
   * @example
   * ```ts
   * await client.files.deleteFile(file.id);
   * ```
   */
  async deleteFile(fileId: string, options: CallOptions = {}): Promise<void> {
    await this.#write<undefined>('DELETE', filesPaths.file(fileId), undefined, filesIntents.deleteFile, fileId, options);
    await this.#sync.fileRemoved(fileId);
  }

  /**
   * Brings a file back from the trash (into the root when its folder is gone).
   * @example
   * ```ts
   * await client.files.restoreFile(file.id);
   * ```
   */
  async restoreFile(fileId: string, options: CallOptions = {}): Promise<FileItem> {
    const file = await this.#write<FileItem>('POST', filesPaths.restoreFile(fileId), undefined, filesIntents.restoreFile, fileId, options);
    await this.#sync.file(file);
    return file;
  }

  /**
   * The content versions of a file, newest first.
   * @example
   * ```ts
   * const { items } = await client.files.versions(file.id);
   * ```
   */
  async versions(fileId: string, options: CallOptions = {}): Promise<Page<FileVersion>> {
    return this.#get<Page<FileVersion>>(filesPaths.versions(fileId), options);
  }

  /**
   * Makes an older version current again (it becomes a new version with the same bytes).
   * @example
   * ```ts
   * await client.files.restoreVersion(file.id, 2);
   * ```
   */
  async restoreVersion(fileId: string, number: number, options: CallOptions = {}): Promise<FileItem> {
    const file = await this.#write<FileItem>('POST', filesPaths.restoreVersion(fileId, number), undefined, filesIntents.restoreVersion, fileId, options);
    await this.#sync.file(file);
    return file;
  }

  /**
   * One page of a space's trash, most recently deleted first.
   * @example
   * ```ts
   * const { items } = await client.files.trash(spaceId);
   * ```
   */
  async trash(spaceId: string, options: PageOptions = {}): Promise<Page<TrashEntry>> {
    return this.#get<Page<TrashEntry>>(filesPaths.trash(spaceId), options, { limit: options.limit, cursor: options.cursor });
  }

  /**
   * Files of every live folder of a space by words of their name (accent- and case-insensitive),
   * type (`application/pdf`, or a start such as `image/`), author and date of last change; the most
   * recently changed first, each with the names of its folders (`folderPath`). At least one criterion.
   * @example
   * ```ts
   * const { items } = await client.files.search(spaceId, { q: 'note de service', type: 'application/pdf' });
   * for (const { file, folderPath } of items) console.log([...folderPath, file.name].join(' / '));
   * ```
   */
  async search(spaceId: string, query: FileSearchQuery, options: CallOptions = {}): Promise<FileHits> {
    return this.#get<FileHits>(filesPaths.search(spaceId), options, { ...query });
  }

  /**
   * Bytes a space holds and its quota.
   * @example
   * ```ts
   * const { used, quota } = await client.files.usage(spaceId);
   * ```
   */
  async usage(spaceId: string, options: CallOptions = {}): Promise<SpaceUsage> {
    return this.#get<SpaceUsage>(filesPaths.usage(spaceId), options);
  }

  /**
   * The files of a space changed most recently (not in the trash), newest first: what a document
   * picker offers before any browsing.
   * @example
   * ```ts
   * const { items } = await client.files.recent(spaceId, { limit: 5 });
   * ```
   */
  async recent(spaceId: string, options: CallOptions & { limit?: number } = {}): Promise<RecentFiles> {
    return this.#get<RecentFiles>(filesPaths.recent(spaceId), options, { limit: options.limit });
  }

  /**
   * One page of a space's share links (active ones unless `state: 'all'`).
   * @example
   * ```ts
   * const { items } = await client.files.shareLinks(spaceId);
   * ```
   */
  async shareLinks(spaceId: string, options: ShareLinksOptions = {}): Promise<Page<ShareLink>> {
    return this.#get<Page<ShareLink>>(filesPaths.shareLinks(spaceId), options, { state: options.state, limit: options.limit, cursor: options.cursor });
  }

  /**
   * Creates a public read-only link to a file or folder, expiring at `expiresAt` (within a year),
   * with an optional password.
   * @example
   * ```ts
   * const link = await client.files.createShareLink(spaceId, {
   *   target: { kind: 'file', id: file.id },
   *   expiresAt: new Date(Date.now() + 7 * 864e5).toISOString(),
   * });
   * await navigator.clipboard.writeText(link.url);
   * ```
   */
  createShareLink(spaceId: string, input: CreateShareLink, options: CallOptions = {}): Promise<ShareLink> {
    return this.#write<ShareLink>('POST', filesPaths.shareLinks(spaceId), input, filesIntents.createShareLink, spaceId, options);
  }

  /**
   * Revokes a share link: it stops working at once.
   * @example
   * ```ts
   * await client.files.revokeShareLink(link.id);
   * ```
   */
  async revokeShareLink(shareLinkId: string, options: CallOptions = {}): Promise<void> {
    await this.#write<undefined>('DELETE', filesPaths.shareLink(shareLinkId), undefined, filesIntents.revokeShareLink, shareLinkId, options);
  }

  /**
   * The URL that downloads a file (`Content-Disposition: attachment`), for a link or
   * `location.assign`. It relies on the session cookie: with bearer tokens, fetch it instead.
   * @example
   * ```ts
   * link.href = client.files.contentUrl(file.id);
   * ```
   */
  contentUrl(fileId: string, options: ContentUrlOptions = {}): string {
    return fileContentUrl(this.#http, fileId, options);
  }

  /**
   * The URL of a file's bytes shown inline — PNG, JPEG, GIF, WebP and PDF only (the server
   * answers 404 for other types), for an `<img>` or an `<iframe>` preview.
   * @example
   * ```ts
   * img.src = client.files.previewUrl(file.id);
   * ```
   */
  previewUrl(fileId: string, options: ContentUrlOptions = {}): string {
    return this.#http.url(filesPaths.preview(fileId), { version: options.version });
  }

  async #get<T>(path: string, options: CallOptions, searchParams?: Record<string, string | number | undefined>): Promise<T> {
    const { body } = await this.#http.request<T>({ method: 'GET', path, searchParams, signal: options.signal });
    return body;
  }

  async #write<T>(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    intent: string,
    target: string,
    options: GuardedWriteOptions,
  ): Promise<T> {
    const { body: answer } = await this.#outbox.send<T>(
      {
        method,
        path,
        ...(body === undefined ? {} : { body }),
        ...(options.ifMatch === undefined ? {} : { headers: { 'If-Match': `"${options.ifMatch}"` } }),
        intent,
        target,
      },
      options,
    );
    return answer;
  }
}

/** The code of `client.files` (folders, files and the upload queue), for {@link registerDomains}. */
export const filesDomain: Domain<'files'> = { name: 'files', requires: [outboxDomain], create: (context) => new FilesService(withCache(context)) };
