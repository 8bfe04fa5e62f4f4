import { BureauFilesElement } from './files.component.js';
import { define } from '../internal/define.js';

export { BureauFilesElement } from './files.component.js';
export { BureauFileOpenEvent } from './events/file-open.js';
export { BureauFolderOpenEvent } from './events/folder-open.js';
export { BureauFileRenameEvent } from './events/file-rename.js';
export { BureauFileDeleteEvent } from './events/file-delete.js';
export { BureauUploadCompleteEvent } from './events/upload-complete.js';

define('bureau-files', BureauFilesElement);

declare global {
  interface HTMLElementTagNameMap {
    'bureau-files': BureauFilesElement;
  }
}
