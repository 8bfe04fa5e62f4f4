import type { Role } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';

/**
 * The person's role in a space, from the list of their spaces: `GET /v1/spaces/{id}` answers 304
 * to another person of the same browser (its ETag is the space's version), which would show them
 * the previous person's role.
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
