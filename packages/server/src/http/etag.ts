import type { FastifyRequest } from 'fastify';

/**
 * The strong entity tag of a resource version. A representation that also depends on the reader
 * (a space carries the reader's role) passes a string naming both, e.g. `7-owner`.
 */
export const etagOf = (version: number | string): string => `"${version}"`;

function listed(header: string, etag: string, weakMatch: boolean): boolean {
  return header.split(',').some((part) => {
    const tag = part.trim();
    if (tag === '*') return true;
    return tag === etag || (weakMatch && tag === `W/${etag}`);
  });
}

/** True when `If-None-Match` names the current version: answer 304. */
export function notModified(request: FastifyRequest, version: number | string): boolean {
  const header = request.headers['if-none-match'];
  return typeof header === 'string' && listed(header, etagOf(version), true);
}

/** True when `If-Match` is present and names another version: answer 412. */
export function preconditionFails(request: FastifyRequest, version: number | string): boolean {
  const header = request.headers['if-match'];
  return typeof header === 'string' && !listed(header, etagOf(version), false);
}
