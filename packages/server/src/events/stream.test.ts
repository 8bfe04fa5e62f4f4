import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSpace, Person, startReference } from '../conformance/harness.js';
import { readEvents, readSse } from '@bureau/conformance/sse';

describe('reference event stream options', () => {
  it('sends `: ping` heartbeats at the configured interval', async () => {
    const target = await startReference({ heartbeatMs: 10 });
    try {
      const karim = await Person.signIn(target.baseUrl, 'karim');
      const controller = new AbortController();
      const response = await karim.fetch('GET', '/v1/events', { signal: controller.signal });
      let pings = 0;
      for await (const item of readSse(response)) {
        if (item.kind === 'comment' && item.text === 'ping') pings += 1;
        if (pings === 2) break;
      }
      controller.abort();
      assert.equal(pings, 2);
    } finally {
      await target.close();
    }
  });

  it('a position older than the retention window gives a reset (retention), then live events', async () => {
    const target = await startReference({ eventRetentionMs: 0 });
    try {
      const karim = await Person.signIn(target.baseUrl, 'karim');
      await createSpace(karim, 'Ancien');
      await createSpace(karim, 'Récent');
      const controller = new AbortController();
      const response = await karim.fetch('GET', '/v1/events', { headers: { 'last-event-id': '1' }, signal: controller.signal });
      const events = readEvents(response);
      const reset = await events.next();
      assert.equal(reset.value?.envelope.type, 'reset');
      assert.equal(reset.value?.envelope.data.reason, 'retention');
      const head = Number(reset.value?.envelope.position);
      assert.ok(head >= 4);
      const live = await createSpace(karim, 'En direct');
      const next = await events.next();
      assert.equal(next.value?.envelope.type, 'space.created');
      assert.equal(next.value?.envelope.spaceId, live);
      assert.ok(Number(next.value?.envelope.position) > head);
      controller.abort();
    } finally {
      await target.close();
    }
  });

  it('close() ends open streams instead of waiting for them', async () => {
    const target = await startReference();
    const karim = await Person.signIn(target.baseUrl, 'karim');
    const streams = await Promise.all([1, 2, 3].map(() => karim.fetch('GET', '/v1/events')));
    const ended = streams.map(async (response) => {
      for await (const item of readSse(response)) assert.notEqual(item.kind, 'message');
    });
    await target.close();
    await Promise.all(ended);
  });
});
