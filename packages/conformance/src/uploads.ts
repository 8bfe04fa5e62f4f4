import { createHash } from 'node:crypto';
import type { Person, Reply } from './harness.js';

/**
 * Files and tus helpers of the checks (and of the reference server's own files tests): binary
 * requests, downloads, a space's root folder, plain uploads, tus creation and PATCH.
 */
export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
export const body = <T>(reply: Reply): T => reply.body as T;

export interface FileJson {
  id: string;
  name: string;
  size: number;
  type: string;
  checksum: string;
  folderId: string;
  version: number;
  currentVersion: number;
  deletedAt: string | null;
}

async function read(response: Response): Promise<Reply> {
  const text = await response.text();
  let parsed: unknown;
  if (/json/.test(response.headers.get('content-type') ?? '') && text.length > 0) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** A request with a binary body and any headers, as `person`. */
export async function send(person: Person, method: string, path: string, bytes?: Uint8Array, headers: Record<string, string> = {}): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...person.authHeaders(method), ...headers }, redirect: 'manual' };
  if (bytes !== undefined) init.body = bytes;
  return read(await fetch(`${person.baseUrl}${path}`, init));
}

/** The raw response of a GET, for bytes and headers. */
export async function download(person: Person, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${person.baseUrl}${path}`, { headers: { ...person.authHeaders('GET'), ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The space's root folder id. */
export async function rootOf(person: Person, spaceId: string): Promise<string> {
  const tree = await person.call('GET', `/v1/spaces/${spaceId}/folders`);
  if (tree.status !== 200) throw new Error(`folders of ${spaceId}: ${tree.status} ${tree.text}`);
  return body<{ rootId: string }>(tree).rootId;
}

/** Uploads `bytes` as `name` into `folderId` in one plain request. */
export async function plainUpload(person: Person, folderId: string, name: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<Reply> {
  return send(person, 'POST', `/v1/folders/${folderId}/files?name=${encodeURIComponent(name)}`, bytes, { 'content-type': contentType });
}

/** tus creation: the upload's path, or the failed reply. */
export async function createUpload(person: Person, metadata: Record<string, string>, length: number): Promise<Reply> {
  const header = Object.entries(metadata)
    .map(([key, value]) => `${key} ${b64(value)}`)
    .join(',');
  return send(person, 'POST', '/v1/uploads', undefined, { 'tus-resumable': '1.0.0', 'upload-length': String(length), 'upload-metadata': header });
}

export async function patchUpload(person: Person, path: string, offset: number, bytes: Uint8Array, extra: Record<string, string> = {}): Promise<Reply> {
  return send(person, 'PATCH', path, bytes, { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', ...extra });
}

/** A 1×1 PNG. */
export const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
