// Clients of one person share one event stream, as the tabs of a browser do (two clients in one page
// reach each other over BroadcastChannel and queue for the same Web Lock, as two tabs would). The
// eight-tab test on the demo page is in e2e/eight-tabs.test.ts.
import { expect } from '@open-wc/testing';
import type { BureauClient, EventOf } from '../index.js';
import { closeClients, deferred, droppableStreamFetch, signedIn, streamStatus, unique, wipeLocalData } from '../test/helpers.js';

/** Resolves with the next `space.updated` event of `spaceId` that `client` receives, named `name`. */
function renamed(client: BureauClient, spaceId: string, name: string): Promise<EventOf<'space.updated'>> {
  const got = deferred<EventOf<'space.updated'>>();
  const off = client.stream.subscribe('space.updated', (event) => {
    if (event.spaceId === spaceId && event.data.name === name) {
      off();
      got.resolve(event);
    }
  });
  return got.promise;
}

describe('stream shared across tabs', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('two tabs of one person hold one connection, both live; the second takes over when the first goes', async () => {
    const first = droppableStreamFetch();
    const second = droppableStreamFetch();
    const leader = await signedIn('karim', { fetch: first.fetch });
    const follower = await signedIn('karim', { fetch: second.fetch });
    const space = await leader.spaces.create({ name: unique('Onglets') });
    const keepLeader = leader.stream.subscribe('*', () => {});
    await streamStatus(leader.stream, 'open');
    const keepFollower = follower.stream.subscribe('*', () => {});
    await streamStatus(follower.stream, 'open');

    const both = [renamed(leader, space.id, 'Vu des deux'), renamed(follower, space.id, 'Vu des deux')];
    await leader.spaces.rename(space.id, 'Vu des deux');
    const [inLeader, inFollower] = (await Promise.all(both)) as [EventOf<'space.updated'>, EventOf<'space.updated'>];
    expect(inFollower.position).to.equal(inLeader.position);
    expect(follower.stream.position).to.equal(leader.stream.position);
    expect([first.connections, second.connections]).to.deep.equal([1, 0]);

    // The first tab goes: the second connects, resuming from the last position it heard.
    const next = renamed(follower, space.id, 'Après le départ');
    leader.close();
    await follower.spaces.rename(space.id, 'Après le départ');
    expect((await next).data.name).to.equal('Après le départ');
    expect(second.connections).to.equal(1);
    keepLeader();
    keepFollower();
  });

  it('signing out in one tab signs the person out in the others', async () => {
    const leader = await signedIn('karim');
    const follower = await signedIn('karim');
    leader.stream.subscribe('*', () => {});
    follower.stream.subscribe('*', () => {});
    await streamStatus(leader.stream, 'open');
    await streamStatus(follower.stream, 'open');
    const closed = streamStatus(follower.stream, 'closed');
    await leader.signOut();
    // The follower's stream stops at once: it forgot the person, as the tab that signed out did.
    await closed;
  });
});
