import { expect } from '@open-wc/testing';
import type { BureauEvent, EventOf } from '../index.js';
import {
  apiUrl,
  closeClients,
  deferred,
  droppableStreamFetch,
  reportOffline,
  signedIn,
  step,
  streamStatus,
  unique,
  wipeLocalData,
} from '../test/helpers.js';

describe('stream', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('receives the event of a change made through the API', async () => {
    const client = await signedIn('karim');
    const space = await client.spaces.create({ name: unique('Flux') });
    const received = deferred<EventOf<'space.updated'>>();
    client.stream.subscribe('space.updated', (event) => {
      if (event.spaceId === space.id) received.resolve(event);
    });
    await streamStatus(client.stream, 'open');
    const name = unique('Flux renommé');
    await client.spaces.rename(space.id, name);
    const event = await received.promise;
    expect(event.type).to.equal('space.updated');
    expect(event.data.name).to.equal(name);
    expect(client.stream.position).to.equal(event.position);
  });

  it('delivers the events of a space to its other members, in order, to "*" handlers', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: unique('Partagé') });
    const seen: BureauEvent[] = [];
    const described = deferred();
    karim.stream.subscribe('*', (event) => {
      if (event.spaceId !== space.id) return;
      seen.push(event);
      if (event.type === 'space.updated') described.resolve();
    });
    await streamStatus(karim.stream, 'open');
    await karim.spaces.putMember(space.id, 'camille', 'member');
    await karim.spaces.update(space.id, { description: 'Ordre du jour' });
    await described.promise;
    expect(seen.map((event) => event.type)).to.deep.equal(['member.added', 'space.updated']);
    const added = seen[0] as EventOf<'member.added'>;
    expect(added.data.userId).to.equal('camille');
    expect(added.data.role).to.equal('member');
  });

  it('resumes after forced disconnects without losing or duplicating events', async function () {
    this.timeout(120_000);
    const network = droppableStreamFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    const space = await client.spaces.create({ name: unique('Reprise') });
    const total = 50;
    const names: string[] = [];
    const positions: string[] = [];
    const all: string[] = [];
    const done = deferred();
    const started = deferred();
    client.stream.subscribe('*', (event) => {
      if (event.position !== null) all.push(event.position);
      if (event.type !== 'space.updated' || event.spaceId !== space.id) return;
      if (event.data.name === 'Reprise 0') {
        started.resolve();
        return;
      }
      names.push(event.data.name);
      positions.push(event.position);
      if (names.length === total) done.resolve();
    });
    await streamStatus(client.stream, 'open');
    // Once one event has arrived the stream knows its position; every reconnection resumes from it.
    await client.spaces.rename(space.id, 'Reprise 0');
    await started.promise;
    for (let i = 1; i <= total; i += 1) {
      if (i % 3 === 0) network.drop();
      await client.spaces.rename(space.id, `Reprise ${i}`);
      // Reconnect at once instead of after the backoff (the browser says the network is back).
      if (i % 3 === 0) window.dispatchEvent(new Event('online'));
    }
    await done.promise;
    expect(names).to.deep.equal(Array.from({ length: total }, (_, i) => `Reprise ${i + 1}`));
    expect(new Set(positions).size).to.equal(total);
    const numeric = all.map((position) => BigInt(position));
    for (let i = 1; i < numeric.length; i += 1) expect(numeric[i]! > numeric[i - 1]!).to.equal(true);
    expect(network.connections).to.be.greaterThan(10);
  });

  it('resumes with Last-Event-ID: an event made while disconnected arrives after reconnection', async () => {
    const network = droppableStreamFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    const space = await client.spaces.create({ name: unique('Relance') });
    const names: string[] = [];
    let arrived = deferred();
    client.stream.subscribe('space.updated', (event) => {
      if (event.spaceId !== space.id) return;
      names.push(event.data.name);
      arrived.resolve();
    });
    await streamStatus(client.stream, 'open');
    await client.spaces.rename(space.id, 'Avant la coupure');
    await arrived.promise;
    arrived = deferred();
    network.drop();
    await client.spaces.rename(space.id, 'Pendant la coupure');
    window.dispatchEvent(new Event('online'));
    await arrived.promise;
    expect(names).to.deep.equal(['Avant la coupure', 'Pendant la coupure']);
    expect(network.connections).to.equal(2);
  });

  it('a connection lost before any event resumes where the server said the stream started: nothing missed, no reset', async () => {
    const network = droppableStreamFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    const seen: BureauEvent[] = [];
    let spaceId = '';
    const arrived = deferred();
    client.stream.subscribe('*', (event) => {
      seen.push(event);
      if (event.type === 'space.created' && event.spaceId === spaceId) arrived.resolve();
    });
    await streamStatus(client.stream, 'open');
    const started = client.stream.position;
    expect(started).to.match(/^[0-9]+$/);
    network.drop();
    // Written while the connection is down.
    const other = await signedIn('karim');
    spaceId = (await other.spaces.create({ name: unique('Pendant la coupure') })).id;
    if (seen.some((event) => event.type === 'space.created' && event.spaceId === spaceId)) arrived.resolve();
    window.dispatchEvent(new Event('online'));
    await arrived.promise;
    expect(seen.filter((event) => event.type === 'reset')).to.have.length(0);
    expect(network.connections).to.equal(2);
  });

  it('asks subscribers to refetch (reset) when the connection is lost before any position is known', async () => {
    const network = droppableStreamFetch();
    // A server that does not say where a new stream starts (no `Bureau-Position`).
    const anonymous: typeof fetch = async (input, init) => {
      const response = await network.fetch(input, init);
      if (!response.headers.has('Bureau-Position')) return response;
      const headers = new Headers(response.headers);
      headers.delete('Bureau-Position');
      return new Response(response.body, { status: response.status, headers });
    };
    const client = await signedIn('karim', { fetch: anonymous });
    const reset = deferred<EventOf<'reset'>>();
    client.stream.subscribe('reset', (event) => reset.resolve(event));
    await streamStatus(client.stream, 'open');
    network.drop();
    window.dispatchEvent(new Event('online'));
    const event = await reset.promise;
    expect(event.data.reason).to.equal('unknown-position');
    expect(network.connections).to.equal(2);
  });

  it('stops on close: aborts the connection and never reconnects', async () => {
    const network = droppableStreamFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    const events: BureauEvent[] = [];
    client.stream.subscribe('*', (event) => events.push(event));
    await streamStatus(client.stream, 'open');
    const closed = streamStatus(client.stream, 'closed');
    client.close();
    await closed;
    expect(client.stream.status).to.equal('closed');
    // Changes and an `online` event after close bring neither a connection nor an event.
    const other = await signedIn('karim');
    await other.spaces.create({ name: unique('Après fermeture') });
    window.dispatchEvent(new Event('online'));
    await other.spaces.list();
    expect(network.connections).to.equal(1);
    expect(events).to.have.length(0);
    expect(client.stream.status).to.equal('closed');
  });

  it('unsubscribing the last handler closes the connection; subscribing again resumes', async () => {
    const network = droppableStreamFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    const space = await client.spaces.create({ name: unique('Abonnement') });
    const first = deferred();
    const off = client.stream.subscribe('space.updated', (event) => {
      if (event.spaceId === space.id) first.resolve();
    });
    await step(streamStatus(client.stream, 'open'), 'the stream opens');
    await client.spaces.rename(space.id, 'Avant la pause');
    await step(first.promise, 'the first rename arrives');
    const closed = streamStatus(client.stream, 'closed');
    off();
    await step(closed, 'the stream closes with its last subscriber');
    await client.spaces.rename(space.id, 'Pendant la pause');
    const got = deferred<EventOf<'space.updated'>>();
    const reset = deferred<EventOf<'reset'>>();
    client.stream.subscribe('space.updated', (event) => {
      if (event.spaceId === space.id) got.resolve(event);
    });
    client.stream.subscribe('reset', (event) => reset.resolve(event));
    // A reset instead of the missed event would be a loss of position: say so rather than time out.
    const resumed = await step(Promise.race([got.promise, reset.promise]), () => `the rename made during the pause arrives (stream ${client.stream.status}, position ${client.stream.position}, ${network.connections} connections)`);
    expect(resumed.type).to.equal('space.updated');
    expect((resumed as EventOf<'space.updated'>).data.name).to.equal('Pendant la pause');
    expect(network.connections).to.equal(2);
  });

  it('reports offline while the browser is offline and reconnects when it comes back', async () => {
    const network = droppableStreamFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    const space = await client.spaces.create({ name: unique('Hors ligne') });
    const first = deferred();
    const got = deferred<EventOf<'space.updated'>>();
    let seen = 0;
    client.stream.subscribe('space.updated', (event) => {
      if (event.spaceId !== space.id) return;
      seen += 1;
      if (seen === 1) first.resolve();
      if (seen === 2) got.resolve(event);
    });
    await streamStatus(client.stream, 'open');
    await client.spaces.rename(space.id, 'En ligne');
    await first.promise; // a position is known: the reconnection resumes from it
    const offline = streamStatus(client.stream, 'offline');
    const backOnline = reportOffline();
    network.drop();
    await offline;
    expect(client.stream.status).to.equal('offline');
    // Made meanwhile by another program (a plain request: an SDK outbox would wait for `online`).
    const session = await client.auth.session();
    const response = await fetch(`${apiUrl}/v1/spaces/${space.id}`, {
      method: 'PATCH',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session?.csrfToken ?? '' },
      body: JSON.stringify({ name: 'Pendant hors ligne' }),
    });
    expect(response.status).to.equal(200);
    const reopened = streamStatus(client.stream, 'open');
    backOnline();
    await reopened;
    expect((await got.promise).data.name).to.equal('Pendant hors ligne');
  });
});
