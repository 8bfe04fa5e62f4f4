import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createSpace, Person } from '../conformance/harness.js';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { body, plainUpload, rootOf, tinyPng, type FileJson } from '../files/files-test-kit.test.js';
import { startServer } from '../server.js';

/** What nginx sends in front of a server reached as https://intranet.mairie-convergence.fr. */
const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'intranet.mairie-convergence.fr', 'x-forwarded-for': '203.0.113.7' };

describe('behind a reverse proxy (trustProxy)', () => {
  const opened: { server: Awaited<ReturnType<typeof startServer>>; database: TestDatabase }[] = [];
  after(async () => {
    for (const { server, database } of opened) {
      await server.close();
      await database.drop();
    }
  });

  /** The URL of a share link made through a request carrying `forwarded`, on a server with `trustProxy`. */
  async function shareUrl(trustProxy: string | undefined): Promise<{ url: string; origin: string }> {
    const database = await freshTestDatabase('bureau-proxy-');
    const server = await startServer({ ...database.options, demo: true, port: 0, ...(trustProxy === undefined ? {} : { trustProxy }) });
    opened.push({ server, database });
    const karim = await Person.signIn(server.url, 'karim');
    const spaceId = await createSpace(karim, 'Notes');
    const file = body<FileJson>(await plainUpload(karim, await rootOf(karim, spaceId), 'organigramme.png', tinyPng));
    const reply = await karim.call('POST', `/v1/spaces/${spaceId}/share-links`, {
      json: { target: { kind: 'file', id: file.id }, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      headers: forwarded,
    });
    assert.equal(reply.status, 201, reply.text);
    return { url: body<{ url: string }>(reply).url, origin: server.url };
  }

  it('builds links on the origin the proxy says when its address is trusted', async () => {
    const { url } = await shareUrl('loopback');
    assert.match(url, /^https:\/\/intranet\.mairie-convergence\.fr\/s\//);
  });

  it('ignores forwarded headers by default: a client cannot choose the origin of a link', async () => {
    const { url, origin } = await shareUrl(undefined);
    assert.ok(url.startsWith(`${origin}/s/`), url);
  });
});
