import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Person, startReference, type Target } from '../conformance/harness.js';
import { body, download, sha256 } from './files-test-kit.test.js';

describe('demo files of Espace RH 360', () => {
  let target: Target;
  let lea: Person;
  before(async () => {
    target = await startReference();
    lea = await Person.signIn(target.baseUrl, 'lea');
  });
  after(() => target.close());

  it('seeds the four folders with real PDF, PNG and CSV files authored by Karim', async () => {
    const tree = body<{ rootId: string; items: { id: string; name: string; parentId: string | null }[] }>(await lea.call('GET', '/v1/spaces/espace-rh-360/folders'));
    const names = tree.items.filter((f) => f.parentId === tree.rootId).map((f) => f.name).sort();
    assert.deepEqual(names, ['Comptes rendus du CST', 'Formulaires', 'Guides RH', 'Notes de service']);
    const guides = tree.items.find((f) => f.name === 'Guides RH');
    const contents = body<{ files: { id: string; name: string; type: string; checksum: string; author: { id: string } }[] }>(await lea.call('GET', `/v1/folders/${guides?.id}`));
    const types = Object.fromEntries(contents.files.map((f) => [f.name, f.type]));
    assert.equal(types['Guide du télétravail.pdf'], 'application/pdf');
    assert.equal(types['Calendrier des formations 2027.csv'], 'text/csv');
    assert.ok(contents.files.every((f) => f.author.id === 'karim'));
    const pdf = contents.files.find((f) => f.name === 'Guide du télétravail.pdf');
    const got = await download(lea, `/v1/files/${pdf?.id}/preview`);
    assert.equal(got.status, 200);
    assert.equal(sha256(got.bytes), pdf?.checksum);
    assert.match(got.bytes.subarray(0, 8).toString('latin1'), /^%PDF-1\.4/);
    const notes = tree.items.find((f) => f.name === 'Notes de service');
    const png = body<{ files: { name: string; type: string }[] }>(await lea.call('GET', `/v1/folders/${notes?.id}`)).files.find((f) => f.name.endsWith('.png'));
    assert.equal(png?.type, 'image/png');
  });
});
