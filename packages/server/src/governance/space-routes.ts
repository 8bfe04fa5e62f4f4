import { AuditEntry, Member, MemberParams, Page, PageQuery, PutReferent, SpaceParams, SpacePolicy } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMember, requireOwner } from '../spaces/access.js';
import { membersOf, presentMember } from '../spaces/members.js';
import { requireAdmin } from './admins.js';
import { presentAudit, recordAudit } from './audit.js';
import { withGovernance, type PolicyRow } from './schema.js';

const defaultPolicy = (spaceId: string): PolicyRow => ({
  space_id: spaceId,
  erasure: 'pseudonymise',
  message_retention_months: null,
  document_retention_months: null,
  trash_retention_days: null,
});

/** A space's data policy; the defaults (pseudonymise, keep everything) when none was set. */
export async function policyOf(db: Kysely<Database>, spaceId: string): Promise<PolicyRow> {
  const row = await withGovernance(db).selectFrom('space_policies').selectAll().where('space_id', '=', spaceId).executeTakeFirst();
  return row ?? defaultPolicy(spaceId);
}

const presentPolicy = (row: PolicyRow): SpacePolicy => ({
  erasure: row.erasure,
  messageRetentionMonths: row.message_retention_months,
  documentRetentionMonths: row.document_retention_months,
  trashRetentionDays: row.trash_retention_days,
});

/** A page of the audit log, newest first, optionally of one space. */
async function auditPage(db: Kysely<Database>, spaceId: string | null, query: { limit?: number; cursor?: string }) {
  const limit = query.limit ?? pageSize.default;
  let rows = withGovernance(db).selectFrom('audit_log').selectAll();
  if (spaceId !== null) rows = rows.where('space_id', '=', spaceId);
  if (query.cursor !== undefined) {
    const [before = ''] = decodeCursor(query.cursor, 1);
    rows = rows.where('id', '<', before);
  }
  const found = await rows.orderBy('id', 'desc').limit(limit + 1).execute();
  const page = toPage(found, limit, (row) => row, (row) => [row.id]);
  return { items: await presentAudit(db, page.items), nextCursor: page.nextCursor };
}

/** Référents, the space's data policy, and the audit log (of a space for its owners, of all for administrators). */
export function registerSpaceGovernanceRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.put(
    '/v1/spaces/:spaceId/members/:userId/referent',
    {
      schema: {
        tags: ['governance'],
        summary: 'Designate a member as référent of the space, or no longer (owners)',
        params: MemberParams,
        body: PutReferent,
        response: { 200: Member, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { spaceId, userId } = request.params;
      return events.transaction(async (trx, append) => {
        requireOwner(await requireMember(trx, spaceId, user.id));
        const existing = await membersOf(trx, spaceId).where('memberships.user_id', '=', userId).executeTakeFirst();
        if (!existing) throw new ProblemError('not-found', 'This person is not a member of the space.');
        const referent = request.body.referent ? 1 : 0;
        if (existing.referent === referent) return presentMember(existing);
        await trx.updateTable('memberships').set({ referent }).where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
        await recordAudit(trx, { actorId: user.id, spaceId, action: 'member.referent-changed', targetId: userId, detail: { referent: referent === 1 } });
        const member = presentMember({ ...existing, referent });
        await append({ type: 'member.updated', spaceId, userId, data: member });
        return member;
      });
    },
  );

  app.get(
    '/v1/spaces/:spaceId/policy',
    { schema: { tags: ['governance'], summary: "A space's erasure and retention policy (members)", params: SpaceParams, response: { 200: SpacePolicy, ...problemResponses } } },
    async (request) => {
      const user = requireUser(request);
      await requireMember(db, request.params.spaceId, user.id);
      return presentPolicy(await policyOf(db, request.params.spaceId));
    },
  );

  app.put(
    '/v1/spaces/:spaceId/policy',
    {
      schema: {
        tags: ['governance'],
        summary: "Set a space's erasure and retention policy (owners)",
        params: SpaceParams,
        body: SpacePolicy,
        response: { 200: SpacePolicy, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { spaceId } = request.params;
      const body = request.body;
      const row: PolicyRow = {
        space_id: spaceId,
        erasure: body.erasure,
        message_retention_months: body.messageRetentionMonths,
        document_retention_months: body.documentRetentionMonths,
        trash_retention_days: body.trashRetentionDays,
      };
      await db.transaction().execute(async (trx) => {
        requireOwner(await requireMember(trx, spaceId, user.id));
        const { space_id: _, ...values } = row;
        await withGovernance(trx).insertInto('space_policies').values(row).onConflict((oc) => oc.column('space_id').doUpdateSet(values)).execute();
        await recordAudit(trx, { actorId: user.id, spaceId, action: 'policy.changed', detail: { ...body } });
      });
      return presentPolicy(row);
    },
  );

  app.get(
    '/v1/spaces/:spaceId/audit',
    {
      schema: {
        tags: ['governance'],
        summary: "The space's audit log, newest first (owners)",
        params: SpaceParams,
        querystring: PageQuery,
        response: { 200: Page(AuditEntry), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireOwner(await requireMember(db, request.params.spaceId, user.id));
      return auditPage(db, request.params.spaceId, request.query);
    },
  );

  app.get(
    '/v1/admin/audit',
    {
      schema: {
        tags: ['governance'],
        summary: 'The whole audit log, newest first (instance administrators)',
        querystring: PageQuery,
        response: { 200: Page(AuditEntry), ...problemResponses },
      },
    },
    async (request) => {
      requireAdmin(request, services);
      return auditPage(db, null, request.query);
    },
  );
}
