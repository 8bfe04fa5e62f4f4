import { expect } from '@open-wc/testing';
import type { BureauClient, ChatMessage, Message, OutboxItem, Timeline } from '../index.js';
import { isHttpError } from '../index.js';
import { apiUrl, closeClients, cuttableFetch, deferred, makeClient, signedIn, streamStatus, unique, wipeLocalData } from '../test/helpers.js';

const SPACE = 'espace-rh-360';

/** Resolves with the timeline's messages once `test` holds for them (checked now and on every change). */
function until(timeline: Timeline, test: (messages: readonly ChatMessage[]) => boolean): Promise<readonly ChatMessage[]> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (!test(timeline.messages)) return;
      timeline.removeEventListener('change', check);
      resolve(timeline.messages);
    };
    timeline.addEventListener('change', check);
    check();
  });
}

/**
 * Every state the timeline went through, from now on. Each change is checked against the one
 * before: the messages before its `from` are the same objects in the same places (what a list
 * keeps without looking), and each state is frozen.
 */
function record(timeline: Timeline): Array<readonly ChatMessage[]> {
  const views: Array<readonly ChatMessage[]> = [];
  let previous = timeline.messages;
  timeline.addEventListener('change', (event) => {
    const { messages, from } = event;
    expect(Object.isFrozen(messages), 'a frozen state').to.equal(true);
    expect(from, 'from within both states').to.be.at.most(Math.min(previous.length, messages.length));
    for (let at = 0; at < from; at += 1) expect(messages[at], `message ${at} kept before from ${from}`).to.equal(previous[at]);
    previous = messages;
    views.push(messages);
  });
  return views;
}

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

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const withText = <M extends Message>(messages: readonly M[], text: string): M[] => messages.filter((m) => m.text === text);

/** Posts a message with the browser's session straight to the API, outside any client. */
async function postDirectly(roomId: string, text: string): Promise<void> {
  const session = (await (await fetch(`${apiUrl}/v1/session`, { credentials: 'include' })).json()) as { csrfToken: string };
  const response = await fetch(`${apiUrl}/v1/rooms/${roomId}/messages`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
    body: JSON.stringify({ text }),
  });
  expect(response.status).to.equal(201);
}

/** The texts of a room's latest top-level messages on the server, oldest first. */
async function serverTexts(client: BureauClient, roomId: string): Promise<string[]> {
  return (await client.chat.messages(roomId, { limit: 100 })).items.map((m) => m.text);
}

describe('chat timeline', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('shows a sent message at once as pending, then sent, exactly once although the stream is faster than the response', async () => {
    const text = unique('Bonjour');
    let seenOnStream = deferred();
    // The POST's response is held until the stream has delivered the message: the worst order.
    const slow: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/messages')) await seenOnStream.promise;
      return response;
    };
    const client = await signedIn('karim', { fetch: slow });
    const room = await client.chat.createRoom(SPACE, { name: unique('Accueil') });
    const timeline = client.chat.timeline(room.id);
    await timeline.ready;
    await streamStatus(client.stream, 'open');
    const views = record(timeline);
    const shownBefore = timeline.messages.length;
    const changes: Array<{ messages: readonly ChatMessage[]; from: number }> = [];
    timeline.addEventListener('change', ({ messages, from }) => changes.push({ messages, from }));
    seenOnStream = deferred();
    const streamed = deferred<Message>();
    client.stream.subscribe('message.created', (event) => {
      if (event.data.text !== text) return;
      streamed.resolve(event.data);
      seenOnStream.resolve();
    });
    const sending = client.chat.send(room.id, text);
    const [pending] = withText(await until(timeline, (ms) => withText(ms, text).length > 0), text);
    expect(pending?.status).to.equal('pending');
    expect(pending?.localId).to.be.a('string');
    expect(pending?.id).to.equal(pending?.localId);
    expect(pending?.author.id).to.equal('karim');
    // The local copy was appended after what was shown: the change starts there.
    expect(changes.find((change) => change.messages.some((m) => m.text === text))?.from).to.equal(shownBefore);
    const fromStream = await streamed.promise;
    const message = await sending;
    expect(fromStream.id).to.equal(message.id);
    // One identity end to end: the write's id came back on the event and in the answer.
    expect(fromStream.clientId).to.equal(pending?.localId);
    expect(message.clientId).to.equal(pending?.localId);
    const [sent, ...others] = withText(await until(timeline, (ms) => withText(ms, text).some((m) => m.status === 'sent')), text);
    expect(others).to.have.length(0);
    expect(sent?.id).to.equal(message.id);
    expect(sent?.localId).to.equal(pending?.localId);
    // Never twice, in any state the timeline went through.
    for (const view of views) expect(withText(view, text).length).to.be.at.most(1);
    timeline.close();
  });

  it('sending the same text again keeps the earlier message in view', async () => {
    const gate = deferred();
    let holding = false;
    const held: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (holding && request.method === 'POST' && new URL(request.url).pathname.endsWith('/messages')) await gate.promise;
      return fetch(request);
    };
    const client = await signedIn('karim', { fetch: held });
    const room = await client.chat.createRoom(SPACE, { name: unique('Doublons') });
    const timeline = client.chat.timeline(room.id);
    await timeline.ready;
    await streamStatus(client.stream, 'open');
    // The earlier one arrives through the stream while the timeline is open.
    const streamed = deferred();
    const off = client.stream.subscribe('message.created', (event) => {
      if (event.data.roomId === room.id) streamed.resolve();
    });
    const earlier = await client.chat.send(room.id, 'Ok');
    await streamed.promise;
    off();
    holding = true;
    const again = client.chat.send(room.id, 'Ok');
    const both = withText(await until(timeline, (ms) => withText(ms, 'Ok').length === 2), 'Ok');
    expect(both.map((m) => [m.id === earlier.id, m.status])).to.deep.equal([
      [true, 'sent'],
      [false, 'pending'],
    ]);
    gate.resolve();
    const second = await again;
    const settled = withText(await until(timeline, (ms) => withText(ms, 'Ok').every((m) => m.status === 'sent')), 'Ok');
    expect(settled.map((m) => m.id)).to.deep.equal([earlier.id, second.id]);
    timeline.close();
  });

  it('messages written offline survive a reload, show as pending there, and are delivered once, in order', async () => {
    const network = cuttableFetch();
    const first = await signedIn('karim', { fetch: network.fetch });
    const room = await first.chat.createRoom(SPACE, { name: unique('Hors ligne') });
    network.offline = true;
    const texts = [unique('Un'), unique('Deux'), unique('Trois')];
    for (const text of texts) first.chat.send(room.id, text).catch(() => undefined); // rejected by close()
    await outboxHolds(first, 3);
    first.close();

    // The reload, still offline.
    const second = makeClient({ fetch: network.fetch });
    const timeline = second.chat.timeline(room.id);
    const pending = await until(timeline, (ms) => texts.every((text) => withText(ms, text).length === 1));
    expect(pending.filter((m) => texts.includes(m.text)).map((m) => [m.text, m.status])).to.deep.equal(
      texts.map((text) => [text, 'pending']),
    );
    // The network is back.
    network.offline = false;
    window.dispatchEvent(new Event('online'));
    const delivered = await until(timeline, (ms) =>
      texts.every((text) => withText(ms, text).length === 1 && withText(ms, text)[0]?.status === 'sent'),
    );
    expect(delivered.filter((m) => texts.includes(m.text)).map((m) => m.text)).to.deep.equal(texts);
    expect((await serverTexts(second, room.id)).filter((text) => texts.includes(text))).to.deep.equal(texts);
    timeline.close();
  });

  it('a message replayed after a reload shows once, even in a page fetched while its answer is on the way', async () => {
    const network = cuttableFetch();
    const first = await signedIn('karim', { fetch: network.fetch });
    const room = await first.chat.createRoom(SPACE, { name: unique('Rechargement') });
    network.offline = true;
    const text = unique('Écrit hors ligne');
    first.chat.send(room.id, text).catch(() => undefined); // rejected by close()
    await outboxHolds(first, 1);
    first.close();

    // The reload: the outbox sends the message once the network is back, and its answer is slow.
    const answer = deferred();
    const slowAnswers: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await network.fetch(request);
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/messages')) await answer.promise;
      return response;
    };
    const second = makeClient({ fetch: slowAnswers });
    await second.outbox.ready;
    network.offline = false;
    window.dispatchEvent(new Event('online'));
    while (!(await serverTexts(second, room.id)).includes(text)) await new Promise((resolve) => setTimeout(resolve, 50));

    // The timeline opens now: its page has the message, the outbox still waits for its answer.
    const timeline = second.chat.timeline(room.id);
    const views = record(timeline);
    await timeline.ready;
    await until(timeline, (ms) => withText(ms, text).length > 0);
    expect(withText(timeline.messages, text).map((m) => m.status)).to.deep.equal(['pending']);
    answer.resolve();
    await until(timeline, (ms) => withText(ms, text)[0]?.status === 'sent');
    expect(views.every((view) => withText(view, text).length <= 1), 'never shown twice').to.equal(true);
    expect(withText(timeline.messages, text)).to.have.length(1);
    timeline.close();
  });

  it('a message refused for good stays with its text and error; retry sends it once the cause is gone', async () => {
    const karim = await signedIn('karim', { storage: 'memory' });
    const space = await karim.spaces.create({ name: unique('Invitée') });
    await karim.spaces.putMember(space.id, 'ines', 'guest');
    const room = await karim.chat.createRoom(space.id, { name: unique('Salle') });

    const ines = await signedIn('ines');
    const timeline = ines.chat.timeline(room.id);
    await timeline.ready;
    const text = unique('Puis-je écrire ?');
    const error = await rejection(ines.chat.send(room.id, text));
    expect(isHttpError(error) && error.status).to.equal(403);
    const [failed] = withText(await until(timeline, (ms) => withText(ms, text)[0]?.status === 'failed'), text);
    expect(failed?.error?.status).to.equal(403);
    expect(failed?.error?.code).to.equal('forbidden');
    expect(failed?.writeId).to.equal(failed?.localId);

    // Retried while still a guest: refused again, in place: still one message, same write, same local id.
    const again = await rejection(ines.chat.retry(failed!.writeId!));
    expect(isHttpError(again) && again.status).to.equal(403);
    const [still, ...twins] = withText(await until(timeline, (ms) => withText(ms, text)[0]?.status === 'failed'), text);
    expect(twins).to.have.length(0);
    expect(still?.localId).to.equal(failed?.localId);
    expect(still?.writeId).to.equal(failed?.writeId);
    expect(ines.outbox.items()).to.have.length(1);

    // The cause goes away: Inès becomes a member (Karim, on this same browser), then signs in again.
    await karim.auth.signInDev('karim');
    await karim.spaces.putMember(space.id, 'ines', 'member');
    await ines.auth.signInDev('ines');
    await ines.chat.retry(failed!.localId!);
    const [sent, ...others] = withText(await until(timeline, (ms) => withText(ms, text)[0]?.status === 'sent'), text);
    expect(others).to.have.length(0);
    expect(sent?.localId).to.equal(failed?.localId);
    expect(sent?.error).to.equal(undefined);
    expect(withText((await ines.chat.messages(room.id)).items, text)).to.have.length(1);
    timeline.close();
  });

  it('an over-long message fails with 422 and discard removes it', async () => {
    const client = await signedIn('karim');
    const room = await client.chat.createRoom(SPACE, { name: unique('Trop long') });
    const timeline = client.chat.timeline(room.id);
    await timeline.ready;
    const text = 'a'.repeat(10_001);
    const error = await rejection(client.chat.send(room.id, text));
    expect(isHttpError(error) && error.status).to.equal(422);
    const [failed] = withText(await until(timeline, (ms) => withText(ms, text)[0]?.status === 'failed'), text);
    expect(failed?.error?.code).to.equal('validation-failed');
    await client.chat.discard(failed!.writeId!);
    await until(timeline, (ms) => withText(ms, text).length === 0);
    expect(client.outbox.items()).to.have.length(0);
    timeline.close();
  });

  it('loadOlder pages back through the history; a new client paints the cached last page first', async () => {
    const client = await signedIn('karim');
    const room = await client.chat.createRoom(SPACE, { name: unique('Historique') });
    const texts: string[] = [];
    for (let i = 1; i <= 7; i += 1) {
      texts.push(`Message ${i}`);
      await client.chat.send(room.id, `Message ${i}`);
    }
    const timeline = client.chat.timeline(room.id, { pageSize: 3 });
    await timeline.ready;
    expect(timeline.messages.map((m) => m.text)).to.deep.equal(texts.slice(4));
    expect(timeline.hasOlder).to.equal(true);
    expect(await timeline.loadOlder()).to.equal(3);
    expect(timeline.messages.map((m) => m.text)).to.deep.equal(texts.slice(1));
    await timeline.loadOlder();
    expect(timeline.messages.map((m) => m.text)).to.deep.equal(texts);
    expect(timeline.hasOlder).to.equal(false);
    expect(await timeline.loadOlder()).to.equal(0);
    timeline.close();
    client.close();

    // The next visit: the cached page shows before the server answers.
    const gate = deferred();
    const gated: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'GET' && new URL(request.url).pathname.endsWith('/messages')) await gate.promise;
      return fetch(request);
    };
    const next = makeClient({ fetch: gated });
    const again = next.chat.timeline(room.id, { pageSize: 3 });
    const cached = await until(again, (ms) => ms.length > 0);
    expect(again.source).to.equal('cache');
    expect(cached.map((m) => m.text)).to.include('Message 7');
    gate.resolve();
    await again.ready;
    expect(again.source).to.equal('network');
    expect(again.messages.map((m) => m.text).slice(-3)).to.deep.equal(texts.slice(4));
    again.close();
  });

  it('shows the first page without waiting for the event stream, and misses no message written before the stream started', async () => {
    const client = await signedIn('karim');
    const room = await client.chat.createRoom(SPACE, { name: unique('Sans trou') });
    client.close();
    await postDirectly(room.id, 'Avant la page');
    // The event stream is held until the page is shown and a message was written after it.
    const streamHeld = deferred();
    const gated: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname === '/v1/events') {
        await new Promise((resolve, reject) => {
          streamHeld.promise.then(resolve, reject);
          request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
        });
      }
      return fetch(request);
    };
    const reader = makeClient({ fetch: gated });
    const timeline = reader.chat.timeline(room.id);
    const shown = await until(timeline, (ms) => ms.some((m) => m.text === 'Avant la page'));
    expect(reader.stream.status).to.equal('connecting');
    expect(timeline.source).to.equal('network');
    // Written after the page was read and before the stream starts (from outside this client: no
    // outbox answer brings it): in neither, unless what fell between is fetched again.
    expect(shown.map((m) => m.text)).to.not.include('Entre la page et le flux');
    await postDirectly(room.id, 'Entre la page et le flux');
    streamHeld.resolve();
    await timeline.ready;
    await until(timeline, (ms) => ms.some((m) => m.text === 'Entre la page et le flux'));
    // And what comes later, on the stream.
    await postDirectly(room.id, 'Après le flux');
    const after = await until(timeline, (ms) => ms.some((m) => m.text === 'Après le flux'));
    expect(after.map((m) => m.text)).to.deep.equal(['Avant la page', 'Entre la page et le flux', 'Après le flux']);
  });

  it('opened around a message: its page first, newer pages to the latest, live messages only once there (no hole)', async () => {
    const client = await signedIn('camille');
    const room = await client.chat.createRoom(SPACE, { name: unique('Autour') });
    const sent: Message[] = [];
    for (let i = 1; i <= 8; i += 1) sent.push(await client.chat.send(room.id, `M${i}`));
    const timeline = client.chat.timeline(room.id, { pageSize: 3, around: sent[2]?.id });
    await timeline.ready;
    expect(timeline.messages.map((m) => m.text)).to.deep.equal(['M2', 'M3', 'M4']);
    expect([timeline.hasOlder, timeline.hasNewer]).to.deep.equal([true, true]);
    // A message arriving now would leave a hole between M4 and it: it waits for the newer pages.
    const live = await client.chat.send(room.id, 'En direct');
    expect(timeline.messages.map((m) => m.text)).to.not.include('En direct');
    expect(await timeline.loadNewer()).to.equal(3);
    expect(timeline.messages.map((m) => m.text)).to.deep.equal(['M2', 'M3', 'M4', 'M5', 'M6', 'M7']);
    await timeline.loadNewer();
    expect(timeline.messages.map((m) => m.text)).to.deep.equal(['M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'En direct']);
    expect(timeline.hasNewer).to.equal(false);
    expect(await timeline.loadNewer()).to.equal(0);
    await timeline.loadOlder();
    expect(timeline.messages[0]?.text).to.equal('M1');
    // At the latest now: live messages join as usual.
    await client.chat.send(room.id, 'Après');
    await until(timeline, (ms) => ms.at(-1)?.text === 'Après' && ms.at(-1)?.status === 'sent');
    expect(withText(timeline.messages, 'En direct').map((m) => m.id)).to.deep.equal([live.id]);
    timeline.close();
  });

  it('a cached page from long ago is dropped when more than a page came since: no hole', async () => {
    const client = await signedIn('camille');
    const room = await client.chat.createRoom(SPACE, { name: unique('Retour') });
    for (const text of ['A', 'B', 'C']) await client.chat.send(room.id, text);
    const first = client.chat.timeline(room.id, { pageSize: 3 });
    await first.ready;
    first.close();
    for (const text of ['D', 'E', 'F', 'G', 'H']) await client.chat.send(room.id, text);
    client.close();

    const next = makeClient();
    const timeline = next.chat.timeline(room.id, { pageSize: 3 });
    const cached = await until(timeline, (ms) => ms.length > 0);
    expect(cached.map((m) => m.text)).to.deep.equal(['A', 'B', 'C']);
    await timeline.ready;
    expect(timeline.messages.map((m) => m.text)).to.deep.equal(['F', 'G', 'H']);
    await timeline.loadOlder();
    expect(timeline.messages.map((m) => m.text)).to.deep.equal(['C', 'D', 'E', 'F', 'G', 'H']);
    timeline.close();
  });

  it('threads: replies show in the thread timeline, and the root counts them', async () => {
    const client = await signedIn('karim');
    const room = await client.chat.createRoom(SPACE, { name: unique('Fils') });
    const root = await client.chat.send(room.id, unique('Question'));
    const timeline = client.chat.timeline(room.id);
    const thread = client.chat.thread(room.id, root.id);
    await Promise.all([timeline.ready, thread.ready]);
    const answer = unique('Réponse');
    await thread.send(answer);
    const replies = await until(thread, (ms) => withText(ms, answer)[0]?.status === 'sent');
    expect(replies.map((m) => m.threadId)).to.deep.equal([root.id]);
    expect(withText(timeline.messages, answer)).to.have.length(0);
    await until(timeline, (ms) => ms.find((m) => m.id === root.id)?.replyCount === 1);
    timeline.close();
    thread.close();
  });

  it('edit, reaction toggle and delete show at once and settle on the server’s version', async () => {
    const client = await signedIn('karim');
    const room = await client.chat.createRoom(SPACE, { name: unique('Retouches') });
    const message = await client.chat.send(room.id, unique('Brouillon'));
    const neighbour = await client.chat.send(room.id, unique('Voisin'));
    const timeline = client.chat.timeline(room.id);
    await timeline.ready;
    const views = record(timeline);
    const edited = unique('Corrigé');
    const editing = client.chat.edit(message.id, edited);
    const optimistic = (await until(timeline, (ms) => ms.some((m) => m.text === edited))).find((m) => m.id === message.id);
    expect(optimistic?.status).to.equal('pending');
    expect((await editing).editedAt).to.be.a('string');
    await until(timeline, (ms) => ms.find((m) => m.id === message.id)?.status === 'sent');

    await timeline.react(message.id, '👍');
    await until(timeline, (ms) => ms.find((m) => m.id === message.id)?.reactions[0]?.userIds.includes('karim') === true);
    await timeline.react(message.id, '👍');
    await until(timeline, (ms) => ms.find((m) => m.id === message.id)?.reactions.length === 0);

    await client.chat.delete(message.id);
    const [tombstone] = (await until(timeline, (ms) => ms.find((m) => m.id === message.id)?.deletedAt != null)).filter(
      (m) => m.id === message.id,
    );
    expect(tombstone?.text).to.equal('');
    // The message next to it never changed: every view showed it as one and the same object (what
    // a list keys its rows on, so that only the changed row renders again).
    expect(new Set(views.map((view) => view.find((m) => m.id === neighbour.id))).size).to.equal(1);

    // A message written elsewhere arrives by the stream: the change starts after what was shown.
    const live = unique('Arrivé');
    const shown = timeline.messages.length;
    const arrived = new Promise<number>((resolve) => {
      timeline.addEventListener('change', ({ messages, from }) => {
        if (messages.some((m) => m.text === live)) resolve(from);
      });
    });
    await postDirectly(room.id, live);
    expect(await arrived).to.equal(shown);
    timeline.close();
  });
});
