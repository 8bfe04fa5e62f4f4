import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openTarget, Person, type Target } from './harness.js';

describe('ETag and If-Match', () => {
  let target: Target;
  let karim: Person;
  before(async () => {
    target = await openTarget();
    karim = await Person.signIn(target.baseUrl, 'karim');
  });
  after(() => target.close());

  // Entity tags are opaque: the tests only compare the ones the server gave.
  const tagOf = (reply: { headers: Headers }): string => {
    const tag = reply.headers.get('etag');
    assert.ok(tag !== null && /^"[^"]+"$/.test(tag), `a strong ETag, got ${String(tag)}`);
    return tag;
  };

  it('GET gives an ETag; If-None-Match with it gives 304, with another one 200', async () => {
    const id = await createSpace(karim, 'Versions');
    const read = await karim.call('GET', `/v1/spaces/${id}`);
    const tag = tagOf(read);
    const again = await karim.call('GET', `/v1/spaces/${id}`, { headers: { 'if-none-match': tag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    const changed = await karim.call('GET', `/v1/spaces/${id}`, { headers: { 'if-none-match': '"0"' } });
    assert.equal(changed.status, 200);
  });

  it("another person's ETag never gets a 304: the space carries the reader's own role", async () => {
    const id = await createSpace(karim, 'Rôles');
    assert.equal((await karim.call('PUT', `/v1/spaces/${id}/members/ines`, { json: { role: 'guest' } })).status, 201);
    const ownerTag = tagOf(await karim.call('GET', `/v1/spaces/${id}`));
    const ines = await Person.signIn(target.baseUrl, 'ines');
    const asGuest = await ines.call('GET', `/v1/spaces/${id}`, { headers: { 'if-none-match': ownerTag } });
    assert.equal(asGuest.status, 200);
    assert.equal((asGuest.body as { role: string }).role, 'guest');
  });

  it('PATCH with a matching If-Match applies and changes the ETag; a stale one is 412 with current', async () => {
    const id = await createSpace(karim, 'Versions');
    const original = tagOf(await karim.call('GET', `/v1/spaces/${id}`));
    const first = await karim.call('PATCH', `/v1/spaces/${id}`, { json: { name: 'Version 2' }, headers: { 'if-match': original } });
    assert.equal(first.status, 200, first.text);
    const second = tagOf(first);
    assert.notEqual(second, original);
    assert.equal((first.body as { version: number }).version, 2);
    const stale = await karim.call('PATCH', `/v1/spaces/${id}`, { json: { name: 'Perdu' }, headers: { 'if-match': original } });
    assert.equal(stale.status, 412, stale.text);
    assert.equal(tagOf(stale), second, 'the ETag of the current version');
    const problem = stale.body as { code: string; current: { name: string; version: number } };
    assert.equal(problem.code, 'precondition-failed');
    assert.equal(problem.current.name, 'Version 2');
    assert.equal(problem.current.version, 2);
    const unchanged = await karim.call('GET', `/v1/spaces/${id}`);
    assert.equal((unchanged.body as { name: string }).name, 'Version 2');
    const blind = await karim.call('PATCH', `/v1/spaces/${id}`, { json: { description: 'Sans If-Match' } });
    assert.equal(blind.status, 200);
    assert.notEqual(tagOf(blind), second);
  });
});

describe('cursor pagination', () => {
  let target: Target;
  let owner: Person;
  before(async () => {
    target = await openTarget();
    owner = await Person.signIn(target.baseUrl, 'theo');
  });
  after(() => target.close());

  it('walks through many spaces page by page, each once', async () => {
    const created = new Set<string>();
    for (let i = 0; i < 57; i += 1) created.add(await createSpace(owner, `Page ${i}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '?limit=7' : `?limit=7&cursor=${encodeURIComponent(cursor)}`;
      const reply = await owner.call('GET', `/v1/spaces${query}`);
      assert.equal(reply.status, 200, reply.text);
      const page = reply.body as { items: { id: string }[]; nextCursor: string | null };
      assert.ok(page.items.length <= 7);
      if (page.nextCursor !== null) assert.equal(page.items.length, 7);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    assert.equal(cursor, null, 'the last page says so');
    assert.equal(new Set(seen).size, seen.length, 'no space twice');
    for (const id of created) assert.ok(seen.includes(id), `space ${id} listed`);
    const whole = (await owner.call('GET', '/v1/spaces?limit=100')).body as { items: { id: string }[] };
    assert.deepEqual(seen.slice(0, whole.items.length), whole.items.map((s) => s.id), 'pages keep the order of the list');
  });

  it('the default page is at most 50, and members and users paginate too', async () => {
    const all = (await owner.call('GET', '/v1/spaces')).body as { items: unknown[]; nextCursor: string | null };
    assert.ok(all.items.length <= 50);
    const first = (await owner.call('GET', '/v1/users?limit=2')).body as { items: { id: string }[]; nextCursor: string };
    assert.equal(first.items.length, 2);
    const second = (await owner.call('GET', `/v1/users?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).body as {
      items: { id: string }[];
    };
    assert.ok(second.items.every((u) => !first.items.some((f) => f.id === u.id)));
    const id = await createSpace(owner, 'Membres');
    const members = (await owner.call('GET', `/v1/spaces/${id}/members?limit=1`)).body as { items: unknown[]; nextCursor: string | null };
    assert.equal(members.items.length, 1);
    assert.equal(members.nextCursor, null);
  });
});
