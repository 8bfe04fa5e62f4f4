import type { Role } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';

/**
 * The reader's role in a space, read from the list of their spaces, or `undefined` when they are not
 * a member. (Written when `GET /v1/spaces/{id}` could answer 304 to another person of the same browser;
 * the server now varies that tag by reader, and the list stays a cheap, cache-safe way to ask.)
 */
export async function roleIn(client: BureauClient, spaceId: string, signal: AbortSignal): Promise<Role | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const { items, nextCursor } = await client.spaces.list({ limit: 100, cursor, signal });
    const found = items.find((space) => space.id === spaceId);
    if (found !== undefined) return found.role;
    if (nextCursor === null) return undefined;
    cursor = nextCursor;
  }
  return undefined;
}
