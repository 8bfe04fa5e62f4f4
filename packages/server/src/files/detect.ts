import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';

/** How many leading bytes type detection looks at. */
const headLength = 4100;

/**
 * A pass-through stream that counts, hashes (SHA-256) and keeps the first bytes of what goes
 * through it, for type detection.
 */
export class Measure extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headSize = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.headSize < headLength) {
      const part = chunk.subarray(0, headLength - this.headSize);
      this.headChunks.push(part);
      this.headSize += part.length;
    }
    done(null, chunk);
  }

  /** SHA-256 of everything that went through, lowercase hex (once the stream ended). */
  checksum(): string {
    return this.hash.copy().digest('hex');
  }

  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}

const textLike = (head: Buffer): boolean => !head.includes(0) && isUtf8Prefix(head);

function isUtf8Prefix(head: Buffer): boolean {
  // A multi-byte character may be cut at the end of the head: ignore up to 3 trailing bytes.
  for (let cut = 0; cut <= Math.min(3, head.length); cut += 1) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      continue;
    }
  }
  return false;
}

/**
 * The media type of bytes, from their content only: magic numbers (file-type), then markup that
 * browsers would render (SVG, HTML, XML), then plain text; `application/octet-stream` otherwise.
 * The name only refines plain text into CSV or Markdown, types never served inline.
 */
export async function detectType(head: Buffer, name: string): Promise<string> {
  const found = await fileTypeFromBuffer(head);
  if (found && found.mime !== 'application/xml') return found.mime;
  if (!textLike(head)) return found?.mime ?? 'application/octet-stream';
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart().slice(0, 1024).toLowerCase();
  if (/<svg[\s>]/.test(text)) return 'image/svg+xml';
  if (/^<!doctype html|<html[\s>]|<script[\s>]|<body[\s>]|<iframe[\s>]/.test(text)) return 'text/html';
  if (text.startsWith('<?xml')) return 'application/xml';
  if (/\.csv$/i.test(name)) return 'text/csv';
  if (/\.md$/i.test(name)) return 'text/markdown';
  return 'text/plain';
}
