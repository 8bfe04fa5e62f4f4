/**
 * Fired by `<bureau-files>` before it renames a file or a folder (F2 or the Rename button, then
 * Enter). Cancelable: `preventDefault()` keeps the old name.
 */
export class BureauFileRenameEvent extends Event {
  static readonly eventName = 'bureau-file-rename';

  readonly kind: 'file' | 'folder';
  readonly id: string;
  readonly name: string;

  constructor(kind: 'file' | 'folder', id: string, name: string) {
    super(BureauFileRenameEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.kind = kind;
    this.id = id;
    this.name = name;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bureau-file-rename': BureauFileRenameEvent;
  }
}
