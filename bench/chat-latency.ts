// Chat on loopback, with the reference server in its own process:
//  1. send → receive latency between two people (POST by Karim until Camille's SSE stream delivers
//     the message.created), p50 / p95 / max over a bounded number of messages;
//  2. messages per second the server fans out with 200 connected SSE listeners: senders post as
//     fast as they can (bounded in count and time) and the figure counts a message once every
//     listener has it.
// Every wait is bounded: a message not delivered within 10 s fails the run, and the whole run stops
// within --timeout-minutes (10). Run: `npm run bench:chat` (options: --samples=300 --listeners=200
// --messages=2000 --seconds=20 --timeout-minutes=10).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitAfter } from './deadline.js';
import { announce, startServerChild, stopServerChild, unlimited } from './server-child.js';

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};

/** Child mode: the reference server in demo mode, limits lifted, on a fresh folder; prints its URL. */
async function serve(): Promise<void> {
  const { startServer } = await import('@bureau/server');
  const dataDir = await mkdtemp(join(tmpdir(), 'bureau-bench-'));
  const server = await startServer({ dataDir, demo: true, port: 0, rateLimit: unlimited, chat: { sendRateLimit: unlimited } });
  announce(server, () => rm(dataDir, { recursive: true, force: true }));
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(url: string, userId: string): Promise<Session> {
  const response = await fetch(`${url}/v1/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${userId}: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('bureau_session='))?.split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

async function post(url: string, who: Session, path: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/**
 * An open event stream that calls `onMessage` with the id of every `message.created`. Resolves
 * once the server has started the stream.
 */
async function listen(url: string, who: Session, signal: AbortSignal, onMessage: (id: string) => void): Promise<void> {
  const response = await fetch(`${url}/v1/events`, { headers: { cookie: who.cookie, accept: 'text/event-stream' }, signal });
  if (response.status !== 200 || !response.body) throw new Error(`GET /v1/events: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const started = await reader.read();
  buffer += started.value ?? '';
  void (async () => {
    try {
      for (;;) {
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (!frame.includes('event: message.created')) continue;
          const match = /"data":\{"id":"([^"]+)"/.exec(frame);
          if (match?.[1]) onMessage(match[1]);
        }
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  })();
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(2)} ms`;

async function measure(): Promise<void> {
  const samples = arg('samples', 300);
  const listeners = arg('listeners', 200);
  const messages = arg('messages', 2000);
  const seconds = arg('seconds', 20);
  const server = await startServerChild(import.meta.url, ['--serve']);
  const { url } = server;
  const stop = new AbortController();
  try {
    const [karim, camille, lea] = await Promise.all(['karim', 'camille', 'lea'].map((id) => signIn(url, id)));
    if (!karim || !camille || !lea) throw new Error('sign-in failed');
    const roomId = 'espace-rh-360-general';

    // 1. Latency between two clients.
    const waiting = new Map<string, () => void>();
    const early = new Set<string>();
    await listen(url, camille, stop.signal, (id) => {
      const done = waiting.get(id);
      if (done) done();
      else early.add(id);
    });
    const latencies: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const start = performance.now();
      const sent = await post(url, karim, `/v1/rooms/${roomId}/messages`, { text: `Mesure de latence n° ${i}` });
      if (!early.delete(sent.id)) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve, reject) => {
          waiting.set(sent.id, resolve);
          timer = setTimeout(() => reject(new Error(`message ${i} (${sent.id}) was not delivered within 10 s`)), 10_000);
        });
        clearTimeout(timer);
      }
      waiting.delete(sent.id);
      latencies.push(performance.now() - start);
    }
    latencies.sort((a, b) => a - b);
    console.log(`send → receive latency, ${samples} messages, loopback, server in its own process:`);
    console.log(`  p50 ${ms(percentile(latencies, 50))}   p95 ${ms(percentile(latencies, 95))}   max ${ms(latencies.at(-1) ?? NaN)}`);

    // 2. Fan-out with `listeners` open streams.
    const counts = new Map<string, number>();
    let complete = 0;
    let lastComplete = 0;
    let onComplete: () => void = () => {};
    const people = [camille, lea];
    for (let i = 0; i < listeners; i += 1) {
      await listen(url, people[i % people.length]!, stop.signal, (id) => {
        const n = (counts.get(id) ?? 0) + 1;
        counts.set(id, n);
        if (n === listeners) {
          complete += 1;
          lastComplete = performance.now();
          counts.delete(id);
          onComplete();
        }
      });
    }
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let sentCount = 0;
    const sender = async (): Promise<void> => {
      while (sentCount < messages && performance.now() < deadline) {
        sentCount += 1;
        await post(url, sentCount % 2 === 0 ? karim : camille, `/v1/rooms/${roomId}/messages`, { text: `Message de charge n° ${sentCount}` });
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    const sendSeconds = (performance.now() - started) / 1000;
    // Wait (bounded) for the streams to deliver what was sent.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        onComplete = () => {
          if (complete >= sentCount) resolve();
        };
        onComplete();
      }),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 10_000);
      }),
    ]);
    clearTimeout(timer);
    const fanSeconds = ((complete === 0 ? performance.now() : lastComplete) - started) / 1000;
    console.log(`fan-out with ${listeners} SSE listeners (8 concurrent senders, ≤ ${messages} messages, ≤ ${seconds} s):`);
    console.log(`  accepted ${sentCount} messages in ${sendSeconds.toFixed(2)} s = ${(sentCount / sendSeconds).toFixed(0)} messages/s`);
    console.log(
      `  delivered to all ${listeners}: ${complete} messages in ${fanSeconds.toFixed(2)} s = ${(complete / fanSeconds).toFixed(0)} messages/s ` +
        `(${((complete * listeners) / fanSeconds).toFixed(0)} deliveries/s)`,
    );
    if (complete < sentCount) console.log(`  ${sentCount - complete} messages had not reached every listener within the bound`);
  } finally {
    stop.abort();
    await stopServerChild(server);
  }
}

if (process.argv.includes('--serve')) await serve();
else {
  exitAfter(10, 'bench:chat');
  await measure();
}
