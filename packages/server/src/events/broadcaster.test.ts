import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createSpace, Person, startReference, type Target } from '../conformance/harness.js';
import { readEvents } from '@bureau/conformance/sse';

/** The message texts of the `message.created` events of `response`, until `count` have come. */
async function textsOf(response: Response, count: number): Promise<string[]> {
  const texts: string[] = [];
  for await (const { envelope } of readEvents(response)) {
    if (envelope.type === 'message.created') texts.push(String(envelope.data.text));
    if (texts.length === count) break;
  }
  return texts;
}

describe('event broadcaster (one per process) and the streams it hands over', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let spaceId: string;
  let roomId: string;
  before(async () => {
    const unlimited = { max: 1_000_000, windowMs: 60_000 };
    target = await startReference({ rateLimit: unlimited, chat: { sendRateLimit: unlimited } });
    [karim, camille] = await Person.signInAll(target.baseUrl, ['karim', 'camille']);
    spaceId = await createSpace(karim, 'Diffusion', [[camille, 'member']]);
    const room = await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'diffusion' } });
    roomId = (room.body as { id: string }).id;
  });
  after(() => target.close());

  const send = async (text: string): Promise<void> => {
    const reply = await karim.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text } });
    assert.equal(reply.status, 201, reply.text);
  };
  const head = async (): Promise<string> => {
    const controller = new AbortController();
    const response = await camille.fetch('GET', '/v1/events?after=999999999999', { signal: controller.signal });
    const first = await readEvents(response).next();
    controller.abort();
    return String(first.value?.envelope.position);
  };

  it('streams resuming while messages flow get each later message once, in order, across the hand-over to the broadcaster', async () => {
    const from = await head();
    const total = 60;
    const sent = Array.from({ length: total }, (_, i) => `flux ${i}`);
    const controller = new AbortController();
    const readers: Promise<string[]>[] = [];
    try {
      for (let i = 0; i < total; i += 1) {
        // A stream resuming from before the first message joins every tenth message.
        if (i % 10 === 5) {
          const response = await camille.fetch('GET', '/v1/events', { headers: { 'last-event-id': from }, signal: controller.signal });
          assert.equal(response.status, 200);
          const reading = textsOf(response, total);
          reading.catch(() => {}); // awaited below; a failure before that must not go unhandled
          readers.push(reading);
        }
        await send(sent[i] as string);
      }
      for (const texts of await Promise.all(readers)) assert.deepEqual(texts, sent);
    } finally {
      controller.abort();
    }
  });

  it('a reader that stops reading (its socket pushes back) still gets every message once, in order, when it reads again', async () => {
    const big = 'x'.repeat(3900);
    const total = 200;
    const url = new URL('/v1/events', target.baseUrl);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = get(url, { headers: { ...camille.authHeaders('GET'), accept: 'text/event-stream' } }, resolve);
      request.on('error', reject);
    });
    try {
      assert.equal(response.statusCode, 200);
      response.pause();
      // ~800 kB while nobody reads: more than the socket buffers hold.
      for (let i = 0; i < total; i += 1) await send(`${i} ${big}`);
      // A live reader opened meanwhile is not held up by the slow one.
      const controller = new AbortController();
      const live = await camille.fetch('GET', '/v1/events', { signal: controller.signal });
      const liveTexts = textsOf(live, 1);
      await send('après');
      assert.deepEqual(await liveTexts, ['après']);
      controller.abort();
      const received: string[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      await new Promise<void>((resolve, reject) => {
        response.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^event: message\.created\ndata: (.*)$/m.exec(frame)?.[1];
            if (data) received.push(String((JSON.parse(data) as { data: { text: string } }).data.text).split(' ')[0] as string);
            if (received.length === total + 1) resolve();
          }
        });
        response.on('error', reject);
        response.resume();
      });
      assert.deepEqual(received, [...Array.from({ length: total }, (_, i) => String(i)), 'après']);
    } finally {
      response.destroy();
    }
  });
});
