import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openAs, type Person, type Reply, type Target } from '../harness.js';
import { createUpload, plainUpload, rootOf } from '../uploads.js';

const body = <T>(reply: Reply): T => reply.body as T;

/** Names that look harmless on screen, or empty, and are not. */
const badNames: Record<string, string> = {
  'a right-to-left override': 'fac\u202Etxt.exe',
  'an isolate': 'note\u2066.pdf',
  'a NUL': 'a\u0000b',
  'a C0 control': 'tab\tname',
  'a C1 control': 'next\u0085line',
  'a lone surrogate': 'demi\uD800',
  'only spaces': '   ',
};

function assertRefused(reply: Reply, pointer: string, what: string): void {
  assert.equal(reply.status, 422, `${what}: ${reply.text}`);
  const problem = body<{ code: string; errors?: { pointer: string; message: string }[] }>(reply);
  assert.equal(problem.code, 'validation-failed', what);
  const error = problem.errors?.find((e) => e.pointer === pointer);
  assert.ok(error, `${what}: an error at ${pointer} in ${reply.text}`);
  assert.doesNotMatch(error.message, /\\u|\(\?/, `${what}: the message is words, not a regular expression`);
}

describe('input hygiene: names and texts', () => {
  let target: Target;
  let karim: Person;
  let spaceId: string;
  let roomId: string;
  let boardId: string;
  let columnId: string;
  let folderId: string;
  let fileId: string;
  before(async () => {
    ({ target, people: [karim] } = await openAs(['karim']));
    spaceId = await createSpace(karim, 'Hygiène');
    roomId = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'hygiene' } })).id;
    boardId = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name: 'Tableau' } })).id;
    columnId = body<{ id: string }>(await karim.call('POST', `/v1/boards/${boardId}/columns`, { json: { name: 'Colonne' } })).id;
    folderId = await rootOf(karim, spaceId);
    fileId = body<{ id: string }>(await plainUpload(karim, folderId, 'Propre.txt', Buffer.from('x'))).id;
  });
  after(() => target.close());

  for (const [what, name] of Object.entries(badNames)) {
    it(`a name with ${what} is refused everywhere a name is given`, async () => {
      const attempts: [string, Promise<Reply>][] = [
        ['/name', karim.call('POST', '/v1/spaces', { json: { name } })],
        ['/name', karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name } })],
        ['/name', karim.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name } })],
        ['/labels/0/name', karim.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name: 'Étiquettes', labels: [{ name, color: '#b3261e' }] } })],
        ['/name', karim.call('POST', `/v1/boards/${boardId}/columns`, { json: { name } })],
        ['/title', karim.call('POST', `/v1/boards/${boardId}/cards`, { json: { columnId, title: name } })],
        ['/name', karim.call('POST', `/v1/spaces/${spaceId}/folders`, { json: { name } })],
        ['/name', karim.call('PATCH', `/v1/files/${fileId}`, { json: { name } })],
      ];
      // A file's name in a URL or in tus metadata is UTF-8, where a lone surrogate cannot be written.
      if (what !== 'a lone surrogate') {
        attempts.push(['/name', plainUpload(karim, folderId, name, Buffer.from('x'))]);
        attempts.push(['/metadata/filename', createUpload(karim, { spaceId, folderId, filename: name }, 1)]);
      }
      for (const [pointer, reply] of attempts) assertRefused(await reply, pointer, `${what} (${pointer})`);
    });
  }

  it('message text refuses NUL and lone surrogates, and keeps everything else people type', async () => {
    for (const text of ['a\u0000b', 'demi\uDC00']) {
      assertRefused(await karim.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text } }), '/text', JSON.stringify(text));
    }
    const text = 'Ligne 1\nLigne 2\t✓ 😀 «\u202Bمرحبا\u202C»';
    const sent = await karim.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text } });
    assert.equal(sent.status, 201, sent.text);
    assert.equal(body<{ text: string }>(sent).text, text);
  });

  it('accented and non-Latin names are kept as typed', async () => {
    for (const name of ['Été 2027', 'Réunion — DRH', '会议', 'Ελλάδα']) {
      const reply = await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name } });
      assert.equal(reply.status, 201, reply.text);
      assert.equal(body<{ name: string }>(reply).name, name);
    }
  });
});

describe('input hygiene: bodies and queries', () => {
  let target: Target;
  let karim: Person;
  before(async () => ({ target, people: [karim] } = await openAs(['karim'])));
  after(() => target.close());

  it('a JSON body that is not UTF-8 is 400 malformed-json, and nothing is created', async () => {
    // {"name":"été"} in Latin-1: é is the single byte 0xE9, never valid UTF-8 there.
    const latin1 = Buffer.from('{"name":"\u00e9t\u00e9 latin"}', 'latin1');
    const response = await fetch(`${target.baseUrl}/v1/spaces`, {
      method: 'POST',
      headers: { ...karim.authHeaders('POST'), 'content-type': 'application/json' },
      body: latin1,
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: string }).code, 'malformed-json');
    const spaces = body<{ items: { name: string }[] }>(await karim.call('GET', '/v1/spaces?limit=100')).items;
    assert.ok(!spaces.some((space) => space.name.includes('latin')));
  });

  it('limit is a whole number: 2.5 or 1e1 is 422 at /limit', async () => {
    for (const limit of ['2.5', '1e1', '-1']) {
      const reply = await karim.call('GET', `/v1/spaces?limit=${limit}`);
      assert.equal(reply.status, 422, `${limit}: ${reply.text}`);
      assert.ok(body<{ errors: { pointer: string }[] }>(reply).errors.some((e) => e.pointer === '/limit'));
    }
    assert.equal((await karim.call('GET', '/v1/spaces?limit=2')).status, 200);
  });
});
