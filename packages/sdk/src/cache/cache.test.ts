import { expect } from '@open-wc/testing';
import type { Snapshot, Space } from '../index.js';
import { closeClients, deferred, makeClient, signedIn, unique, wipeLocalData } from '../test/helpers.js';

/** A `fetch` that holds `GET /v1/spaces` until `release()`. */
function gatedList(): { fetch: typeof fetch; release: () => void } {
  const gate = deferred();
  return {
    release: () => gate.resolve(),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET' && new URL(request.url).pathname === '/v1/spaces') await gate.promise;
      return fetch(request);
    },
  };
}

describe('cache', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('a second client paints the cached list before the network answers, then the fresh one', async () => {
    const first = await signedIn('karim');
    const name = unique('En cache');
    await first.spaces.create({ name });
    const watching = new AbortController();
    const firstValues: Array<Snapshot<Space[]>> = [];
    await first.spaces.watchList((snapshot) => firstValues.push(snapshot), { signal: watching.signal });
    expect(firstValues.at(-1)?.source).to.equal('network');
    watching.abort();
    first.close();

    const network = gatedList();
    const second = makeClient({ fetch: network.fetch });
    const snapshots: Array<Snapshot<Space[]>> = [];
    const painted = deferred();
    const controller = new AbortController();
    const done = second.spaces.watchList(
      (snapshot) => {
        snapshots.push(snapshot);
        painted.resolve();
      },
      { signal: controller.signal },
    );
    await painted.promise;
    expect(snapshots).to.have.length(1);
    expect(snapshots[0]?.source).to.equal('cache');
    expect(snapshots[0]?.value.map((space) => space.name)).to.include(name);

    network.release();
    await done;
    expect(snapshots.map((snapshot) => snapshot.source)).to.deep.equal(['cache', 'network']);
    expect(snapshots[1]?.value.map((space) => space.name)).to.include(name);
    controller.abort();
  });

  it('follows changes from the event stream into the watched list and the cache', async () => {
    const client = await signedIn('karim');
    const space = await client.spaces.create({ name: unique('Suivi') });
    const controller = new AbortController();
    const renamed = deferred<Snapshot<Space[]>>();
    await client.spaces.watchList(
      (snapshot) => {
        if (snapshot.source === 'stream' && snapshot.value.some((s) => s.id === space.id && s.name === 'Suivi renommé')) {
          renamed.resolve(snapshot);
        }
      },
      { signal: controller.signal },
    );
    // Renamed by another client (another tab): only the stream can tell this one.
    const other = makeClient();
    const opened = new Promise<void>((resolve) => {
      const check = (): void => {
        if (client.stream.status === 'open') resolve();
        else client.stream.addEventListener('status', check, { once: true });
      };
      check();
    });
    await opened;
    await other.spaces.rename(space.id, 'Suivi renommé');
    const snapshot = await renamed.promise;
    const renamedSpace = snapshot.value.find((s) => s.id === space.id);
    expect(renamedSpace?.role).to.equal('owner');
    controller.abort();

    // And the cache holds it for the next page load.
    // The list request of the next load waits until the first snapshot is painted: that paint can
    // only come from the cache, and must show the rename.
    client.close();
    const painted = deferred();
    const held: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET' && new URL(request.url).pathname === '/v1/spaces') await painted.promise;
      return fetch(request);
    };
    const next = makeClient({ fetch: held });
    const snapshots: Snapshot<Space[]>[] = [];
    const again = new AbortController();
    const done = next.spaces.watchList(
      (s) => {
        snapshots.push(s);
        painted.resolve();
      },
      { signal: again.signal },
    );
    await painted.promise;
    const [first] = snapshots;
    expect(first?.source).to.equal('cache');
    expect(first?.value.find((s) => s.id === space.id)?.name).to.equal('Suivi renommé');
    await done;
    expect(snapshots.at(-1)?.source).to.equal('network');
    again.abort();
  });

  it('a new space created elsewhere appears in the watched list', async () => {
    const client = await signedIn('karim');
    const controller = new AbortController();
    const name = unique('Nouveau');
    const appeared = deferred();
    await client.spaces.watchList(
      ({ value }) => {
        if (value.some((space) => space.name === name)) appeared.resolve();
      },
      { signal: controller.signal },
    );
    const other = makeClient();
    await other.spaces.create({ name });
    await appeared.promise;
    controller.abort();
  });

  it('watch() of a space the person cannot see rejects with the HttpError', async () => {
    const client = await signedIn('karim');
    const controller = new AbortController();
    let error: unknown;
    try {
      await client.spaces.watch('spc_nope', () => undefined, { signal: controller.signal });
    } catch (caught) {
      error = caught;
    }
    expect((error as { status?: number }).status).to.equal(404);
    controller.abort();
  });
});
