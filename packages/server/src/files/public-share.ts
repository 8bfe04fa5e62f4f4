import { sharePasswordHeader, SharedView, type PublicFile } from '@bureau/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/responses.js';
import type { Services } from '../services.js';
import type { BlobStore } from './blob-store.js';
import type { FileWithVersion } from './present.js';
import { withFiles, type ShareLinkRow } from './schema.js';
import { sendDownload } from './serve.js';
import { pageLanguage } from '../auth/oidc-page.js';
import { renderSharePage, sharePagePolicy } from './share-page.js';
import { passwordMatches, sharePass } from './share-links.js';
import { filesWithVersion, subtreeIds } from './tree.js';

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });
const ViewQuery = Type.Object({ folder: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
const ContentQuery = Type.Object({ file: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
const Bytes = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });
const cookieOf = (link: ShareLinkRow): string => `bureau_share_${link.id}`;

/** Wrong passwords allowed per link per window before 429: guessing a password stays slow. */
const guesses = { max: 10, windowMs: 15 * 60_000 };

class GuessLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  /** 429 while the link has had too many wrong passwords in the window. */
  check(linkId: string): void {
    const entry = this.failures.get(linkId);
    if (!entry || entry.resetAt <= Date.now()) return;
    if (entry.count >= guesses.max) {
      throw new ProblemError('rate-limited', 'Too many wrong passwords for this link: try again later.', { retryAfter: Math.ceil((entry.resetAt - Date.now()) / 1000) });
    }
  }

  fail(linkId: string): void {
    const now = Date.now();
    for (const [id, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(id);
    const entry = this.failures.get(linkId) ?? { count: 0, resetAt: now + guesses.windowMs };
    entry.count += 1;
    this.failures.set(linkId, entry);
  }
}

const publicFile = (row: FileWithVersion): PublicFile => ({ id: row.id, name: row.name, size: row.size, type: row.type, updatedAt: row.updated_at });

const wantsJson = (request: FastifyRequest): boolean => /application\/(problem\+)?json/.test(request.headers.accept ?? '');

/**
 * Public, read-only pages of share links: `GET /s/:token` (HTML, or JSON with
 * `Accept: application/json`), `POST /s/:token` (password form), `GET /s/:token/content`.
 * Unknown, expired and revoked links are one and the same 404.
 */
export async function registerPublicShareRoutes(root: FastifyInstance, services: Services, blobs: BlobStore): Promise<void> {
  const { db } = services;
  const limiter = new GuessLimiter();

  /** Checks a password given by a visitor, counting wrong ones. */
  const tryPassword = async (link: ShareLinkRow, password: string): Promise<boolean> => {
    limiter.check(link.id);
    const right = link.password_hash !== null && (await passwordMatches(password, link.password_hash));
    if (!right) limiter.fail(link.id);
    return right;
  };

  const openLink = async (token: string): Promise<ShareLinkRow> => {
    const link = await withFiles(db).selectFrom('share_links').selectAll().where('token', '=', token).executeTakeFirst();
    if (!link || link.revoked_at !== null || Date.parse(link.expires_at) <= Date.now()) throw new ProblemError('not-found', 'This link does not exist, has expired or was revoked.');
    return link;
  };

  const unlocked = async (request: FastifyRequest, link: ShareLinkRow): Promise<boolean> => {
    if (link.password_hash === null) return true;
    if (request.cookies[cookieOf(link)] === sharePass(link)) return true;
    const header = request.headers[sharePasswordHeader.toLowerCase()];
    if (typeof header !== 'string') return false;
    let password: string;
    try {
      password = decodeURIComponent(header);
    } catch {
      return false;
    }
    return tryPassword(link, password);
  };

  const requireUnlocked = async (request: FastifyRequest, link: ShareLinkRow): Promise<void> => {
    if (!(await unlocked(request, link))) throw new ProblemError('unauthenticated', `This link needs its password (form, or the ${sharePasswordHeader} header).`);
  };

  /** The live folder ids a folder link reaches: the folder and everything under it. */
  const reachable = async (link: ShareLinkRow): Promise<string[]> => {
    const ids = await subtreeIds(withFiles(db), link.target_id);
    const live = await withFiles(db).selectFrom('folders').select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute();
    return live.map((row) => row.id);
  };

  const view = async (link: ShareLinkRow, folderId: string | undefined): Promise<SharedView> => {
    if (link.target_kind === 'file') {
      const file = await filesWithVersion(db).where('files.id', '=', link.target_id).where('files.deleted_at', 'is', null).executeTakeFirst();
      if (!file) throw new ProblemError('not-found', 'This link does not exist, has expired or was revoked.');
      return { kind: 'file', name: file.name, expiresAt: link.expires_at, file: publicFile(file) };
    }
    const allowed = await reachable(link);
    const shown = folderId ?? link.target_id;
    if (!allowed.includes(shown)) throw new ProblemError('not-found', 'No such folder under this link.');
    const folder = await withFiles(db).selectFrom('folders').selectAll().where('id', '=', shown).executeTakeFirstOrThrow();
    const folders = await withFiles(db).selectFrom('folders').select(['id', 'name']).where('parent_id', '=', shown).where('deleted_at', 'is', null).orderBy('name_key').execute();
    const files = await filesWithVersion(db).where('files.folder_id', '=', shown).where('files.deleted_at', 'is', null).orderBy('files.name_key').execute();
    return { kind: 'folder', name: folder.name, expiresAt: link.expires_at, folders, files: files.map(publicFile) };
  };

  const answer = async (request: FastifyRequest, reply: FastifyReply, token: string, folderId: string | undefined, failedPassword: boolean) => {
    reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').header('X-Robots-Tag', 'noindex');
    let link: ShareLinkRow;
    try {
      link = await openLink(token);
    } catch (error) {
      if (wantsJson(request)) throw error;
      return sendPage(reply.code(404), renderSharePage({ state: 'gone' }, pageLanguage(request.headers['accept-language'])));
    }
    if (!(await unlocked(request, link))) {
      if (wantsJson(request)) await requireUnlocked(request, link);
      return sendPage(reply.code(401), renderSharePage({ state: 'password', token, failed: failedPassword }, pageLanguage(request.headers['accept-language'])));
    }
    const shared = await view(link, folderId);
    if (wantsJson(request)) return reply.send(shared);
    return sendPage(reply, renderSharePage({ state: 'open', token, view: shared }, pageLanguage(request.headers['accept-language'])));
  };

  await root.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/s/:token',
      { schema: { tags: ['share'], summary: 'A share link’s page (HTML), or its `SharedView` with `Accept: application/json`', params: TokenParams, querystring: ViewQuery, response: { 200: SharedView, ...problemResponses } } },
      async (request, reply) => answer(request, reply, request.params.token, request.query.folder, false),
    );

    app.post(
      '/s/:token',
      {
        config: { csrfExempt: true },
        schema: { tags: ['share'], summary: 'Give a share link’s password (form field `password`); sets a cookie for this link only', params: TokenParams, body: Type.Object({ password: Type.String({ maxLength: 200 }) }) },
      },
      async (request, reply) => {
        reply.header('Cache-Control', 'no-store');
        const link = await openLink(request.params.token);
        if (await tryPassword(link, request.body.password)) {
          reply.setCookie(cookieOf(link), sharePass(link), {
            path: `/s/${link.token}`,
            httpOnly: true,
            secure: services.secureCookies,
            sameSite: 'lax',
            expires: new Date(link.expires_at),
          });
          return reply.code(303).header('Location', `/s/${link.token}`).send(null);
        }
        return answer(request, reply, request.params.token, undefined, true);
      },
    );

    app.get(
      '/s/:token/content',
      {
        schema: {
          tags: ['share'],
          summary: 'Download the shared file, or `?file=` a file under the shared folder (attachment, Range)',
          params: TokenParams,
          querystring: ContentQuery,
          response: { 200: Bytes, 206: Bytes, ...problemResponses },
        },
      },
      async (request, reply) => {
        reply.header('Referrer-Policy', 'no-referrer');
        const link = await openLink(request.params.token);
        await requireUnlocked(request, link);
        const fileId = link.target_kind === 'file' ? link.target_id : request.query.file;
        if (fileId === undefined) throw new ProblemError('validation-failed', 'Name the file with `?file=`.', { errors: [{ pointer: '/file', message: 'Required for a folder link' }] });
        const file = await filesWithVersion(db).where('files.id', '=', fileId).where('files.deleted_at', 'is', null).executeTakeFirst();
        const inside = file !== undefined && (link.target_kind === 'file' || (await reachable(link)).includes(file.folder_id));
        if (!file || !inside) throw new ProblemError('not-found', 'No such file under this link.');
        return sendDownload(request, reply, blobs, { blobKey: file.blob_key, size: file.size, type: file.type, checksum: file.checksum, name: file.name }, false);
      },
    );
  });
}

function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('Content-Security-Policy', sharePagePolicy)
    .header('X-Content-Type-Options', 'nosniff')
    .send(html);
}
