import type { FileItem, Folder, FolderContents } from '@bureau/api';

/** One row of the listing: a folder or a file. */
export type Entry = { kind: 'folder'; key: string; name: string; item: Folder } | { kind: 'file'; key: string; name: string; item: FileItem };

/** What the listing is sorted by. */
export type SortKey = 'name' | 'date' | 'size';
export type SortDirection = 'ascending' | 'descending';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The rows of a folder: subfolders first, then files, each sorted by `key` (folders have no size:
 * they stay by name when sorting by size).
 */
export function entriesOf(contents: FolderContents, key: SortKey, direction: SortDirection): Entry[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const folders: Entry[] = contents.folders.map((item) => ({ kind: 'folder', key: `d:${item.id}`, name: item.name, item }));
  const files: Entry[] = contents.files.map((item) => ({ kind: 'file', key: `f:${item.id}`, name: item.name, item }));
  const compare = (a: Entry, b: Entry): number => {
    if (key === 'date') return sign * (Date.parse(a.item.updatedAt) - Date.parse(b.item.updatedAt)) || collator.compare(a.name, b.name);
    if (key === 'size' && a.kind === 'file' && b.kind === 'file') return sign * (a.item.size - b.item.size) || collator.compare(a.name, b.name);
    return sign * collator.compare(a.name, b.name);
  };
  return [...folders.sort(compare), ...files.sort(compare)];
}

/** Whether the browser can show a file's preview inline (what the server's `/preview` serves). */
export function previewKind(file: FileItem): 'image' | 'pdf' | null {
  if (['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(file.type)) return 'image';
  if (file.type === 'application/pdf') return 'pdf';
  return null;
}
