import { randomBytes } from 'node:crypto';

export const newFolderId = (): string => `fld_${randomBytes(12).toString('base64url')}`;
export const newFileId = (): string => `fil_${randomBytes(12).toString('base64url')}`;
export const newShareLinkId = (): string => `shl_${randomBytes(12).toString('base64url')}`;
/** A share link's secret: 32 random bytes, base64url. */
export const newShareToken = (): string => randomBytes(32).toString('base64url');
export const newUploadId = (): string => `upl_${randomBytes(16).toString('base64url')}`;
