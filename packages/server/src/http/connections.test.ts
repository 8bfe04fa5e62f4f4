import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startReference } from '../conformance/harness.js';

describe('closing the server', () => {
  // Streams sent with a Content-Length (bureau.js, chunks, downloads) left their keep-alive
  // connection counted as busy, and close() waited for the client's 72 s timeout.
  it('does not wait for the keep-alive connection of a finished streamed response', { timeout: 20_000 }, async () => {
    const target = await startReference();
    const reply = await fetch(`${target.baseUrl}/bureau.js`);
    assert.equal(reply.status, 200);
    await reply.arrayBuffer();
    await target.close();
  });
});
