import type { Member, Role } from '@bureau/api';
import { isHttpError, type BureauClient } from '@bureau/sdk';
import { sharedSpaceRead } from './space-reads.js';

/**
 * The reader's role in a space, or `undefined` when they are not a member of it (the server answers
 * 404). The space's `ETag` names the reader's role, so a browser never serves another person's.
 * The elements of one client open at once share one read (see `sharedSpaceRead`).
 */
export async function roleIn(client: BureauClient, spaceId: string, signal: AbortSignal): Promise<Role | undefined> {
  try {
    const space = await sharedSpaceRead(client, spaceId, 'space', () => client.spaces.get(spaceId), signal);
    return space.role;
  } catch (error) {
    if (isHttpError(error) && error.status === 404) return undefined;
    throw error;
  }
}

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
