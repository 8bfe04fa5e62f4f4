import type { DocumentsMessages } from './documents.fr.js';

/** English strings of the documents of a space as the chat, the board and the files show and pick them (the file picker). */
export const documentsEn: DocumentsMessages = {
  chatCancel: 'Cancel',
  documentUnavailable: 'Document no longer available',
  documentRemove: (name: string) => `Remove ${name}`,
  pickerRecent: 'Recent documents',
  pickerTitle: 'Choose a document',
  filesLoading: 'Loading documents…',
  filesEmpty: 'This folder is empty.',
  filesLoadFailed: 'The documents could not be loaded.',
  filesRoot: 'Root',
  filesListLabel: (folder: string) => `Contents of ${folder}`,
  filesFolder: 'Folder',
};
