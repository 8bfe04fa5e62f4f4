import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openAs, Person, type Reply, type Target } from '../harness.js';

const code = (reply: Reply): unknown => (reply.body as { code?: unknown } | undefined)?.code;

function expect(reply: Reply, status: number, problemCode?: string): void {
  assert.equal(reply.status, status, reply.text);
  if (problemCode) assert.equal(code(reply), problemCode);
}

describe('membership authorization', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let lea: Person;
  let ines: Person;
  let theo: Person;
  before(async () => ({ target, people: [karim, camille, lea, ines, theo] } = await openAs(['karim', 'camille', 'lea', 'ines', 'theo'])));
  after(() => target.close());

  /** karim owns it, camille is a member, ines a guest; theo and lea are strangers. */
  const space = () => createSpace(karim, 'Autorisations', [[camille, 'member'], [ines, 'guest']]);

  it('a non-member gets 404 on every route of the space, as for a space that does not exist', async () => {
    const id = await space();
    for (const spaceId of [id, 'spc_does-not-exist']) {
      expect(await theo.call('GET', `/v1/spaces/${spaceId}`), 404, 'not-found');
      expect(await theo.call('PATCH', `/v1/spaces/${spaceId}`, { json: { name: 'x' } }), 404, 'not-found');
      expect(await theo.call('GET', `/v1/spaces/${spaceId}/members`), 404, 'not-found');
      expect(await theo.call('PUT', `/v1/spaces/${spaceId}/members/theo`, { json: { role: 'owner' } }), 404, 'not-found');
      expect(await theo.call('DELETE', `/v1/spaces/${spaceId}/members/karim`), 404, 'not-found');
      expect(await theo.call('DELETE', `/v1/spaces/${spaceId}/members/theo`), 404, 'not-found');
    }
    const listed = (await theo.call('GET', '/v1/spaces?limit=100')).body as { items: { id: string }[] };
    assert.ok(!listed.items.some((s) => s.id === id), 'a non-member does not see the space in the list');
  });

  it('a guest reads but gets 403 on every write', async () => {
    const id = await space();
    const read = await ines.call('GET', `/v1/spaces/${id}`);
    expect(read, 200);
    assert.equal((read.body as { role: string }).role, 'guest');
    expect(await ines.call('GET', `/v1/spaces/${id}/members`), 200);
    expect(await ines.call('PATCH', `/v1/spaces/${id}`, { json: { name: 'x' } }), 403, 'forbidden');
    expect(await ines.call('PUT', `/v1/spaces/${id}/members/theo`, { json: { role: 'member' } }), 403, 'forbidden');
    expect(await ines.call('PUT', `/v1/spaces/${id}/members/ines`, { json: { role: 'owner' } }), 403, 'forbidden');
    expect(await ines.call('DELETE', `/v1/spaces/${id}/members/camille`), 403, 'forbidden');
  });

  it('a member reads but may not manage the space or its members', async () => {
    const id = await space();
    expect(await camille.call('GET', `/v1/spaces/${id}`), 200);
    expect(await camille.call('PATCH', `/v1/spaces/${id}`, { json: { name: 'x' } }), 403, 'forbidden');
    expect(await camille.call('PUT', `/v1/spaces/${id}/members/theo`, { json: { role: 'member' } }), 403, 'forbidden');
    expect(await camille.call('PUT', `/v1/spaces/${id}/members/camille`, { json: { role: 'owner' } }), 403, 'forbidden');
    expect(await camille.call('DELETE', `/v1/spaces/${id}/members/ines`), 403, 'forbidden');
  });

  it('anyone may leave; an owner manages members and roles', async () => {
    const id = await space();
    expect(await ines.call('DELETE', `/v1/spaces/${id}/members/ines`), 204);
    expect(await ines.call('GET', `/v1/spaces/${id}`), 404, 'not-found');
    const added = await karim.call('PUT', `/v1/spaces/${id}/members/theo`, { json: { role: 'guest' } });
    expect(added, 201);
    // `referent` (governance) is optional in the contract: a backend without référents may leave it out.
    assert.deepEqual(
      { ...(added.body as object), joinedAt: undefined, referent: undefined },
      { userId: 'theo', name: 'Théo Garnier', role: 'guest', joinedAt: undefined, referent: undefined },
    );
    expect(await karim.call('PUT', `/v1/spaces/${id}/members/theo`, { json: { role: 'member' } }), 200);
    expect(await karim.call('PUT', `/v1/spaces/${id}/members/theo`, { json: { role: 'member' } }), 200);
    expect(await theo.call('GET', `/v1/spaces/${id}`), 200);
    expect(await karim.call('DELETE', `/v1/spaces/${id}/members/theo`), 204);
    expect(await karim.call('DELETE', `/v1/spaces/${id}/members/theo`), 404, 'not-found');
    expect(await karim.call('PUT', `/v1/spaces/${id}/members/nobody-by-that-id`, { json: { role: 'member' } }), 404, 'not-found');
    const members = (await karim.call('GET', `/v1/spaces/${id}/members`)).body as { items: { userId: string; role: string }[] };
    assert.deepEqual(members.items.map((m) => `${m.userId}:${m.role}`).sort(), ['camille:member', 'karim:owner']);
  });

  it('the last owner can neither be demoted nor removed nor leave (409); a second owner can', async () => {
    const id = await space();
    expect(await karim.call('PUT', `/v1/spaces/${id}/members/karim`, { json: { role: 'member' } }), 409, 'conflict');
    expect(await karim.call('DELETE', `/v1/spaces/${id}/members/karim`), 409, 'conflict');
    expect(await karim.call('PUT', `/v1/spaces/${id}/members/camille`, { json: { role: 'owner' } }), 200);
    expect(await camille.call('PATCH', `/v1/spaces/${id}`, { json: { description: 'Co-gérée' } }), 200);
    expect(await camille.call('PUT', `/v1/spaces/${id}/members/karim`, { json: { role: 'member' } }), 200);
    expect(await camille.call('DELETE', `/v1/spaces/${id}/members/camille`), 409, 'conflict');
    expect(await karim.call('PATCH', `/v1/spaces/${id}`, { json: { name: 'x' } }), 403, 'forbidden');
  });

  it('the creator of a space is its owner', async () => {
    const created = await lea.call('POST', '/v1/spaces', { json: { name: 'Syndicat', description: 'Permanences' } });
    expect(created, 201);
    const body = created.body as { id: string; role: string; version: number; name: string; description: string };
    assert.equal(body.role, 'owner');
    assert.equal(body.version, 1);
    assert.equal(created.headers.get('location'), `/v1/spaces/${body.id}`);
    assert.match(created.headers.get('etag') ?? '', /^"[^"]+"$/, 'a strong ETag');
    const read = await lea.call('GET', `/v1/spaces/${body.id}`);
    assert.deepEqual(read.body, created.body);
  });

  it('the session and the directory need a signed-in person', async () => {
    const session = await camille.call('GET', '/v1/session');
    expect(session, 200);
    const body = session.body as { user: { id: string; name: string }; mode: string; csrfToken?: string };
    assert.deepEqual(body.user, { id: 'camille', name: 'Camille Martin' });
    assert.equal(body.mode, 'dev');
    assert.ok(body.csrfToken);
    const users = (await camille.call('GET', '/v1/users?q=Mart')).body as { items: { id: string }[] };
    assert.ok(users.items.some((u) => u.id === 'camille'));
    assert.ok(!users.items.some((u) => u.id === 'karim'));
    const lower = (await camille.call('GET', '/v1/users?q=mart')).body as { items: { id: string }[] };
    assert.ok(lower.items.some((u) => u.id === 'camille'), 'the directory search ignores case');
    const ids = async (q: string): Promise<string[]> =>
      ((await camille.call('GET', `/v1/users?q=${encodeURIComponent(q)}`)).body as { items: { id: string }[] }).items.map((u) => u.id);
    assert.deepEqual(await ids('theo'), ['theo'], 'the directory search ignores accents: « theo » finds Théo');
    assert.deepEqual(await ids('THÉO GAR'), ['theo'], 'and accents typed where the name has them');
    assert.deepEqual(await ids('ines'), ['ines'], '« ines » finds Inès');
    assert.deepEqual(await ids('%'), [], 'a % is a character, not a wildcard');
  });

  it('logging out ends the session', async () => {
    const someone = await Person.signIn(target.baseUrl, 'lea');
    expect(await someone.call('POST', '/v1/auth/logout', { withoutCsrf: true }), 403, 'csrf-failed');
    const out = await someone.call('POST', '/v1/auth/logout');
    expect(out, 200);
    assert.deepEqual(out.body, { endSessionUrl: null });
    expect(await someone.call('GET', '/v1/session'), 401, 'unauthenticated');
  });
});
