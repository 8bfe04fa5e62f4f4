import { randomBytes } from 'node:crypto';
import { CreateSpace, Page, PageQuery, Space, SpaceParams, UpdateSpace } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import { afterKey, decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { etagOf, notModified, preconditionFails } from '../http/etag.js';

/**
 * A space's representation includes the reader's role, so its tag names both: two people signed in
 * one after the other in one browser must never get each other's cached role back with a 304.
 */
const tagOf = (version: number, role: string): string => `${version}-${role}`;
import { ProblemError } from '../http/problem.js';
import { Empty, problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { presentSpace, requireMember, requireOwner, snapshotOf } from './access.js';

export const newSpaceId = (): string => `spc_${randomBytes(12).toString('base64url')}`;

/** `GET/POST /v1/spaces`, `GET/PATCH /v1/spaces/:spaceId`. */
export function registerSpaceRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events } = services;

  app.get(
    '/v1/spaces',
    {
      schema: {
        tags: ['spaces'],
        summary: "The caller's spaces, oldest first",
        querystring: PageQuery,
        response: { 200: Page(Space), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const limit = request.query.limit ?? pageSize.default;
      let query = db
        .selectFrom('spaces')
        .innerJoin('memberships', 'memberships.space_id', 'spaces.id')
        .selectAll('spaces')
        .select('memberships.role')
        .where('memberships.user_id', '=', user.id);
      if (request.query.cursor !== undefined) {
        const key = decodeCursor(request.query.cursor, 2);
        query = query.where((eb) => afterKey(eb, ['spaces.created_at', 'spaces.id'], key));
      }
      const rows = await query.orderBy('spaces.created_at').orderBy('spaces.id').limit(limit + 1).execute();
      return toPage(rows, limit, (row) => presentSpace(row, row.role), (row) => [row.created_at, row.id]);
    },
  );

  app.post(
    '/v1/spaces',
    {
      schema: {
        tags: ['spaces'],
        summary: 'Create a space; the caller becomes its owner',
        body: CreateSpace,
        response: { 201: Space, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const now = new Date().toISOString();
      const space = {
        id: newSpaceId(),
        name: request.body.name,
        description: request.body.description ?? '',
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await events.transaction(async (trx, append) => {
        await trx.insertInto('spaces').values(space).execute();
        await trx.insertInto('memberships').values({ space_id: space.id, user_id: user.id, role: 'owner', joined_at: now }).execute();
        await append({ type: 'space.created', spaceId: space.id, data: snapshotOf(space) });
        const owner = { userId: user.id, name: user.name, role: 'owner' as const, joinedAt: now, referent: false };
        await append({ type: 'member.added', spaceId: space.id, userId: user.id, data: owner });
      });
      return reply
        .code(201)
        .header('Location', `/v1/spaces/${space.id}`)
        .header('ETag', etagOf(tagOf(space.version, 'owner')))
        .send(presentSpace(space, 'owner'));
    },
  );

  app.get(
    '/v1/spaces/:spaceId',
    {
      schema: {
        tags: ['spaces'],
        summary: 'A space',
        params: SpaceParams,
        response: { 200: Space, 304: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const access = await requireMember(db, request.params.spaceId, user.id);
      const tag = tagOf(access.space.version, access.role);
      reply.header('ETag', etagOf(tag)).header('Cache-Control', 'private, no-cache').header('Vary', 'Cookie, Authorization');
      if (notModified(request, tag)) return reply.code(304).send(null);
      return presentSpace(access.space, access.role);
    },
  );

  app.patch(
    '/v1/spaces/:spaceId',
    {
      schema: {
        tags: ['spaces'],
        summary: 'Rename or describe a space (owners); `If-Match` guards against lost updates',
        params: SpaceParams,
        body: UpdateSpace,
        response: { 200: Space, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const updated = await events.transaction(async (trx, append) => {
        const access = await requireMember(trx, request.params.spaceId, user.id);
        requireOwner(access);
        const tag = tagOf(access.space.version, access.role);
        // `If-Match` may name the tag this owner was given or the bare version (what the SDK's outbox
        // stores with a queued write): both name this version.
        if (preconditionFails(request, tag) && preconditionFails(request, access.space.version)) {
          reply.header('ETag', etagOf(tag));
          throw new ProblemError('precondition-failed', 'The space changed since you read it.', {
            current: presentSpace(access.space, access.role),
          });
        }
        const space = {
          ...access.space,
          name: request.body.name ?? access.space.name,
          description: request.body.description ?? access.space.description,
          version: access.space.version + 1,
          updated_at: new Date().toISOString(),
        };
        await trx
          .updateTable('spaces')
          .set({ name: space.name, description: space.description, version: space.version, updated_at: space.updated_at })
          .where('id', '=', space.id)
          .execute();
        await append({ type: 'space.updated', spaceId: space.id, data: snapshotOf(space) });
        return presentSpace(space, access.role);
      });
      return reply.header('ETag', etagOf(tagOf(updated.version, updated.role))).send(updated);
    },
  );
}
