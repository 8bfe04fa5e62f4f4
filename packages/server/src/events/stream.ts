import type { ServerResponse } from 'node:http';
import { BureauEvent, EventsQuery, type EventOf } from '@bureau/api';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { problemResponses } from '../http/responses.js';
import { markSeen } from '../users/seen.js';
import { Broadcaster, frameOf, frameOfRow, visibleTo, type Listener } from './broadcaster.js';
import type { EventLog } from './log.js';

export interface StreamOptions {
  heartbeatMs: number;
  retentionMs: number;
  /** Milliseconds a client should wait before reconnecting (the SSE `retry:` field). */
  retryMs: number;
}

const batchSize = 200;
const ping = Buffer.from(': ping\n\n');

type Start = { after: number } | { reset: EventOf<'reset'>['data']['reason']; head: number };

async function startOf(log: EventLog, requested: string | undefined, retentionMs: number): Promise<Start> {
  // A new stream starts at the head: only a resuming one needs the old events pruned to know the floor
  // (a delete on every connection was the largest database cost of opening one; the sweep prunes too).
  if (requested === undefined) return { after: await log.head() };
  await log.prune(new Date(Date.now() - retentionMs));
  const head = await log.head();
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

/** Ephemeral events (typing, presence): frames written at once, without `id`, to a person's streams. */
export interface EphemeralSource {
  subscribe(userId: string, write: (frame: string) => void): () => void;
}

/** One open `GET /v1/events` response. */
class Stream implements Listener {
  cursor: number;
  readonly spaces: Set<string>;
  readonly #stop = new AbortController();

  constructor(
    readonly userId: string,
    readonly res: ServerResponse,
    start: { cursor: number; spaces: Set<string> },
    private readonly deps: { db: Db; log: EventLog; broadcaster: Broadcaster; onError: (error: unknown) => void },
  ) {
    this.cursor = start.cursor;
    this.spaces = start.spaces;
  }

  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  write(frame: Buffer | string): boolean {
    return this.res.write(frame);
  }

  cork(): void {
    this.res.cork();
  }

  uncork(): void {
    this.res.uncork();
  }

  pushedBack(): void {
    this.#catchUp(true);
  }

  /** Serves the stream: by the broadcaster once caught up, by its own reads until then. */
  open(): void {
    this.#catchUp(false);
  }

  end(): void {
    if (this.#stop.signal.aborted) return;
    this.#stop.abort();
    this.deps.broadcaster.detach(this);
    this.res.end();
  }

  #catchUp(waitForDrain: boolean): void {
    this.#read(waitForDrain).catch((error: unknown) => {
      this.deps.onError(error);
      this.end();
    });
  }

  /**
   * The cursor loop: writes every visible event after `cursor`, waiting for the socket to drain when
   * it pushes back, until the broadcaster takes the stream over.
   */
  async #read(waitForDrain: boolean): Promise<void> {
    const signal = this.#stop.signal;
    if (waitForDrain && !(await this.#drained())) return;
    while (!signal.aborted) {
      if (this.deps.broadcaster.attach(this)) return;
      const rows = await this.deps.log.readAfter(this.cursor, batchSize);
      if (rows.length === 0) {
        await this.deps.log.notifier.waitBeyond(this.cursor, signal);
        continue;
      }
      // Memberships only change with a member.* or space.created event: re-read them then only.
      if (rows.some((row) => row.type.startsWith('member.') || row.type === 'space.created')) {
        const now = await spacesOf(this.deps.db, this.userId);
        this.spaces.clear();
        for (const space of now) this.spaces.add(space);
      }
      for (const row of rows) {
        if (signal.aborted) return;
        // The broadcaster may have written it meanwhile (never: the stream is not attached) — guard anyway.
        if (row.position <= this.cursor) continue;
        this.cursor = row.position;
        if (!visibleTo(row, this.userId, this.spaces)) continue;
        if (!this.res.write(frameOfRow(row)) && !(await this.#drained())) return;
      }
    }
  }

  /** True once the socket has drained, false if the stream ended first. */
  #drained(): Promise<boolean> {
    return new Promise((resolve) => {
      const signal = this.#stop.signal;
      if (signal.aborted) return resolve(false);
      const done = (): void => {
        this.res.off('drain', done);
        signal.removeEventListener('abort', done);
        resolve(!signal.aborted);
      };
      this.res.once('drain', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** One timer writes the heartbeat to every open stream. */
class Heartbeat {
  readonly #streams = new Set<Stream>();
  #timer: NodeJS.Timeout | null = null;
  constructor(private readonly ms: number) {}
  add(stream: Stream): void {
    this.#streams.add(stream);
    this.#timer ??= setInterval(() => {
      for (const open of this.#streams) open.write(ping);
    }, this.ms);
  }
  delete(stream: Stream): void {
    this.#streams.delete(stream);
    if (this.#streams.size === 0 && this.#timer !== null) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }
}

/**
 * `GET /v1/events`: one SSE stream per client, written straight to its socket. Streams end when the
 * client goes away and when the server closes, so that they never hold `close()` up.
 */
export function registerEventStream(
  root: FastifyInstance,
  deps: { db: Db; log: EventLog; ephemeral?: EphemeralSource; options: StreamOptions },
): void {
  const broadcaster = new Broadcaster(deps.log, root.log);
  const started = broadcaster.start();
  started.catch(() => {});
  const heartbeat = new Heartbeat(deps.options.heartbeatMs);
  /** Open streams, each with a promise settled when its response is over. */
  const open = new Map<Stream, Promise<void>>();
  root.addHook('preClose', async () => {
    await broadcaster.stop();
    for (const stream of open.keys()) stream.end();
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
          'Resume with `Last-Event-ID` or `?after=`. The `Bureau-Position` header says where the stream starts: ' +
          'every event after that position comes on it (a page of messages read at that position or later, ' +
          'its `position`, fetched meanwhile, missed nothing).',
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
      await started;
      const start = await startOf(deps.log, request.headers['last-event-id'] ?? request.query.after, deps.options.retentionMs);
      const spaces = await spacesOf(deps.db, user.id);
      const res = reply.raw;
      reply.hijack();
      // Headers other hooks set (CORS, X-Request-Id) go out too: the reply is hijacked, not sent.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
      const cursor = 'reset' in start ? start.head : start.after;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        // Where the stream starts: every event after it comes on it. A client that fetched a page at
        // this position or later, meanwhile, missed nothing (ADR 0022).
        'bureau-position': String(cursor),
        connection: 'close',
      });
      res.write(`retry: ${deps.options.retryMs}\n\n`);
      if ('reset' in start) {
        const position = String(start.head);
        const reset = { position, type: 'reset', spaceId: null, at: new Date().toISOString(), data: { reason: start.reset } };
        res.write(frameOf(position, 'reset', reset));
      }
      let seen = Promise.resolve();
      // The person was there until the stream ended (its connection counted when it opened).
      res.once('close', () => {
        seen = markSeen(deps.db, user.id).catch((error: unknown) => request.log.error({ err: error }, 'could not record when the person was last seen'));
      });
      const stream = new Stream(user.id, res, { cursor, spaces }, {
        db: deps.db,
        log: deps.log,
        broadcaster,
        onError: (error) => request.log.error({ err: error }, 'event stream failed'),
      });
      // Over once the person's last-seen time is written (the server's close waits for it).
      open.set(stream, new Promise((resolve) => res.once('close', () => void seen.finally(resolve))));
      heartbeat.add(stream);
      const unsubscribe = deps.ephemeral?.subscribe(user.id, (frame) => stream.write(frame));
      res.once('close', () => {
        unsubscribe?.();
        heartbeat.delete(stream);
        open.delete(stream);
        stream.end();
      });
      stream.open();
    },
  );
}
