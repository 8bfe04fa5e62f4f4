import type { Member } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';

/** Every member of a space (at most 1,000), for `@mention` suggestions and names. */
export async function membersOf(client: BureauClient, spaceId: string, signal: AbortSignal): Promise<Member[]> {
  const members: Member[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const { items, nextCursor } = await client.spaces.members(spaceId, { limit: 100, cursor, signal });
    members.push(...items);
    if (nextCursor === null) break;
    cursor = nextCursor;
  }
  return members;
}
