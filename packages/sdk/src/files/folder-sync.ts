import type { BureauEvent, FileItem, Folder, FolderContents } from '@bureau/api';
import type { Cache } from '../cache/cache.js';
import type { EventStream } from '../stream/stream.js';
import { filesKeys } from './keys.js';

/** Names in the order the server lists them (by name, as people read them). */
const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

/**
 * Keeps the cached contents of the watched folders in step with the event stream: files created,
 * renamed, moved, replaced by a new version, trashed or restored are applied in place; a folder
 * change refetches the folders it concerns (its parent's list, its own breadcrumb). Everything is
 * refetched on `reset`. The service also hands it its own writes, so that they show before the
 * stream's echo.
 * @internal
 */
export class FolderSync {
  readonly #cache: Cache;
  readonly #stream: EventStream;
  /** Watched folder ids → number of watches. */
  readonly #watched = new Map<string, number>();
  #unsubscribe: (() => void) | undefined;
  /** Changes are applied one after the other: each reads what the previous one wrote. */
  #queue: Promise<void> = Promise.resolve();

  constructor(cache: Cache, stream: EventStream) {
    this.#cache = cache;
    this.#stream = stream;
  }

  /** Follows the stream for a folder until the returned function is called. */
  retain(folderId: string): () => void {
    this.#watched.set(folderId, (this.#watched.get(folderId) ?? 0) + 1);
    this.#unsubscribe ??= this.#stream.subscribe('*', (event) => {
      this.#serially(() => this.#apply(event)).catch((error: unknown) => reportError(error));
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#watched.get(folderId) ?? 1) - 1;
      if (left > 0) this.#watched.set(folderId, left);
      else this.#watched.delete(folderId);
      if (this.#watched.size === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
    };
  }

  /** Applies a file as the server now has it (in a folder, or trashed). */
  file(file: FileItem): Promise<void> {
    return this.#serially(() => this.#fileChanged(file));
  }

  /** Removes a file from every watched folder (trashed). */
  fileRemoved(fileId: string): Promise<void> {
    return this.#serially(() => this.#eachWatched((contents) => withoutFile(contents, fileId)));
  }

  /** Applies a folder as the server now has it. */
  folder(folder: Folder): Promise<void> {
    return this.#serially(() => this.#folderChanged(folder));
  }

  /** Removes a folder from every watched folder's list (trashed). */
  folderRemoved(folderId: string): Promise<void> {
    return this.#serially(async () => {
      await this.#eachWatched((contents) =>
        contents.folders.some((f) => f.id === folderId) ? { ...contents, folders: contents.folders.filter((f) => f.id !== folderId) } : undefined,
      );
    });
  }

  #serially(change: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(change);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #apply(event: BureauEvent): Promise<void> {
    switch (event.type) {
      case 'file.created':
      case 'file.updated':
        return this.#fileChanged(event.data);
      case 'file.deleted':
        return this.#eachWatched((contents) => withoutFile(contents, event.data.file.id));
      case 'folder.created':
      case 'folder.updated':
        return this.#folderChanged(event.data);
      case 'folder.deleted': {
        const gone = event.data.folder;
        await this.#eachWatched((contents) =>
          contents.folders.some((f) => f.id === gone.id) ? { ...contents, folders: contents.folders.filter((f) => f.id !== gone.id) } : undefined,
        );
        // A watched folder inside the trashed one: its watchers learn it from the server (404).
        for (const folderId of this.#watched.keys()) if (folderId !== gone.parentId) this.#cache.refresh(filesKeys.folder(folderId));
        return;
      }
      case 'reset':
        this.#cache.refresh('files:');
        return;
      default:
        return;
    }
  }

  async #fileChanged(file: FileItem): Promise<void> {
    await this.#eachWatched((contents, folderId) => {
      const listed = contents.files.some((f) => f.id === file.id);
      const belongs = folderId === file.folderId && file.deletedAt === null;
      if (belongs) {
        const files = listed ? contents.files.map((f) => (f.id === file.id ? file : f)) : [...contents.files, file].sort(byName);
        return { ...contents, files };
      }
      return listed ? withoutFile(contents, file.id) : undefined;
    });
  }

  async #folderChanged(folder: Folder): Promise<void> {
    await this.#eachWatched((contents, folderId) => {
      if (folderId === folder.id) return { ...contents, folder: { ...contents.folder, ...folder } };
      const listed = contents.folders.some((f) => f.id === folder.id);
      const belongs = folderId === folder.parentId && folder.deletedAt === null;
      if (belongs) {
        const folders = listed ? contents.folders.map((f) => (f.id === folder.id ? folder : f)) : [...contents.folders, folder].sort(byName);
        return { ...contents, folders };
      }
      return listed ? { ...contents, folders: contents.folders.filter((f) => f.id !== folder.id) } : undefined;
    });
    // A renamed or moved ancestor changes breadcrumbs below it: ask the server for those.
    for (const folderId of this.#watched.keys()) {
      if (folderId === folder.id || folderId === folder.parentId) continue;
      const cached = await this.#cache.get<FolderContents>(filesKeys.folder(folderId));
      if (cached?.breadcrumb.some((f) => f.id === folder.id)) this.#cache.refresh(filesKeys.folder(folderId));
    }
  }

  async #eachWatched(change: (contents: FolderContents, folderId: string) => FolderContents | undefined): Promise<void> {
    for (const folderId of [...this.#watched.keys()]) {
      await this.#cache.update<FolderContents>(filesKeys.folder(folderId), (contents) => change(contents, folderId));
    }
  }
}

function withoutFile(contents: FolderContents, fileId: string): FolderContents | undefined {
  return contents.files.some((f) => f.id === fileId) ? { ...contents, files: contents.files.filter((f) => f.id !== fileId) } : undefined;
}
