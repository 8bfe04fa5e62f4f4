import { Erasure, PurgeReport, PurgeRequest, SpaceParams, UserParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import type { BlobStore } from '../files/blob-store.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMember, requireOwner } from '../spaces/access.js';
import { isAdmin, requireAdmin } from './admins.js';
import { pruneAudit } from './audit.js';
import { erasePerson } from './erasure.js';
import { deleteExports, exportTtlMs, registerExportRoutes } from './export.js';
import { registerInsightsRoutes } from './insights-routes.js';
import { applyRetention } from './retention.js';
import { registerRulesRoutes } from './rules.js';
import { withGovernance } from './schema.js';
import { policyOf, registerSpaceGovernanceRoutes } from './space-routes.js';
import { forgetSessionsOf } from '../auth/session-cache.js';

export interface GovernanceOptions {
  blobs: BlobStore;
  auditRetentionDays: number;
  /** How often the maintenance job runs (retention purges, audit log and export expiry). */
  everyMs: number;
}

/** Runs every space's retention policy, then drops audit entries and exports past their time. */
export async function runGovernanceMaintenance(services: Services, options: GovernanceOptions, now = new Date()): Promise<void> {
  const policies = await withGovernance(services.db)
    .selectFrom('space_policies')
    .selectAll()
    .where((eb) => eb.or([eb('message_retention_months', 'is not', null), eb('document_retention_months', 'is not', null), eb('trash_retention_days', 'is not', null)]))
    .execute();
  for (const policy of policies) {
    await applyRetention({ db: services.db, events: services.events, blobs: options.blobs }, policy, { dryRun: false, actorId: null, now });
  }
  await pruneAudit(services.db, options.auditRetentionDays, now);
  await deleteExports(services.db, options.blobs, { before: new Date(now.getTime() - exportTtlMs).toISOString() });
}

/**
 * Governance and RGPD: rules of use, référents, data policies, usage indicators, the audit log,
 * data exports, erasure and retention, and the maintenance job that applies retention.
 */
export function registerGovernance(root: FastifyInstance, services: Services, options: GovernanceOptions): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;
  registerRulesRoutes(app, services);
  registerSpaceGovernanceRoutes(app, services);
  registerInsightsRoutes(app, services);
  registerExportRoutes(app, services, options.blobs);

  app.post(
    '/v1/admin/users/:userId/erasure',
    {
      schema: {
        tags: ['governance'],
        summary: "Erase a person (instance administrators): personal data removed, content pseudonymised or deleted by each space's policy, sessions ended",
        params: UserParams,
        response: { 200: Erasure, ...problemResponses },
      },
    },
    async (request) => {
      const admin = requireAdmin(request, services);
      const erasure = await erasePerson(events, admin.id, request.params.userId);
      // Sessions cached in memory (single SQLite instance) end with the rows just deleted.
      forgetSessionsOf(db, request.params.userId);
      await deleteExports(db, options.blobs, { userId: request.params.userId });
      return erasure;
    },
  );

  app.post(
    '/v1/spaces/:spaceId/retention/purge',
    {
      schema: {
        tags: ['governance'],
        summary: "Apply the space's retention policy now (owners, administrators); `dryRun` lists what would go",
        params: SpaceParams,
        body: PurgeRequest,
        response: { 200: PurgeReport, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { spaceId } = request.params;
      if (!isAdmin(services, user.id)) requireOwner(await requireMember(db, spaceId, user.id));
      const policy = await policyOf(db, spaceId);
      return applyRetention({ db, events, blobs: options.blobs }, policy, { dryRun: request.body.dryRun, actorId: user.id });
    },
  );

  const run = (): void => {
    runGovernanceMaintenance(services, options).catch((error: unknown) => app.log.error({ err: error }, 'governance maintenance failed'));
  };
  const timer = setInterval(run, options.everyMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
