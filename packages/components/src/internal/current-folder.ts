/**
 * The folder a person last opened in a `<bureau-files>` of a space, in this tab: the document
 * pickers of the chat and the board open there. Kept in `sessionStorage` (the tab's, wiped when it
 * closes; an id, never a token or a name), so that it holds across the intranet's pages.
 */
const key = (spaceId: string): string => `bureau:current-folder:${spaceId}`;

export function rememberFolder(spaceId: string, folderId: string): void {
  try {
    sessionStorage.setItem(key(spaceId), folderId);
  } catch {
    // Storage refused (private mode, quota): the pickers open at the root, as before.
  }
}

export function currentFolder(spaceId: string): string | undefined {
  try {
    return sessionStorage.getItem(key(spaceId)) ?? undefined;
  } catch {
    return undefined;
  }
}
