import type { FileItem } from '@bureau/api';

/**
 * Fired by `<bureau-files>` when the person opens a file (Enter, double-click, the Open button).
 * Cancelable: `preventDefault()` keeps the component from showing its preview (images, PDF) or
 * downloading the file, so that the host page can open it its own way.
 */
export class BureauFileOpenEvent extends Event {
  static readonly eventName = 'bureau-file-open';

  readonly file: FileItem;

  constructor(file: FileItem) {
    super(BureauFileOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.file = file;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-file-open': BureauFileOpenEvent;
  }
}
