import type { FileItem } from '@bureau/api';

/** Fired by `<bureau-files>` when one of the uploads started in it became a file (or a new version). */
export class BureauUploadCompleteEvent extends Event {
  static readonly eventName = 'bureau-upload-complete';

  readonly file: FileItem;

  constructor(file: FileItem) {
    super(BureauUploadCompleteEvent.eventName, { bubbles: true, composed: true });
    this.file = file;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-upload-complete': BureauUploadCompleteEvent;
  }
}
