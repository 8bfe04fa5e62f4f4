import type { Role } from '@bureau/api';
import { isHttpError, type BureauClient } from '@bureau/sdk';

/**
 * The reader's role in a space, or `undefined` when they are not a member of it (the server answers
 * 404). The space's `ETag` names the reader's role, so a browser never serves another person's.
 */
export async function roleIn(client: BureauClient, spaceId: string, signal: AbortSignal): Promise<Role | undefined> {
  try {
    return (await client.spaces.get(spaceId, { signal })).role;
  } catch (error) {
    if (isHttpError(error) && error.status === 404) return undefined;
    throw error;
  }
}
