import { Member, MemberParams, Page, PageQuery, PutMember, SpaceParams, type Role } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { ProblemError } from '../http/problem.js';
import { Empty, problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { recordAudit } from '../governance/audit.js';
import { requireMember, requireOwner } from './access.js';

interface MemberRow {
  user_id: string;
  name: string;
  role: Role;
  joined_at: string;
  referent: number;
}

export const presentMember = (row: MemberRow): Member => ({
  userId: row.user_id,
  name: row.name,
  role: row.role,
  joinedAt: row.joined_at,
  referent: row.referent === 1,
});

export function membersOf(db: Kysely<Database>, spaceId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id', 'users.name', 'memberships.role', 'memberships.joined_at', 'memberships.referent'])
    .where('memberships.space_id', '=', spaceId);
}

/** How many owners a space has (it keeps at least one). */
export async function ownerCount(db: Kysely<Database>, spaceId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('owners'))
    .where('space_id', '=', spaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.owners);
}

const lastOwner = (): ProblemError =>
  new ProblemError('conflict', 'A space keeps at least one owner: make someone else owner first.');

/** `GET /v1/spaces/:spaceId/members`, `PUT` and `DELETE /v1/spaces/:spaceId/members/:userId`. */
export function registerMemberRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/spaces/:spaceId/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Members of a space',
        params: SpaceParams,
        querystring: PageQuery,
        response: { 200: Page(Member), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await requireMember(db, request.params.spaceId, user.id);
      const limit = request.query.limit ?? pageSize.default;
      let query = membersOf(db, request.params.spaceId);
      if (request.query.cursor !== undefined) {
        const [after = ''] = decodeCursor(db, `members:${request.params.spaceId}`, request.query.cursor, 1);
        query = query.where('memberships.user_id', '>', after);
      }
      const rows = await query.orderBy('memberships.user_id').limit(limit + 1).execute();
      return toPage(db, `members:${request.params.spaceId}`, rows, limit, presentMember, (row) => [row.user_id]);
    },
  );

  app.put(
    '/v1/spaces/:spaceId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: "Add a person to a space or change their role (owners)",
        params: MemberParams,
        body: PutMember,
        response: { 200: Member, 201: Member, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { spaceId, userId } = request.params;
      const { role } = request.body;
      const result = await events.transaction(async (trx, append) => {
        requireOwner(await requireMember(trx, spaceId, user.id));
        const person = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', userId).executeTakeFirst();
        if (!person) throw new ProblemError('not-found', 'No such person.');
        const existing = await membersOf(trx, spaceId).where('memberships.user_id', '=', userId).executeTakeFirst();
        if (!existing) {
          const row: MemberRow = { user_id: userId, name: person.name, role, joined_at: new Date().toISOString(), referent: 0 };
          await trx.insertInto('memberships').values({ space_id: spaceId, user_id: userId, role, joined_at: row.joined_at }).execute();
          await recordAudit(trx, { actorId: user.id, spaceId, action: 'member.added', targetId: userId, detail: { role } });
          await append({ type: 'member.added', spaceId, userId, data: presentMember(row) });
          return { status: 201, member: presentMember(row) };
        }
        if (existing.role === role) return { status: 200, member: presentMember(existing) };
        if (existing.role === 'owner' && (await ownerCount(trx, spaceId)) === 1) throw lastOwner();
        // An owner's choice of role is theirs from now on: the groups claim no longer changes it.
        await trx.updateTable('memberships').set({ role, from_groups: 0 }).where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
        await recordAudit(trx, { actorId: user.id, spaceId, action: 'member.role-changed', targetId: userId, detail: { from: existing.role, to: role } });
        const member = presentMember({ ...existing, role });
        await append({ type: 'member.updated', spaceId, userId, data: member });
        return { status: 200, member };
      });
      return reply.code(result.status).send(result.member);
    },
  );

  app.delete(
    '/v1/spaces/:spaceId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove a person from a space (owners), or leave it (anyone)',
        params: MemberParams,
        response: { 204: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { spaceId, userId } = request.params;
      await events.transaction(async (trx, append) => {
        const access = await requireMember(trx, spaceId, user.id);
        if (userId !== user.id) requireOwner(access);
        const target = await trx
          .selectFrom('memberships')
          .select('role')
          .where('space_id', '=', spaceId)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (!target) throw new ProblemError('not-found', 'This person is not a member of the space.');
        if (target.role === 'owner' && (await ownerCount(trx, spaceId)) === 1) throw lastOwner();
        await trx.deleteFrom('memberships').where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
        await recordAudit(trx, { actorId: user.id, spaceId, action: 'member.removed', targetId: userId, detail: { role: target.role } });
        await append({ type: 'member.removed', spaceId, userId, data: { userId } });
      });
      return reply.code(204).send(null);
    },
  );
}
