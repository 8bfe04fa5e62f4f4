import { PassThrough } from 'node:stream';
import { BureauEvent, EventsQuery, type EventOf } from '@bureau/api';
import { Type } from '@sinclair/typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import type { Db } from '../db/index.js';
import type { EventRow } from '../db/schema.js';
import { problemResponses } from '../http/responses.js';
import { toEnvelope, type EventLog } from './log.js';

export interface StreamOptions {
  heartbeatMs: number;
  retentionMs: number;
  /** Milliseconds a client should wait before reconnecting (the SSE `retry:` field). */
  retryMs: number;
}

const batchSize = 200;

type Start = { after: number } | { reset: EventOf<'reset'>['data']['reason']; head: number };

const frame = (id: string, type: string, data: unknown): string =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

/** The frame of a logged event, made once for every stream that sends it (rows are shared). */
const frames = new WeakMap<EventRow, string>();
function frameOfRow(row: EventRow): string {
  let made = frames.get(row);
  if (made === undefined) {
    made = frame(String(row.position), row.type, toEnvelope(row));
    frames.set(row, made);
  }
  return made;
}

async function startOf(log: EventLog, requested: string | undefined, retentionMs: number): Promise<Start> {
  await log.prune(new Date(Date.now() - retentionMs));
  const head = await log.head();
  if (requested === undefined) return { after: head };
  if (!/^[0-9]{1,15}$/.test(requested)) return { reset: 'unknown-position', head };
  const position = Number(requested);
  if (position > head) return { reset: 'unknown-position', head };
  if (position < (await log.floor())) return { reset: 'retention', head };
  return { after: position };
}

async function spacesOf(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('memberships').select('space_id').where('user_id', '=', userId).execute();
  return new Set(rows.map((row) => row.space_id));
}

const visibleTo = (row: EventRow, userId: string, spaces: Set<string>): boolean =>
  row.user_id === userId || (row.space_id !== null && spaces.has(row.space_id));

function drained(stream: PassThrough, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    stream.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Writes every visible event after `after` to `out`, then waits for more, until `signal` aborts. */
async function pump(deps: { db: Db; log: EventLog }, userId: string, after: number, out: PassThrough, signal: AbortSignal) {
  let cursor = after;
  let spaces: Set<string> | null = null;
  while (!signal.aborted) {
    const rows = await deps.log.readAfter(cursor, batchSize);
    if (rows.length === 0) {
      await deps.log.notifier.waitBeyond(cursor, signal);
      continue;
    }
    // Memberships only change with a member.* or space.created event: re-read them then only.
    if (spaces === null || rows.some((row) => row.type.startsWith('member.') || row.type === 'space.created')) {
      spaces = await spacesOf(deps.db, userId);
    }
    for (const row of rows) {
      if (signal.aborted) return;
      cursor = row.position;
      if (!visibleTo(row, userId, spaces)) continue;
      if (!out.write(frameOfRow(row))) await drained(out, signal);
    }
  }
}

/** Ephemeral events (typing, presence): frames written at once, without `id`, to a person's streams. */
export interface EphemeralSource {
  subscribe(userId: string, write: (frame: string) => void): () => void;
}

/**
 * `GET /v1/events`: one SSE stream per client. Streams end when the client goes away and when the
 * server closes, so that they never hold `close()` up.
 */
export function registerEventStream(
  root: FastifyInstance,
  deps: { db: Db; log: EventLog; ephemeral?: EphemeralSource; options: StreamOptions },
): void {
  /** Open streams, each with a promise settled when its response is over. */
  const open = new Map<AbortController, Promise<void>>();
  root.addHook('preClose', async () => {
    for (const controller of open.keys()) controller.abort();
    await Promise.all(open.values());
  });

  root.get<{ Querystring: EventsQuery; Headers: { 'last-event-id'?: string } }>(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'The event stream (Server-Sent Events)',
        description:
          'Each message has `id` (the position), `event` (the type) and `data` (the event envelope). ' +
          'Resume with `Last-Event-ID` or `?after=`.',
        querystring: EventsQuery,
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 32 })) }),
        response: {
          200: { description: 'An endless `text/event-stream`.', content: { 'text/event-stream': { schema: BureauEvent } } },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const start = await startOf(deps.log, request.headers['last-event-id'] ?? request.query.after, deps.options.retentionMs);
      const controller = new AbortController();
      open.set(controller, new Promise((resolve) => reply.raw.once('close', resolve)));
      const out = new PassThrough();
      out.write(`retry: ${deps.options.retryMs}\n\n`);
      let after: number;
      if ('reset' in start) {
        const position = String(start.head);
        const reset = { position, type: 'reset', spaceId: null, at: new Date().toISOString(), data: { reason: start.reset } };
        out.write(frame(position, 'reset', reset));
        after = start.head;
      } else {
        after = start.after;
      }
      const heartbeat = setInterval(() => out.write(': ping\n\n'), deps.options.heartbeatMs);
      const unsubscribe = deps.ephemeral?.subscribe(user.id, (frame) => out.write(frame));
      const stop = (): void => {
        unsubscribe?.();
        clearInterval(heartbeat);
        open.delete(controller);
        controller.abort();
      };
      reply.raw.once('close', stop);
      run(pump({ db: deps.db, log: deps.log }, user.id, after, out, controller.signal), out, request.log, stop);
      return reply
        .header('Content-Type', 'text/event-stream; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .header('X-Accel-Buffering', 'no')
        .header('Connection', 'close')
        .send(out);
    },
  );
}

function run(pumping: Promise<void>, out: PassThrough, log: FastifyBaseLogger, stop: () => void): void {
  pumping.then(
    () => {
      stop();
      out.end();
    },
    (error: unknown) => {
      log.error({ err: error }, 'event stream failed');
      stop();
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
}
