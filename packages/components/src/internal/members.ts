import type { Member } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';
import { sharedSpaceRead } from './space-reads.js';

/**
 * Every member of a space (at most 1,000), for `@mention` suggestions, names and assignees; the
 * elements of one client open at once share one read (see `sharedSpaceRead`).
 */
export async function membersOf(client: BureauClient, spaceId: string, signal: AbortSignal): Promise<Member[]> {
  return [...(await sharedSpaceRead(client, spaceId, 'members', () => allMembers(client, spaceId), signal))];
}

async function allMembers(client: BureauClient, spaceId: string): Promise<Member[]> {
  const members: Member[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const { items, nextCursor } = await client.spaces.members(spaceId, { limit: 100, cursor });
    members.push(...items);
    if (nextCursor === null) break;
    cursor = nextCursor;
  }
  return members;
}
