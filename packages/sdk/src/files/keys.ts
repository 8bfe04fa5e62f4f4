/** Cache and store keys of the files domain (`<domain>:<resource>:<id>`). @internal */
export const filesKeys = {
  folder: (folderId: string) => `files:folder:${folderId}`,
  tree: (spaceId: string) => `files:tree:${spaceId}`,
  /** A persisted upload (its tus URL, target, fingerprint and, when small, its bytes). */
  upload: (uploadId: string) => `files:upload:${uploadId}`,
  uploadsPrefix: 'files:upload:',
} as const;

/** Outbox intents of the files domain. @internal */
export const filesIntents = {
  createFolder: 'files.createFolder',
  updateFolder: 'files.updateFolder',
  deleteFolder: 'files.deleteFolder',
  restoreFolder: 'files.restoreFolder',
  updateFile: 'files.updateFile',
  deleteFile: 'files.deleteFile',
  restoreFile: 'files.restoreFile',
  restoreVersion: 'files.restoreVersion',
  createShareLink: 'files.createShareLink',
  revokeShareLink: 'files.revokeShareLink',
} as const;

const id = encodeURIComponent;

/** API paths of the files domain. @internal */
export const filesPaths = {
  folders: (spaceId: string) => `/v1/spaces/${id(spaceId)}/folders`,
  folder: (folderId: string) => `/v1/folders/${id(folderId)}`,
  restoreFolder: (folderId: string) => `/v1/folders/${id(folderId)}/restore`,
  file: (fileId: string) => `/v1/files/${id(fileId)}`,
  restoreFile: (fileId: string) => `/v1/files/${id(fileId)}/restore`,
  content: (fileId: string) => `/v1/files/${id(fileId)}/content`,
  preview: (fileId: string) => `/v1/files/${id(fileId)}/preview`,
  versions: (fileId: string) => `/v1/files/${id(fileId)}/versions`,
  restoreVersion: (fileId: string, number: number) => `/v1/files/${id(fileId)}/versions/${number}/restore`,
  trash: (spaceId: string) => `/v1/spaces/${id(spaceId)}/trash`,
  usage: (spaceId: string) => `/v1/spaces/${id(spaceId)}/usage`,
  recent: (spaceId: string) => `/v1/spaces/${id(spaceId)}/recent-files`,
  search: (spaceId: string) => `/v1/spaces/${id(spaceId)}/files/search`,
  shareLinks: (spaceId: string) => `/v1/spaces/${id(spaceId)}/share-links`,
  shareLink: (shareLinkId: string) => `/v1/share-links/${id(shareLinkId)}`,
} as const;
