import { expect } from '@open-wc/testing';
import { isHttpError, type OutboxFailedEvent, type OutboxItem, type Space } from '../index.js';
import {
  closeClients,
  cuttableFetch,
  deferred,
  makeClient,
  reportOffline,
  signedIn,
  spacesNamed,
  unique,
  wipeLocalData,
} from '../test/helpers.js';
import type { BureauClient } from '../index.js';

/** Resolves when the outbox holds `count` items. */
function outboxHolds(client: BureauClient, count: number): Promise<readonly OutboxItem[]> {
  return new Promise((resolve) => {
    const check = (): void => {
      const items = client.outbox.items();
      if (items.length !== count) return;
      client.outbox.removeEventListener('change', check);
      resolve(items);
    };
    client.outbox.addEventListener('change', check);
    check();
  });
}

/** Resolves with the bodies of the next `count` writes the outbox sends. */
function sent(client: BureauClient, count: number): Promise<Array<{ intent: string; body: unknown }>> {
  const bodies: Array<{ intent: string; body: unknown }> = [];
  return new Promise((resolve) => {
    const listener = (event: { item: OutboxItem; body: unknown }): void => {
      bodies.push({ intent: event.item.intent, body: event.body });
      if (bodies.length !== count) return;
      client.outbox.removeEventListener('sent', listener);
      resolve(bodies);
    };
    client.outbox.addEventListener('sent', listener);
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('outbox', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('a write made offline survives a reload and is replayed exactly once', async () => {
    const network = cuttableFetch();
    const first = await signedIn('karim', { fetch: network.fetch });
    network.offline = true;
    const name = unique('Hors ligne');
    const pending = first.spaces.create({ name });
    const [item] = await outboxHolds(first, 1);
    expect(item?.state).to.equal('pending');
    expect(item?.body).to.deep.equal({ name });
    expect(item?.method).to.equal('POST');
    first.close();
    expect(((await rejection(pending)) as Error).name).to.equal('AbortError');

    // The reload: a new client, the network back, nobody has asked for the session yet.
    const second = makeClient();
    const replayed = sent(second, 1);
    const [answer] = await replayed;
    expect((answer?.body as Space).name).to.equal(name);
    expect(second.outbox.items()).to.have.length(0);
    expect(await spacesNamed(second, name)).to.equal(1);
  });

  it('replays several offline writes in the order they were made', async () => {
    const network = cuttableFetch();
    const first = await signedIn('karim', { fetch: network.fetch });
    const space = await first.spaces.create({ name: unique('Ordre') });
    network.offline = true;
    const created = unique('Créé hors ligne');
    const writes = [
      first.spaces.rename(space.id, 'Ordre 1'),
      first.spaces.create({ name: created }),
      first.spaces.rename(space.id, 'Ordre 2'),
      first.spaces.rename(space.id, 'Ordre 3'),
    ];
    for (const write of writes) write.catch(() => undefined); // rejected by close(), asserted above
    const items = await outboxHolds(first, 4);
    expect(items.map((item) => item.intent)).to.deep.equal(['spaces.update', 'spaces.create', 'spaces.update', 'spaces.update']);
    first.close();

    const second = makeClient();
    const answers = await sent(second, 4);
    expect(answers.map((answer) => (answer.body as Space).name)).to.deep.equal(['Ordre 1', created, 'Ordre 2', 'Ordre 3']);
    expect((await second.spaces.get(space.id)).name).to.equal('Ordre 3');
    expect(await spacesNamed(second, created)).to.equal(1);
  });

  it('never replays a write under another person\'s session; replays it when its author is back', async () => {
    const network = cuttableFetch();
    const karim = await signedIn('karim', { fetch: network.fetch });
    network.offline = true;
    const name = unique('De Karim');
    karim.spaces.create({ name }).catch(() => undefined); // rejected by close()
    await outboxHolds(karim, 1);
    karim.close();

    // Camille signs in on this browser (a client without local storage, so the switch is clean).
    const switcher = makeClient({ storage: 'memory' });
    await switcher.auth.signInDev('camille');

    const reload = makeClient();
    const session = await reload.auth.session();
    expect(session?.user.id).to.equal('camille');
    await reload.outbox.ready;
    expect(reload.outbox.items()).to.have.length(0);
    expect(await spacesNamed(reload, name)).to.equal(0);

    const replayed = sent(reload, 1);
    await reload.auth.signInDev('karim');
    const [answer] = await replayed;
    expect((answer?.body as Space).name).to.equal(name);
    expect(await spacesNamed(reload, name)).to.equal(1);
  });

  it('another person signing in on the same client settles the waiting write quietly; its author gets it sent', async () => {
    const network = cuttableFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    network.offline = true;
    let failures = 0;
    client.outbox.addEventListener('failed', () => (failures += 1));
    const name = unique('Attend Karim');
    const waiting = rejection(client.spaces.create({ name }));
    await outboxHolds(client, 1);
    network.offline = false;
    await client.auth.signInDev('camille');
    // A cancellation, not a failure a component would have to filter out.
    expect(((await waiting) as Error).name).to.equal('AbortError');
    expect(failures).to.equal(0);
    await client.outbox.ready;
    expect(client.outbox.items()).to.have.length(0);

    const replayed = sent(client, 1);
    await client.auth.signInDev('karim');
    const [answer] = await replayed;
    expect((answer?.body as Space).name).to.equal(name);
    expect(await spacesNamed(client, name)).to.equal(1);
    expect(failures).to.equal(0);
  });

  it('waits for `online` while the browser is offline, then sends', async () => {
    const network = cuttableFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    const backOnline = reportOffline();
    const name = unique('Attend le réseau');
    let write: Promise<Space>;
    try {
      write = client.spaces.create({ name });
      await outboxHolds(client, 1);
      const posts = network.requests.filter(
        (request) => request.method === 'POST' && new URL(request.url).pathname === '/v1/spaces',
      );
      expect(posts).to.have.length(0);
    } finally {
      backOnline();
    }
    expect((await write).name).to.equal(name);
    expect(await spacesNamed(client, name)).to.equal(1);
  });

  it('aborting a write stops the wait, not the write', async () => {
    const network = cuttableFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    network.offline = true;
    const controller = new AbortController();
    const name = unique('Abandon');
    const write = rejection(client.spaces.create({ name }, { signal: controller.signal }));
    await outboxHolds(client, 1);
    controller.abort();
    expect(((await write) as Error).name).to.equal('AbortError');
    expect(client.outbox.items()).to.have.length(1);
    const replayed = sent(client, 1);
    network.offline = false;
    window.dispatchEvent(new Event('online'));
    await replayed;
    expect(await spacesNamed(client, name)).to.equal(1);
  });

  it('does not duplicate a write whose response was lost (same Idempotency-Key)', async () => {
    const keys: string[] = [];
    const replayedHeaders: Array<string | null> = [];
    let lose = true;
    const losing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const isCreate = request.method === 'POST' && new URL(request.url).pathname === '/v1/spaces';
      if (!isCreate) return fetch(request);
      keys.push(request.headers.get('Idempotency-Key') ?? '');
      const response = await fetch(request);
      replayedHeaders.push(response.headers.get('Idempotent-Replayed'));
      if (lose) {
        lose = false;
        throw new TypeError('Failed to fetch'); // the server did it; the answer never came back
      }
      return response;
    };
    const client = await signedIn('karim', { fetch: losing });
    const name = unique('Réponse perdue');
    const space = await client.spaces.create({ name });
    expect(space.name).to.equal(name);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(replayedHeaders[1]).to.equal('true');
    expect(await spacesNamed(client, name)).to.equal(1);
  });

  it('reports a permanent failure, keeps its body, and goes on with later items', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: unique('Invités') });
    await karim.spaces.putMember(space.id, 'ines', 'guest');
    karim.close();

    const ines = await signedIn('ines');
    const failedEvent = new Promise<OutboxFailedEvent>((resolve) =>
      ines.outbox.addEventListener('failed', resolve, { once: true }),
    );
    const later = unique('Espace d’Inès');
    const rename = ines.spaces.rename(space.id, 'Interdit');
    const create = ines.spaces.create({ name: later });

    const error = await rejection(rename);
    expect(isHttpError(error) && error.status).to.equal(403);
    const event = await failedEvent;
    expect(event.item.body).to.deep.equal({ name: 'Interdit' });
    expect(event.item.error?.code).to.equal('forbidden');
    expect((await create).name).to.equal(later);

    const [failed, ...rest] = ines.outbox.items();
    expect(rest).to.have.length(0);
    expect(failed?.state).to.equal('failed');
    expect(failed?.body).to.deep.equal({ name: 'Interdit' });
    expect(failed?.error?.status).to.equal(403);

    // Still there after a reload, still refused while the cause is there, gone when discarded.
    ines.close();
    const reloaded = makeClient();
    await reloaded.outbox.ready;
    const [kept] = reloaded.outbox.items();
    expect(kept?.id).to.equal(failed?.id);
    expect(kept?.state).to.equal('failed');
    const retried = await rejection(reloaded.outbox.retry(kept!.id));
    expect(isHttpError(retried) && retried.code).to.equal('forbidden');
    await reloaded.outbox.discard(kept!.id);
    expect(reloaded.outbox.items()).to.have.length(0);
  });

  it('retry() sends a refused write again once its cause is gone', async () => {
    const karim = await signedIn('karim', { storage: 'memory' });
    const space = await karim.spaces.create({ name: unique('Promotion') });
    await karim.spaces.putMember(space.id, 'lea', 'guest');

    const lea = await signedIn('lea');
    const refused = await rejection(lea.spaces.update(space.id, { description: 'Proposé par Léa' }));
    expect(isHttpError(refused) && refused.status).to.equal(403);
    const [failed] = lea.outbox.items();

    // Karim, signed in again on this browser, makes Léa an owner; then Léa is back.
    await karim.auth.signInDev('karim');
    await karim.spaces.putMember(space.id, 'lea', 'owner');
    await lea.auth.signInDev('lea');

    const answer = (await lea.outbox.retry(failed!.id)) as { description: string };
    expect(answer.description).to.equal('Proposé par Léa');
    expect(lea.outbox.items()).to.have.length(0);
  });

  it('retries 5xx and 429 (after Retry-After) with the same key', async () => {
    const answers = [
      () => problem(503, 'unavailable', {}),
      () => problem(429, 'rate-limited', { 'Retry-After': '1' }),
    ];
    const keys: string[] = [];
    const flaky: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method !== 'POST' || new URL(request.url).pathname !== '/v1/spaces') return fetch(request);
      keys.push(request.headers.get('Idempotency-Key') ?? '');
      const next = answers.shift();
      return next ? next() : fetch(request);
    };
    const client = await signedIn('karim', { fetch: flaky });
    const name = unique('Réessayé');
    const space = await client.spaces.create({ name });
    expect(space.name).to.equal(name);
    expect(keys).to.have.length(3);
    expect(new Set(keys).size).to.equal(1);
    expect(await spacesNamed(client, name)).to.equal(1);
  });

  it('signOut() wipes the local data: a new client finds no outbox and no cache', async () => {
    const blocked: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/spaces') throw new TypeError('Failed to fetch');
      return fetch(request);
    };
    const client = await signedIn('karim', { fetch: blocked });
    const controller = new AbortController();
    await client.spaces.watchList(() => undefined, { signal: controller.signal });
    const pending = rejection(client.spaces.create({ name: unique('Jamais envoyé') }));
    await outboxHolds(client, 1);
    let failures = 0;
    client.outbox.addEventListener('failed', () => (failures += 1));
    const result = await client.signOut();
    expect(result).to.equal(null);
    // Settled quietly: a cancellation (AbortError), not a failure to report; no `failed` event.
    expect((await pending) as Error).to.have.property('name', 'AbortError');
    expect(((await pending) as Error).message).to.contain('Signed out');
    expect(failures).to.equal(0);
    expect(client.outbox.items()).to.have.length(0);
    controller.abort();

    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    expect(names.filter((name) => name.endsWith(':karim'))).to.deep.equal([]);

    const next = makeClient();
    await next.outbox.ready;
    expect(next.outbox.items()).to.have.length(0);
    expect(await next.auth.session()).to.equal(null);
    await next.auth.signInDev('karim');
    await next.outbox.ready;
    expect(next.outbox.items()).to.have.length(0);
    const sources: string[] = [];
    const watch = new AbortController();
    await next.spaces.watchList(({ source }) => sources.push(source), { signal: watch.signal });
    watch.abort();
    expect(sources).to.deep.equal(['network']);
  });
});

describe('outbox and the server’s rate limit', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  // Théo (used by no other chat test) fills his chat send window (30 messages per 10 s on the test
  // server); the next message is refused with 429 and Retry-After, then goes out once the window ends.
  it('a message refused with 429 is delivered exactly once after the limit clears', async function () {
    this.timeout(40_000);
    const statuses: number[] = [];
    const keys: string[] = [];
    const recording = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      const isLast = request.method === 'POST' && (await request.clone().text()).includes('après la limite');
      if (isLast) keys.push(request.headers.get('Idempotency-Key') ?? '');
      const response = await fetch(request);
      if (isLast) statuses.push(response.status);
      return response;
    };
    const theo = await signedIn('theo', { fetch: recording });
    const space = await theo.spaces.create({ name: unique('Limite') });
    const room = await theo.chat.createRoom(space.id, { name: unique('limite') });
    await Promise.all(Array.from({ length: 30 }, (_, i) => theo.chat.send(room.id, `message ${i}`)));
    const message = await theo.chat.send(room.id, 'après la limite');
    expect(message.text).to.equal('après la limite');
    expect(statuses[0], 'the first attempt was rate-limited').to.equal(429);
    expect(statuses.at(-1)).to.equal(201);
    // Retried with the key the 429 was given: the server did not keep that refusal for the key.
    expect(new Set(keys), 'one Idempotency-Key for every attempt').to.have.property('size', 1);
    expect(message.clientId).to.equal(keys[0]);
    expect(theo.outbox.items()).to.have.length(0);
    const page = await theo.chat.messages(room.id, { limit: 100 });
    expect(page.items.filter((m) => m.text === 'après la limite').map((m) => m.id)).to.deep.equal([message.id]);
    expect(page.items).to.have.length(31);
  });
});

function problem(status: number, code: string, headers: Record<string, string>): Response {
  return new Response(JSON.stringify({ type: `urn:bureau:problem:${code}`, title: code, status, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}
