import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openAs, Person, type Target } from '../harness.js';

describe('ETag and If-Match', () => {
  let target: Target;
  let karim: Person;
  before(async () => ({ target, people: [karim] } = await openAs(['karim'])));
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
  before(async () => ({ target, people: [owner] } = await openAs(['theo'])));
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

  it('a cursor the server never made, or made for another list, is 422 invalid-cursor on every paged list', async () => {
    const karim = await Person.signIn(target.baseUrl, 'karim');
    const spaceId = await createSpace(karim, 'Curseurs', [[owner, 'member']]);
    const other = await createSpace(karim, 'Autres curseurs');
    const made = async (path: string, json: unknown): Promise<{ id: string }> => {
      const reply = await karim.call('POST', path, { json });
      assert.equal(reply.status, 201, `${path}: ${reply.text}`);
      return reply.body as { id: string };
    };
    const room = await made(`/v1/spaces/${spaceId}/rooms`, { name: 'curseurs' });
    const otherRoom = await made(`/v1/spaces/${spaceId}/rooms`, { name: 'ailleurs' });
    const messages: { id: string }[] = [];
    for (const text of ['un curseur', 'deux curseurs', 'trois curseurs']) {
      messages.push(await made(`/v1/rooms/${room.id}/messages`, { text }));
      await made(`/v1/rooms/${otherRoom.id}/messages`, { text });
    }
    const board = await made(`/v1/spaces/${spaceId}/boards`, { name: 'Curseurs' });
    const column = await made(`/v1/boards/${board.id}/columns`, { name: 'À faire' });
    const card = await made(`/v1/boards/${board.id}/cards`, { columnId: column.id, title: 'Carte' });

    // A real cursor of one list, to replay on the others.
    const page = async (path: string): Promise<{ nextCursor: string | null; newerCursor?: string | null }> => {
      const reply = await karim.call('GET', path);
      assert.equal(reply.status, 200, `${path}: ${reply.text}`);
      return reply.body as { nextCursor: string | null };
    };
    const roomCursor = (await page(`/v1/rooms/${room.id}/messages?limit=1`)).nextCursor;
    assert.ok(roomCursor !== null);
    const forged = Buffer.from(JSON.stringify([messages[1]?.id ?? ''])).toString('base64url');
    const lists = [
      '/v1/spaces',
      '/v1/users',
      `/v1/spaces/${spaceId}/members`,
      `/v1/spaces/${spaceId}/rooms`,
      `/v1/rooms/${otherRoom.id}/messages`,
      `/v1/messages/${messages[0]?.id ?? ''}/replies`,
      `/v1/rooms/${room.id}/search?q=curseur`,
      `/v1/spaces/${spaceId}/search?q=curseur`,
      '/v1/notifications',
      `/v1/spaces/${spaceId}/boards`,
      `/v1/cards/${card.id}/comments`,
      `/v1/cards/${card.id}/activity`,
      `/v1/spaces/${spaceId}/trash`,
      `/v1/spaces/${spaceId}/share-links`,
      `/v1/spaces/${spaceId}/audit`,
    ];
    const refused = async (path: string, pointer: string) => {
      const reply = await karim.call('GET', path);
      assert.equal(reply.status, 422, `${path}: ${reply.status} ${reply.text}`);
      assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const problem = reply.body as { code: string; errors: { pointer: string }[] };
      assert.equal(problem.code, 'invalid-cursor', path);
      assert.ok(problem.errors.some((e) => e.pointer === pointer), `${path} points at ${pointer}`);
    };
    for (const list of lists) {
      const join = list.includes('?') ? '&' : '?';
      for (const cursor of [forged, roomCursor, `${roomCursor}x`, 'nonsense']) {
        await refused(`${list}${join}cursor=${encodeURIComponent(cursor)}`, '/cursor');
      }
    }
    // after= pages forward in a room: its cursors are checked the same way.
    await refused(`/v1/rooms/${otherRoom.id}/messages?after=${encodeURIComponent(roomCursor)}`, '/after');
    await refused(`/v1/rooms/${room.id}/messages?after=${encodeURIComponent(forged)}`, '/after');
    // A cursor of another space's list is foreign too.
    const otherRooms = await karim.call('GET', `/v1/spaces/${other}/rooms?cursor=${encodeURIComponent(roomCursor)}`);
    assert.equal((otherRooms.body as { code: string }).code, 'invalid-cursor');
    // The cursors the server made still work, around= included.
    const older = await page(`/v1/rooms/${room.id}/messages?limit=1&cursor=${encodeURIComponent(roomCursor)}`);
    assert.ok(older.nextCursor !== null);
    const around = await page(`/v1/rooms/${room.id}/messages?limit=1&around=${messages[1]?.id ?? ''}`);
    assert.ok(around.newerCursor);
    const newer = await karim.call('GET', `/v1/rooms/${room.id}/messages?limit=1&after=${encodeURIComponent(around.newerCursor ?? '')}`);
    assert.equal(newer.status, 200, newer.text);
    assert.deepEqual((newer.body as { items: { id: string }[] }).items.map((m) => m.id), [messages[2]?.id]);
  });

  it('limit is a whole number on every paged list: 2.5, 1e1 and -1 are 422 at /limit', async () => {
    for (const list of ['/v1/spaces', '/v1/users', '/v1/notifications']) {
      for (const limit of ['2.5', '1e1', '-1', '0x10']) {
        const reply = await owner.call('GET', `${list}?limit=${limit}`);
        assert.equal(reply.status, 422, `${list}?limit=${limit}: ${reply.text}`);
      }
    }
  });
});
