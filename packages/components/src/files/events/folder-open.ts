/**
 * Fired by `<bureau-files>` when the person opens a folder (a subfolder or a step of the
 * breadcrumb). Cancelable: `preventDefault()` keeps the component on its folder (to navigate the
 * host page instead, say).
 */
export class BureauFolderOpenEvent extends Event {
  static readonly eventName = 'bureau-folder-open';

  readonly folderId: string;

  constructor(folderId: string) {
    super(BureauFolderOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.folderId = folderId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-folder-open': BureauFolderOpenEvent;
  }
}
