import { AcceptRules, Page, PutRules, Rules, SpaceParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { requireMember, requireOwner } from '../spaces/access.js';
import { recordAudit } from './audit.js';
import { withGovernance } from './schema.js';

/** The current rules of a space and the caller's latest acceptance. */
export async function rulesFor(db: Kysely<Database>, spaceId: string, userId: string): Promise<Rules> {
  const gov = withGovernance(db);
  const [current, accepted] = await Promise.all([
    gov.selectFrom('space_rules').selectAll().where('space_id', '=', spaceId).orderBy('version', 'desc').limit(1).executeTakeFirst(),
    gov
      .selectFrom('rules_acceptances')
      .select(['version', 'accepted_at'])
      .where('space_id', '=', spaceId)
      .where('user_id', '=', userId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const version = current?.version ?? 0;
  return {
    spaceId,
    version,
    text: current?.text ?? '',
    updatedAt: current?.created_at ?? null,
    acceptedVersion: accepted?.version ?? null,
    acceptedAt: accepted?.accepted_at ?? null,
    mustAccept: version > 0 && (accepted?.version ?? 0) < version,
  };
}

async function accept(db: Kysely<Database>, spaceId: string, userId: string, version: number): Promise<void> {
  await withGovernance(db)
    .insertInto('rules_acceptances')
    .values({ space_id: spaceId, user_id: userId, version, accepted_at: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Writes a new version of a space's rules (the author accepts it by writing it); returns its number. */
export async function publishRules(db: Kysely<Database>, spaceId: string, authorId: string | null, text: string): Promise<number> {
  const gov = withGovernance(db);
  const last = await gov.selectFrom('space_rules').select('version').where('space_id', '=', spaceId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  const version = (last?.version ?? 0) + 1;
  await gov.insertInto('space_rules').values({ space_id: spaceId, version, text, created_by: authorId, created_at: new Date().toISOString() }).execute();
  if (authorId !== null) await accept(db, spaceId, authorId, version);
  return version;
}

/** Rules of use: read (members), publish a version (owners), accept; and the caller's rules still to accept. */
export function registerRulesRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/spaces/:spaceId/rules',
    { schema: { tags: ['governance'], summary: "A space's rules of use and the caller's acceptance", params: SpaceParams, response: { 200: Rules, ...problemResponses } } },
    async (request) => {
      const user = requireUser(request);
      await requireMember(db, request.params.spaceId, user.id);
      return rulesFor(db, request.params.spaceId, user.id);
    },
  );

  app.put(
    '/v1/spaces/:spaceId/rules',
    {
      schema: {
        tags: ['governance'],
        summary: 'Publish a new version of the rules of use (owners); every member is asked to accept it',
        params: SpaceParams,
        body: PutRules,
        response: { 200: Rules, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { spaceId } = request.params;
      return events.transaction(async (trx) => {
        requireOwner(await requireMember(trx, spaceId, user.id));
        const version = await publishRules(trx, spaceId, user.id, request.body.text);
        await recordAudit(trx, { actorId: user.id, spaceId, action: 'rules.changed', targetId: String(version), detail: { version } });
        return rulesFor(trx, spaceId, user.id);
      });
    },
  );

  app.post(
    '/v1/spaces/:spaceId/rules/acceptance',
    {
      schema: {
        tags: ['governance'],
        summary: 'Accept the current rules of use; the date and version are recorded',
        params: SpaceParams,
        body: AcceptRules,
        response: { 200: Rules, ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { spaceId } = request.params;
      await requireMember(db, spaceId, user.id);
      const current = await rulesFor(db, spaceId, user.id);
      if (request.body.version !== current.version) {
        throw new ProblemError('conflict', 'These are not the current rules of use: read them again.', { current });
      }
      await accept(db, spaceId, user.id, current.version);
      return rulesFor(db, spaceId, user.id);
    },
  );

  app.get(
    '/v1/me/rules-to-accept',
    {
      schema: {
        tags: ['governance'],
        summary: "Rules of use of the caller's spaces that they have not accepted yet",
        response: { 200: Page(Rules), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const spaces = await withGovernance(db)
        .selectFrom('memberships')
        .innerJoin('space_rules', 'space_rules.space_id', 'memberships.space_id')
        .select('memberships.space_id')
        .distinct()
        .where('memberships.user_id', '=', user.id)
        .orderBy('memberships.space_id')
        .execute();
      const all = await Promise.all(spaces.map((s) => rulesFor(db, s.space_id, user.id)));
      return { items: all.filter((rules) => rules.mustAccept), nextCursor: null };
    },
  );
}
