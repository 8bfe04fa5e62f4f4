import type { Role } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';

/**
 * The reader's role in a space, read from the list of their spaces: `GET /v1/spaces/{id}` may be
 * answered 304 from the browser's cache filled by another person of the same browser (its ETag is
 * the space's version, whoever asks), which would show them that person's role.
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
