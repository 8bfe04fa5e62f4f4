import { Insights, InsightsQuery, SpaceParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMember } from '../spaces/access.js';
import { requireAdmin } from './admins.js';
import { recordAudit } from './audit.js';
import { computeInsights } from './insights.js';

const maxDays = 366;

/** 422 unless `from` and `to` are real dates, in order, at most a year apart. */
function checkPeriod(query: InsightsQuery): void {
  const from = Date.parse(`${query.from}T00:00:00Z`);
  const to = Date.parse(`${query.to}T00:00:00Z`);
  const invalid = (pointer: string, message: string): ProblemError =>
    new ProblemError('validation-failed', message, { errors: [{ pointer, message }] });
  if (Number.isNaN(from)) throw invalid('/from', 'Not a date');
  if (Number.isNaN(to)) throw invalid('/to', 'Not a date');
  if (to < from) throw invalid('/to', '`to` comes before `from`');
  if (to - from > maxDays * 24 * 3600_000) throw invalid('/to', `At most ${maxDays} days at a time`);
}

/** `GET /v1/spaces/:spaceId/insights` (owners and référents) and `GET /v1/admin/insights` (administrators); each reading is audited. */
export function registerInsightsRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;

  app.get(
    '/v1/spaces/:spaceId/insights',
    {
      schema: {
        tags: ['governance'],
        summary: "Weekly usage indicators of a space (owners and référents); weeks with fewer than 5 active people show no figure",
        params: SpaceParams,
        querystring: InsightsQuery,
        response: { 200: Insights, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { spaceId } = request.params;
      const access = await requireMember(db, spaceId, user.id);
      if (access.role !== 'owner') {
        const membership = await db.selectFrom('memberships').select('referent').where('space_id', '=', spaceId).where('user_id', '=', user.id).executeTakeFirst();
        if (membership?.referent !== 1) throw new ProblemError('forbidden', 'Only the owners and référents of the space read its indicators.');
      }
      checkPeriod(request.query);
      const insights = await computeInsights(db, spaceId, request.query.from, request.query.to);
      await recordAudit(db, { actorId: user.id, spaceId, action: 'insights.read', detail: { from: request.query.from, to: request.query.to } });
      return reply.header('Cache-Control', 'private, no-store').send(insights);
    },
  );

  app.get(
    '/v1/admin/insights',
    {
      schema: {
        tags: ['governance'],
        summary: 'Weekly usage indicators of the whole instance (instance administrators)',
        querystring: InsightsQuery,
        response: { 200: Insights, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireAdmin(request, services);
      checkPeriod(request.query);
      const insights = await computeInsights(db, null, request.query.from, request.query.to);
      await recordAudit(db, { actorId: user.id, spaceId: null, action: 'insights.read', detail: { from: request.query.from, to: request.query.to } });
      return reply.header('Cache-Control', 'private, no-store').send(insights);
    },
  );
}
