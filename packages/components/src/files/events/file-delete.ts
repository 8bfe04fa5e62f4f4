import type { FileItem, Folder } from '@bureau/api';

/**
 * Fired by `<bureau-files>` before it moves files and folders to the trash (Delete key or the
 * Delete button). Cancelable: `preventDefault()` keeps them. The person can undo for a while
 * (a toast with « Annuler »).
 */
export class BureauFileDeleteEvent extends Event {
  static readonly eventName = 'bureau-file-delete';

  readonly files: readonly FileItem[];
  readonly folders: readonly Folder[];

  constructor(files: readonly FileItem[], folders: readonly Folder[]) {
    super(BureauFileDeleteEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.files = files;
    this.folders = folders;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-file-delete': BureauFileDeleteEvent;
  }
}
