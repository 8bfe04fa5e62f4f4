import { expect } from '@open-wc/testing';
import { isHttpError, type Member, type Snapshot } from '../index.js';
import { closeClients, deferred, makeClient, signedIn, unique, wipeLocalData } from '../test/helpers.js';

describe('spaces', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('creates, reads, renames and lists a space', async () => {
    const client = await signedIn('karim');
    const name = unique('Espace');
    const created = await client.spaces.create({ name, description: 'Pour les tests' });
    expect(created.role).to.equal('owner');
    expect(created.description).to.equal('Pour les tests');
    expect((await client.spaces.get(created.id)).name).to.equal(name);
    const renamed = await client.spaces.rename(created.id, `${name} bis`, { ifMatch: created.version });
    expect(renamed.name).to.equal(`${name} bis`);
    expect(renamed.version).to.be.greaterThan(created.version);
    const page = await client.spaces.list({ limit: 100 });
    expect(page.items.some((space) => space.id === created.id)).to.equal(true);
  });

  it('manages members: add, change role, remove; the outbox leaves nothing behind', async () => {
    const client = await signedIn('karim');
    const space = await client.spaces.create({ name: unique('Membres') });
    const added = await client.spaces.putMember(space.id, 'lea', 'member');
    expect(added.userId).to.equal('lea');
    expect(added.role).to.equal('member');
    const changed = await client.spaces.putMember(space.id, 'lea', 'guest');
    expect(changed.role).to.equal('guest');
    let members = (await client.spaces.members(space.id)).items.map((m) => `${m.userId}:${m.role}`);
    expect(members).to.include.members(['karim:owner', 'lea:guest']);
    await client.spaces.removeMember(space.id, 'lea');
    members = (await client.spaces.members(space.id)).items.map((m) => m.userId);
    expect(members).to.deep.equal(['karim']);
    expect(client.outbox.items()).to.have.length(0);
  });

  it('directory() finds people by name, case and accents ignored', async () => {
    const client = await signedIn('karim');
    const found = await client.spaces.directory('theo');
    expect(found.items.map((user) => user.name)).to.deep.equal(['Théo Garnier']);
    expect((await client.spaces.directory('INES')).items.map((user) => user.id)).to.deep.equal(['ines']);
  });

  it('an unknown person cannot be added (404), and the failure is kept in the outbox', async () => {
    const client = await signedIn('karim');
    const space = await client.spaces.create({ name: unique('Inconnu') });
    let error: unknown;
    try {
      await client.spaces.putMember(space.id, 'usr_nobody', 'member');
    } catch (caught) {
      error = caught;
    }
    expect(isHttpError(error) && error.status).to.equal(404);
    const [failed] = client.outbox.items();
    expect(failed?.state).to.equal('failed');
    expect(failed?.intent).to.equal('spaces.putMember');
    expect(failed?.target).to.equal(space.id);
  });

  it('watchMembers() follows members added from elsewhere', async () => {
    const client = await signedIn('karim');
    const space = await client.spaces.create({ name: unique('Suivi membres') });
    const controller = new AbortController();
    const joined = deferred<Snapshot<Member[]>>();
    await client.spaces.watchMembers(
      space.id,
      (snapshot) => {
        if (snapshot.value.some((m) => m.userId === 'theo')) joined.resolve(snapshot);
      },
      { signal: controller.signal },
    );
    await client.spaces.putMember(space.id, 'theo', 'member');
    const snapshot = await joined.promise;
    expect(snapshot.value.map((m) => m.userId).sort()).to.deep.equal(['karim', 'theo']);
    controller.abort();
  });

  it('watchList() of a signed-out client rejects with the 401 instead of waiting', async () => {
    const client = makeClient();
    if ((await client.auth.session()) !== null) await client.signOut();
    const controller = new AbortController();
    let error: unknown;
    try {
      await client.spaces.watchList(() => undefined, { signal: controller.signal });
    } catch (caught) {
      error = caught;
    }
    expect(isHttpError(error) && error.code).to.equal('unauthenticated');
    expect(client.stream.status).to.equal('closed');
    controller.abort();
  });
});
