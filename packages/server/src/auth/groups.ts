import type { Role } from '@bureau/api';
import type { Db } from '../db/index.js';
import type { EventLog } from '../events/log.js';
import { recordAudit } from '../governance/audit.js';
import { ownerCount, presentMember } from '../spaces/members.js';

/** One line of `BUREAU_GROUPS_MAP`: the people of `group` get `role` in `spaceId`. */
export interface GroupGrant {
  group: string;
  spaceId: string;
  role: Role;
}

/**
 * Space memberships from the identity provider's groups (`BUREAU_GROUPS_CLAIM`, `BUREAU_GROUPS_MAP`).
 * `claim` names the claim of the token (or of the ID token and userinfo, for OIDC sign-in) that
 * lists the person's groups: an array of strings or one string; a dotted name such as
 * `realm_access.roles` reads a nested claim.
 */
export interface GroupsConfig {
  claim: string;
  grants: GroupGrant[];
}

/** How long the groups applied to a person are trusted to still be in step with the database. */
const reapplyAfterMs = 10 * 60_000;

const roles: readonly Role[] = ['guest', 'member', 'owner'];
const rank = (role: Role): number => roles.indexOf(role);

/**
 * Reads `BUREAU_GROUPS_MAP`: entries separated by new lines or `;`, each `group=spaceId` or
 * `group=spaceId:role` (role `member` by default; `guest`, `member` or `owner`). The group is
 * everything before the last `=`, so a Keycloak path such as `/mairie/rh` or an LDAP DN works.
 *
 * @example
 * parseGroupsMap('/mairie/rh=spc_rh:owner; /mairie=spc_rh:member');
 */
export function parseGroupsMap(text: string): { ok: true; grants: GroupGrant[] } | { ok: false; message: string } {
  const grants: GroupGrant[] = [];
  for (const entry of text.split(/[;\n]/).map((part) => part.trim()).filter((part) => part !== '')) {
    const equals = entry.lastIndexOf('=');
    const group = entry.slice(0, Math.max(equals, 0)).trim();
    const [spaceId = '', role = 'member', extra] = entry.slice(equals + 1).trim().split(':');
    if (equals < 1 || group === '' || !/^[A-Za-z0-9_-]+$/.test(spaceId) || extra !== undefined || !roles.includes(role as Role)) {
      return {
        ok: false,
        message: `BUREAU_GROUPS_MAP entries are "group=spaceId" or "group=spaceId:role" (role guest, member or owner), separated by ";" or new lines; "${entry}" is not.`,
      };
    }
    grants.push({ group, spaceId, role: role as Role });
  }
  if (grants.length === 0) return { ok: false, message: 'BUREAU_GROUPS_MAP maps no group to a space.' };
  return { ok: true, grants };
}

/**
 * The groups a token's claims list under `claim`: its strings, whether the claim is an array or
 * one string. A missing claim lists none, so that a person taken out of every group loses what the
 * groups gave them.
 */
export function groupsOf(claims: Readonly<Record<string, unknown>>, claim: string): string[] {
  const value = claim in claims ? claims[claim] : claim.split('.').reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), claims);
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The role each mapped space should give a person in `groups` (the highest of their grants). */
function wantedRoles(grants: readonly GroupGrant[], groups: ReadonlySet<string>): Map<string, Role> {
  const wanted = new Map<string, Role>();
  for (const grant of grants) {
    if (!groups.has(grant.group)) continue;
    const current = wanted.get(grant.spaceId);
    if (current === undefined || rank(grant.role) > rank(current)) wanted.set(grant.spaceId, grant.role);
  }
  return wanted;
}

/**
 * Brings a person's group memberships in step with their groups: adds the memberships their groups
 * grant, changes the role of those the groups made, and removes those whose group they left. A
 * membership an owner made by hand is never touched, nor a space's last owner removed. Each change
 * is an ordinary member event and an audit entry with no actor (`detail.via: 'groups'`).
 *
 * Tokens come with every request: the groups last applied per person are remembered for ten
 * minutes, so a request with the same groups costs a map lookup, and a membership changed meanwhile
 * by hand (a group member removed by an owner) is brought back in step within ten minutes.
 */
export class GroupMemberships {
  private readonly applied = new Map<string, { key: string; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
    private readonly config: GroupsConfig,
  ) {}

  /** Applies the groups listed in `claims` to `userId`'s memberships. */
  async apply(userId: string, claims: Readonly<Record<string, unknown>>): Promise<void> {
    const groups = new Set(groupsOf(claims, this.config.claim));
    const key = [...groups].sort().join('\n');
    const last = this.applied.get(userId);
    if (last?.key === key && Date.now() - last.at < reapplyAfterMs) return;
    await this.sync(userId, wantedRoles(this.config.grants, groups));
    // Oldest first out: a Map iterates in insertion order.
    this.applied.delete(userId);
    this.applied.set(userId, { key, at: Date.now() });
    if (this.applied.size > 10_000) this.applied.delete(this.applied.keys().next().value as string);
  }

  private async sync(userId: string, wanted: Map<string, Role>): Promise<void> {
    const mapped = [...new Set(this.config.grants.map((grant) => grant.spaceId))];
    await this.events.transaction(async (trx, append) => {
      const user = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', userId).executeTakeFirstOrThrow();
      const spaces = new Set(
        (await trx.selectFrom('spaces').select('id').where('id', 'in', mapped).execute()).map((row) => row.id),
      );
      const held = await trx
        .selectFrom('memberships')
        .selectAll()
        .where('user_id', '=', userId)
        .where('space_id', 'in', mapped)
        .execute();
      const audit = (spaceId: string, action: 'member.added' | 'member.role-changed' | 'member.removed', detail: Record<string, unknown>) =>
        recordAudit(trx, { actorId: null, spaceId, action, targetId: userId, detail: { ...detail, via: 'groups' } });
      for (const spaceId of spaces) {
        const role = wanted.get(spaceId);
        const membership = held.find((row) => row.space_id === spaceId);
        if (membership === undefined) {
          if (role === undefined) continue;
          const joinedAt = new Date().toISOString();
          const inserted = await trx
            .insertInto('memberships')
            .values({ space_id: spaceId, user_id: userId, role, joined_at: joinedAt, from_groups: 1 })
            .onConflict((oc) => oc.columns(['space_id', 'user_id']).doNothing())
            .executeTakeFirst();
          // Another instance applied the same groups a moment ago (PostgreSQL): it told everyone.
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
          await audit(spaceId, 'member.added', { role });
          const data = presentMember({ user_id: userId, name: user.name, role, joined_at: joinedAt, referent: 0 });
          await append({ type: 'member.added', spaceId, userId, data });
          continue;
        }
        if (membership.from_groups !== 1 || membership.role === role) continue;
        if (membership.role === 'owner' && (await ownerCount(trx, spaceId)) <= 1) continue;
        if (role === undefined) {
          await trx.deleteFrom('memberships').where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
          await audit(spaceId, 'member.removed', { role: membership.role });
          await append({ type: 'member.removed', spaceId, userId, data: { userId } });
          continue;
        }
        await trx.updateTable('memberships').set({ role }).where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
        await audit(spaceId, 'member.role-changed', { from: membership.role, to: role });
        const data = presentMember({ ...membership, name: user.name, role });
        await append({ type: 'member.updated', spaceId, userId, data });
      }
    });
  }
}
