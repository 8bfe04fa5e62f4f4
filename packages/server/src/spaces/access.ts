import type { Role, Space } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { SpaceRow } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';

export interface SpaceAccess {
  space: SpaceRow;
  role: Role;
}

/** The space as `userId` sees it; 404 when it does not exist or they are not a member (same answer). */
export async function requireMember(db: Kysely<Database>, spaceId: string, userId: string): Promise<SpaceAccess> {
  const row = await db
    .selectFrom('spaces')
    .innerJoin('memberships', 'memberships.space_id', 'spaces.id')
    .selectAll('spaces')
    .select('memberships.role')
    .where('spaces.id', '=', spaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No such space.');
  const { role, ...space } = row;
  return { space, role };
}

/** 403 unless the caller owns the space. */
export function requireOwner(access: SpaceAccess): void {
  if (access.role !== 'owner') throw new ProblemError('forbidden', 'Only an owner of the space may do this.');
}

export const presentSpace = (space: SpaceRow, role: Role): Space => ({
  id: space.id,
  name: space.name,
  description: space.description,
  role,
  version: space.version,
  createdAt: space.created_at,
  updatedAt: space.updated_at,
  clientId: space.client_id,
});

/** The space as every member sees it, without a reader's role: the data of space events. */
export const snapshotOf = (space: SpaceRow): Omit<Space, 'role'> => ({
  id: space.id,
  name: space.name,
  description: space.description,
  version: space.version,
  createdAt: space.created_at,
  updatedAt: space.updated_at,
  clientId: space.client_id,
});
