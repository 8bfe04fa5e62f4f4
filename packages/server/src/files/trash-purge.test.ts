import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSpace, Person } from '../conformance/harness.js';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { startServer } from '../server.js';
import { body, plainUpload, rootOf, type FileJson } from './files-test-kit.test.js';

const blobCount = async (dataDir: string): Promise<number> =>
  (await readdir(join(dataDir, 'blobs'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

describe('trash retention', () => {
  let database: TestDatabase;
  let dataDir: string;
  before(async () => {
    database = await freshTestDatabase('bureau-purge-');
    dataDir = database.dataDir;
  });
  after(() => database.drop());

  it('purges for good, with their bytes, the items older than the retention; keeps the others', async () => {
    const first = await startServer({ ...database.options, demo: true, port: 0 });
    const karim = await Person.signIn(first.url, 'karim');
    const spaceId = await createSpace(karim, 'Purge');
    const rootId = await rootOf(karim, spaceId);
    const folder = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name: 'Vieux' } }));
    const inside = body<FileJson>(await plainUpload(karim, folder.id, 'dedans.txt', Buffer.from('dedans')));
    const loose = body<FileJson>(await plainUpload(karim, rootId, 'seul.txt', Buffer.from('seul')));
    const kept = body<FileJson>(await plainUpload(karim, rootId, 'gardé.txt', Buffer.from('gardé')));
    assert.equal((await karim.call('DELETE', `/v1/folders/${folder.id}`)).status, 204);
    assert.equal((await karim.call('DELETE', `/v1/files/${loose.id}`)).status, 204);
    const blobsBefore = await blobCount(dataDir);
    await first.close();

    const second = await startServer({ ...database.options, demo: true, port: 0, files: { trashRetentionDays: 0 } });
    try {
      const again = await Person.signIn(second.url, 'karim');
      for (const id of [inside.id, loose.id]) assert.equal((await again.call('GET', `/v1/files/${id}`)).status, 404);
      assert.equal((await again.call('POST', `/v1/folders/${folder.id}/restore`)).status, 404);
      assert.equal((await again.call('GET', `/v1/files/${kept.id}`)).status, 200);
      const trash = body<{ items: unknown[] }>(await again.call('GET', `/v1/spaces/${spaceId}/trash`));
      assert.deepEqual(trash.items, []);
      assert.equal(await blobCount(dataDir), blobsBefore - 2);
    } finally {
      await second.close();
    }
  });
});
