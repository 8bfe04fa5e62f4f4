import { randomBytes, scrypt as scryptCallback, timingSafeEqual, createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { CreateShareLink, Page, ShareLink, ShareLinkParams, ShareLinksQuery, SpaceParams } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FormatRegistry } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { afterKey, decodeCursor, pageSize, toPage } from '../http/cursor.js';
import { ProblemError } from '../http/problem.js';
import { Empty, problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import { newShareLinkId, newShareToken } from './ids.js';
import { withFiles, type ShareLinkRow } from './schema.js';
import { requireLiveFile, requireLiveFolder, requireSpaceRole, requireWriter } from './tree.js';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
const maxLifetimeMs = 366 * 24 * 3600_000;

// RFC 3339 date-time for request bodies (`expiresAt`); registered once for the whole process.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(value) && !Number.isNaN(Date.parse(value)));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${(await scrypt(password, salt, 32)).toString('base64url')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [, salt = '', hash = ''] = stored.split('$');
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** The proof a visitor gave the password, kept in a cookie scoped to the link: changes when the link does. */
export const sharePass = (link: ShareLinkRow): string => createHmac('sha256', link.password_hash ?? '').update(link.id).digest('base64url');

/**
 * Where a share link points: the configured public origin (behind a proxy the request's own host may
 * be an internal name), else the origin the request came to.
 */
export const originOf = (request: FastifyRequest, publicBaseUrl: string | null = null): string =>
  publicBaseUrl ?? `${request.protocol}://${request.host}`;

async function targetName(db: Kysely<Database>, link: ShareLinkRow): Promise<string> {
  const table = link.target_kind === 'file' ? 'files' : 'folders';
  const row = await withFiles(db).selectFrom(table).select('name').where('id', '=', link.target_id).executeTakeFirst();
  return row?.name ?? '';
}

async function present(db: Kysely<Database>, link: ShareLinkRow, origin: string): Promise<ShareLink> {
  return {
    id: link.id,
    spaceId: link.space_id,
    target: { kind: link.target_kind, id: link.target_id, name: await targetName(db, link) },
    url: `${origin}/s/${link.token}`,
    expiresAt: link.expires_at,
    hasPassword: link.password_hash !== null,
    createdAt: link.created_at,
    createdBy: { id: link.created_by ?? '', name: link.created_by_name },
    revokedAt: link.revoked_at,
  };
}

/** `GET/POST /v1/spaces/:spaceId/share-links`, `DELETE /v1/share-links/:shareLinkId`. */
export function registerShareLinkRoutes(root: FastifyInstance, services: Services): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = services;

  app.get(
    '/v1/spaces/:spaceId/share-links',
    {
      schema: {
        tags: ['files'],
        summary: 'Share links of the space, newest first: active ones by default, `state=all` for revoked and expired too',
        params: SpaceParams,
        querystring: ShareLinksQuery,
        response: { 200: Page(ShareLink), ...problemResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await requireSpaceRole(db, request.params.spaceId, user.id);
      const limit = request.query.limit ?? pageSize.default;
      let query = withFiles(db).selectFrom('share_links').selectAll().where('space_id', '=', request.params.spaceId);
      if ((request.query.state ?? 'active') === 'active') {
        query = query.where('revoked_at', 'is', null).where('expires_at', '>', new Date().toISOString());
      }
      if (request.query.cursor !== undefined) {
        const key = decodeCursor(db, `share-links:${request.params.spaceId}`, request.query.cursor, 2);
        query = query.where((eb) => afterKey(eb, ['created_at', 'id'], key, 'desc'));
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      const page = toPage(db, `share-links:${request.params.spaceId}`, rows, limit, (row) => row, (row) => [row.created_at, row.id]);
      return { items: await Promise.all(page.items.map((row) => present(db, row, originOf(request, services.publicBaseUrl)))), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/spaces/:spaceId/share-links',
    {
      schema: {
        tags: ['files'],
        summary: 'Create a public read-only link to a file or folder of the space (members and owners), expiring within a year',
        params: SpaceParams,
        body: CreateShareLink,
        response: { 201: ShareLink, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const role = await requireSpaceRole(db, request.params.spaceId, user.id);
      requireWriter(role);
      const expires = Date.parse(request.body.expiresAt);
      if (!(expires > Date.now() && expires <= Date.now() + maxLifetimeMs)) {
        throw new ProblemError('validation-failed', 'A share link expires in the future, at most a year from now.', { errors: [{ pointer: '/expiresAt', message: 'Out of range' }] });
      }
      const { kind, id } = request.body.target;
      const spaceId = kind === 'file' ? (await requireLiveFile(db, id, user.id)).file.space_id : (await requireLiveFolder(db, id, user.id)).folder.space_id;
      if (spaceId !== request.params.spaceId) throw new ProblemError('not-found', 'No such item in this space.');
      const row: ShareLinkRow = {
        id: newShareLinkId(),
        token: newShareToken(),
        space_id: spaceId,
        target_kind: kind,
        target_id: id,
        password_hash: request.body.password === undefined ? null : await hashPassword(request.body.password),
        expires_at: new Date(expires).toISOString(),
        created_by: user.id,
        created_by_name: user.name,
        created_at: new Date().toISOString(),
        revoked_at: null,
      };
      await withFiles(db).insertInto('share_links').values(row).execute();
      return reply.code(201).header('Location', `/v1/share-links/${row.id}`).send(await present(db, row, originOf(request, services.publicBaseUrl)));
    },
  );

  app.delete(
    '/v1/share-links/:shareLinkId',
    {
      schema: {
        tags: ['files'],
        summary: 'Revoke a share link (its creator or an owner of the space); the link stops working at once',
        params: ShareLinkParams,
        response: { 204: Empty, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const link = await withFiles(db).selectFrom('share_links').selectAll().where('id', '=', request.params.shareLinkId).executeTakeFirst();
      if (!link) throw new ProblemError('not-found', 'No such share link.');
      const role = await requireSpaceRole(db, link.space_id, user.id).catch((error: unknown) => {
        throw error instanceof ProblemError ? new ProblemError('not-found', 'No such share link.') : error;
      });
      if (role !== 'owner' && link.created_by !== user.id) throw new ProblemError('forbidden', 'Only the link’s creator or an owner of the space may revoke it.');
      if (link.revoked_at === null) {
        await withFiles(db).updateTable('share_links').set({ revoked_at: new Date().toISOString() }).where('id', '=', link.id).execute();
      }
      return reply.code(204).send(null);
    },
  );
}
