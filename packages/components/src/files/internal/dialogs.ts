// The dialogs of <bureau-files>, loaded on first use (a separate chunk of the bundle): a page
// where nobody previews, moves, shares or looks at versions never downloads them.
export { FileDialogs } from './file-dialogs.js';
export { ShareDialog } from './share-dialog.js';
