import { ProblemError } from '../http/problem.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BlobStore, ByteRange } from './blob-store.js';

/** Types a browser may show inline: raster images without scripts, and PDF. Never SVG or HTML. */
export const inlineTypes: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/** What to send: a stored blob and how to name it. */
export interface Download {
  blobKey: string;
  size: number;
  type: string;
  checksum: string;
  name: string;
}

/** `Content-Disposition` with an ASCII fallback and the RFC 6266 / RFC 8187 `filename*` (UTF-8). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The one range of `Range: bytes=…` within `size`; null to send everything; 'unsatisfiable' for 416. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null; // several ranges or another unit: the whole representation (RFC 9110 allows it)
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}

/** What every download and preview is served with: no scripts, no plugins, no frames, no origin. */
export const sandboxPolicy = "sandbox; default-src 'none'";

/**
 * What an inline PDF is served with. Chromium refuses to start its PDF viewer in a sandboxed
 * document (crbug.com/413851: the preview stays blank), so this one response has no `sandbox`;
 * it is still only ever a PDF — the type was detected from the bytes at upload, never taken from
 * the client, `nosniff` forbids reading it as anything else, and HTML or SVG are never inline — and
 * the viewer's page may load nothing from anywhere (`default-src 'none'`) but its own inline styles.
 * Scripts inside a PDF run in the viewer's isolated process, without access to this origin.
 */
export const pdfPreviewPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data: blob:";

/**
 * Sends a blob safely: `nosniff`, a sandboxing CSP (see `pdfPreviewPolicy` for inline PDF), `attachment` unless `inline` is asked and the
 * detected type is on the allow-list, `Range` (one range), `ETag` = checksum, `If-None-Match` → 304.
 */
export async function sendDownload(request: FastifyRequest, reply: FastifyReply, blobs: BlobStore, download: Download, wantInline: boolean): Promise<FastifyReply> {
  const inline = wantInline && inlineTypes.has(download.type);
  const etag = `"${download.checksum}"`;
  reply
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', inline && download.type === 'application/pdf' ? pdfPreviewPolicy : sandboxPolicy)
    .header('Cross-Origin-Resource-Policy', 'same-site')
    .header('Cache-Control', 'private, no-cache')
    .header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', download.name))
    .header('Accept-Ranges', 'bytes')
    .header('ETag', etag);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
  const ifRange = request.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, download.size) : null;
  if (range === 'unsatisfiable') {
    return reply
      .code(416)
      .header('Content-Range', `bytes */${download.size}`)
      .type('application/problem+json')
      .send(
        JSON.stringify(new ProblemError('range-not-satisfiable', `The file has ${download.size} bytes.`).toProblem(request.url, request.id)),
      );
  }
  reply.type(download.type);
  if (range === null) {
    reply.header('Content-Length', String(download.size));
    return reply.send(await blobs.get(download.blobKey));
  }
  reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${download.size}`).header('Content-Length', String(range.end - range.start + 1));
  return reply.send(await blobs.get(download.blobKey, range));
}
