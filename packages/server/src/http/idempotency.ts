import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.js';
import { ProblemError } from './problem.js';

/** What `onSend` must store once the first request with a key has its answer. */
interface PendingKey {
  userId: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: PendingKey | null;
  }
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const validKey = /^[\x21-\x7e]{1,255}$/;
/** Response headers a replay repeats. */
const replayedHeaders = ['content-type', 'etag', 'location'] as const;
/**
 * Answers a retry with the same key cannot change, and so are stored and replayed: 2xx and these.
 * 401, 403, 408, 429 and 5xx depend on a session, a membership, a clock or a fault that a later retry
 * may find changed: the key is released and the retry runs (a 429'd message goes out after `Retry-After`).
 */
const finalRefusals = new Set([400, 404, 409, 410, 413, 415, 422]);
const isFinal = (status: number): boolean => (status >= 200 && status < 300) || finalRefusals.has(status);
/** A key still "in progress" after this long belongs to a request that died with its process. */
const abandonedAfterMs = 60_000;

const bodyHash = (body: unknown): string => createHash('sha256').update(JSON.stringify(body ?? null)).digest('base64url');
const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? '/';

function keyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return null;
  if (typeof header !== 'string' || !validKey.test(header)) {
    throw new ProblemError('validation-failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {
      errors: [{ pointer: '/headers/idempotency-key', message: 'Invalid idempotency key' }],
    });
  }
  return header;
}

/**
 * The client id of a write: its `Idempotency-Key` (the hook has already refused a malformed one),
 * stored on the resource it creates or changes and echoed as `clientId`; null without a key.
 */
export function clientIdOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  return typeof header === 'string' && validKey.test(header) ? header : null;
}

async function claim(db: Db, row: { user_id: string; key: string; method: string; path: string; body_hash: string }, ttlMs: number) {
  const now = new Date();
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ ...row, status_code: null, response_body: null, response_headers: null, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return null;
  const existing = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', row.user_id)
    .where('key', '=', row.key)
    .executeTakeFirstOrThrow();
  const age = now.getTime() - Date.parse(existing.created_at);
  // A non-final answer stored by an older version of the server is not replayed either.
  const released = existing.status_code !== null && !isFinal(existing.status_code);
  const stale = released || age > ttlMs || (existing.status_code === null && age > abandonedAfterMs);
  if (!stale) return existing;
  await db
    .updateTable('idempotency_keys')
    .set({ ...row, status_code: null, response_body: null, response_headers: null, created_at: now.toISOString() })
    .where('user_id', '=', row.user_id)
    .where('key', '=', row.key)
    .where('created_at', '=', existing.created_at)
    .execute();
  return null;
}

async function replay(reply: FastifyReply, stored: { status_code: number; response_body: string | null; response_headers: string | null }) {
  const headers = JSON.parse(stored.response_headers ?? '{}') as Record<string, string>;
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  return reply.code(stored.status_code).header('Idempotent-Replayed', 'true').send(stored.response_body ?? undefined);
}

/**
 * `Idempotency-Key` on mutating requests: the first request with a key (per user) runs and its
 * answer is stored; a repeat with the same method, path and body gets the stored answer with
 * `Idempotent-Replayed: true`. Only final answers are stored (see `isFinal`): after any other the
 * key is released, so a retry with it runs.
 */
export function registerIdempotency(app: FastifyInstance, deps: { db: Db; ttlMs: number }): void {
  app.decorateRequest('idempotency', null);

  // Callback hooks around async bodies: the requests without a key (most) pass without a promise each.
  app.addHook('preHandler', (request, reply, done) => {
    if (!mutating.has(request.method) || !request.caller || request.headers['idempotency-key'] === undefined) return done();
    claimed(request, reply).then(() => {
      if (!reply.sent) done();
    }, done);
  });

  async function claimed(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!request.caller) return;
    const key = keyOf(request);
    if (key === null) return;
    const row = { user_id: request.caller.user.id, key, method: request.method, path: pathOf(request), body_hash: bodyHash(request.body) };
    const existing = await claim(deps.db, row, deps.ttlMs);
    if (existing === null) {
      request.idempotency = { userId: row.user_id, key };
      return;
    }
    if (existing.method !== row.method || existing.path !== row.path || existing.body_hash !== row.body_hash) {
      throw new ProblemError('idempotency-key-reused', 'This Idempotency-Key was used for another request: use a new key.');
    }
    if (existing.status_code === null) {
      throw new ProblemError('idempotency-in-progress', 'The first request with this Idempotency-Key has not finished yet.', {
        retryAfter: 1,
      });
    }
    await replay(reply, { ...existing, status_code: existing.status_code });
  }

  app.addHook('onSend', (request, reply, payload, done) => {
    const pending = request.idempotency;
    if (!pending) return done(null, payload);
    request.idempotency = null;
    stored(reply, pending, payload).then((kept) => done(null, kept), done);
  });

  async function stored(reply: FastifyReply, pending: PendingKey, payload: unknown): Promise<unknown> {
    const where = deps.db.updateTable('idempotency_keys').where('user_id', '=', pending.userId).where('key', '=', pending.key);
    if (!isFinal(reply.statusCode) || (payload !== null && payload !== undefined && typeof payload !== 'string')) {
      await deps.db.deleteFrom('idempotency_keys').where('user_id', '=', pending.userId).where('key', '=', pending.key).execute();
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of replayedHeaders) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await where
      .set({ status_code: reply.statusCode, response_body: (payload as string | null | undefined) ?? null, response_headers: JSON.stringify(headers) })
      .execute();
    return payload;
  }
}
