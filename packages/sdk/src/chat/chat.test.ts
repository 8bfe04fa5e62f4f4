import { expect } from '@open-wc/testing';
import type { Author, ChatMessage, EventOf, Room, Snapshot } from '../index.js';
import { isHttpError } from '../index.js';
import { closeClients, cuttableFetch, deferred, makeClient, signedIn, streamStatus, unique, wipeLocalData } from '../test/helpers.js';

const SPACE = 'espace-rh-360';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Watches a space's rooms; `next(test)` resolves with the first room list (from now on or the latest) passing `test`. */
async function watchRooms(client: ReturnType<typeof makeClient>, spaceId: string) {
  const controller = new AbortController();
  let latest: Room[] = [];
  const waiting = new Set<{ test: (rooms: Room[]) => boolean; resolve: (rooms: Room[]) => void }>();
  const onValue = (snapshot: Snapshot<Room[]>): void => {
    latest = snapshot.value;
    for (const waiter of [...waiting]) {
      if (!waiter.test(latest)) continue;
      waiting.delete(waiter);
      waiter.resolve(latest);
    }
  };
  await client.chat.watchRooms(spaceId, onValue, { signal: controller.signal });
  return {
    stop: () => controller.abort(),
    next: (test: (rooms: Room[]) => boolean): Promise<Room[]> =>
      test(latest) ? Promise.resolve(latest) : new Promise((resolve) => waiting.add({ test, resolve })),
  };
}

describe('chat', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('rooms: create, list, get, rename, archive', async () => {
    const client = await signedIn('karim');
    const name = unique('Recrutements');
    const room = await client.chat.createRoom(SPACE, { name, topic: 'Postes ouverts' });
    expect(room.name).to.equal(name);
    expect(room.unreadCount).to.equal(0);
    expect((await client.chat.rooms(SPACE, { limit: 100 })).items.map((r) => r.id)).to.include(room.id);
    expect((await client.chat.room(room.id)).topic).to.equal('Postes ouverts');
    const renamed = await client.chat.renameRoom(room.id, `${name} 2027`, { ifMatch: room.version });
    expect(renamed.name).to.equal(`${name} 2027`);
    const archived = await client.chat.archiveRoom(room.id);
    expect(archived.archived).to.equal(true);
    expect((await client.chat.rooms(SPACE, { limit: 100 })).items.map((r) => r.id)).not.to.include(room.id);
    expect((await client.chat.rooms(SPACE, { archived: true, limit: 100 })).items.map((r) => r.id)).to.include(room.id);
    const error = await rejection(client.chat.room('room_nope'));
    expect(isHttpError(error) && error.status).to.equal(404);
  });

  it('the room preview goes back to the message before when the last one is deleted', async () => {
    const karim = await signedIn('karim');
    const room = await karim.chat.createRoom(SPACE, { name: unique('Aperçu') });
    const rooms = await watchRooms(karim, SPACE);
    await streamStatus(karim.stream, 'open');
    await karim.chat.send(room.id, 'Le calendrier est publié');
    const mistake = await karim.chat.send(room.id, 'Envoyé par erreur');
    await rooms.next((list) => list.find((r) => r.id === room.id)?.lastMessage?.id === mistake.id);
    await karim.chat.delete(mistake.id);
    await rooms.next((list) => list.find((r) => r.id === room.id)?.lastMessage?.text === 'Le calendrier est publié');
  });

  it('unread counts follow the stream: another person’s message adds one, read.updated sets them', async () => {
    const karim = await signedIn('karim');
    const room = await karim.chat.createRoom(SPACE, { name: unique('Non lus') });
    const rooms = await watchRooms(karim, SPACE);
    await streamStatus(karim.stream, 'open');
    expect((await rooms.next((list) => list.some((r) => r.id === room.id))).find((r) => r.id === room.id)?.unreadCount).to.equal(0);

    // Camille writes, on this same browser (one cookie jar): Karim's stream stays open as Karim.
    const camille = await signedIn('camille', { storage: 'memory' });
    const text = unique('Bonjour @karim');
    const message = await camille.chat.send(room.id, text);
    const counted = await rooms.next((list) => list.find((r) => r.id === room.id)?.unreadCount === 1);
    const live = counted.find((r) => r.id === room.id);
    expect(live?.unreadMentions).to.equal(1);
    expect(live?.lastMessage?.id).to.equal(message.id);

    // Karim reads it in another tab: only read.updated on the stream can tell this one.
    const otherTab = await signedIn('karim', { storage: 'memory' });
    const read = await otherTab.chat.markRead(room.id, message.id);
    expect(read.unreadCount).to.equal(0);
    const cleared = await rooms.next((list) => list.find((r) => r.id === room.id)?.unreadCount === 0);
    expect(cleared.find((r) => r.id === room.id)?.lastReadMessageId).to.equal(message.id);
    // His own messages never count.
    await karim.chat.send(room.id, unique('Lu, merci'));
    const fresh = await karim.chat.room(room.id);
    expect(fresh.unreadCount).to.equal(0);
    rooms.stop();
  });

  it('another person’s message appears live in an open timeline, once', async () => {
    const karim = await signedIn('karim');
    const room = await karim.chat.createRoom(SPACE, { name: unique('En direct') });
    const timeline = karim.chat.timeline(room.id);
    await timeline.ready;
    await streamStatus(karim.stream, 'open');
    const camille = await signedIn('camille', { storage: 'memory' });
    const text = unique('Coucou');
    const message = await camille.chat.send(room.id, text);
    const arrived = await new Promise<readonly ChatMessage[]>((resolve) => {
      const check = (): void => {
        if (timeline.messages.some((m) => m.id === message.id)) resolve(timeline.messages);
      };
      timeline.addEventListener('change', check);
      check();
    });
    const copies = arrived.filter((m) => m.text === text);
    expect(copies).to.have.length(1);
    expect(copies[0]?.author).to.deep.equal({ id: 'camille', name: 'Camille Martin' });
    expect(copies[0]?.status).to.equal('sent');
    expect(copies[0]?.localId).to.equal(undefined);
    timeline.close();
  });

  it('drafts survive a new client and are wiped by signOut', async () => {
    const first = await signedIn('karim');
    await first.chat.drafts.set('room_a', 'À relire');
    await first.chat.drafts.set('room_b', 'Autre salle');
    expect(await first.chat.drafts.get('room_a')).to.equal('À relire');
    first.close();
    const second = makeClient();
    expect(await second.chat.drafts.get('room_a')).to.equal('À relire');
    expect(await second.chat.drafts.get('room_b')).to.equal('Autre salle');
    await second.chat.drafts.set('room_b', '   ');
    expect(await second.chat.drafts.get('room_b')).to.equal('');
    await second.signOut();
    expect(await second.chat.drafts.get('room_a')).to.equal('');
    const third = await signedIn('karim');
    expect(await third.chat.drafts.get('room_a')).to.equal('');
  });

  it('signOut empties an open timeline: neither the server’s messages nor unsent ones stay on screen', async () => {
    const network = cuttableFetch();
    const client = await signedIn('karim', { fetch: network.fetch });
    const room = await client.chat.createRoom(SPACE, { name: unique('Départ') });
    await client.chat.send(room.id, 'Déjà envoyé');
    const timeline = client.chat.timeline(room.id);
    await timeline.ready;
    network.offline = true;
    client.chat.send(room.id, 'Jamais envoyé').catch(() => undefined); // rejected by the sign-out
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (timeline.messages.some((m) => m.status === 'pending')) resolve();
      };
      timeline.addEventListener('change', check);
      check();
    });
    network.offline = false;
    const emptied = new Promise<void>((resolve) => {
      const check = (): void => {
        if (timeline.messages.length === 0) resolve();
      };
      timeline.addEventListener('change', check);
    });
    await client.signOut();
    await emptied;
    expect(timeline.messages).to.deep.equal([]);
    timeline.close();
  });

  it('typing: one request per few seconds; others typing show, and expire by the event’s time', async () => {
    let typingPosts = 0;
    const counting: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/typing')) typingPosts += 1;
      return fetch(request);
    };
    const karim = await signedIn('karim');
    const room = await karim.chat.createRoom(SPACE, { name: unique('Frappe') });
    const controller = new AbortController();
    const seen: Author[][] = [];
    const typed = deferred<Author[]>();
    karim.chat.typing.watch(
      room.id,
      (users) => {
        seen.push(users);
        if (users.some((user) => user.id === 'camille')) typed.resolve(users);
      },
      { signal: controller.signal },
    );
    const event = deferred<EventOf<'typing'>>();
    karim.stream.subscribe('typing', (e) => event.resolve(e));
    await streamStatus(karim.stream, 'open');

    const camille = await signedIn('camille', { storage: 'memory', fetch: counting });
    expect(await camille.chat.typing.notify(room.id)).to.equal(true);
    expect(await camille.chat.typing.notify(room.id)).to.equal(false);
    expect(await camille.chat.typing.notify(room.id)).to.equal(false);
    expect(typingPosts).to.equal(1);

    const users = await typed.promise;
    expect(users.map((user) => user.name)).to.deep.equal(['Camille Martin']);
    const at = Date.parse((await event.promise).at);
    expect(karim.chat.typing.users(room.id, at + 1_000).map((user) => user.id)).to.deep.equal(['camille']);
    expect(karim.chat.typing.users(room.id, at + 7_000)).to.deep.equal([]);
    controller.abort();
  });

  it('search finds messages regardless of accents and case', async () => {
    const client = await signedIn('karim');
    const room = await client.chat.createRoom(SPACE, { name: unique('Recherche') });
    const marker = crypto.randomUUID().slice(0, 8);
    await client.chat.send(room.id, `Congés d’été ${marker}`);
    await client.chat.send(room.id, `Planning ${marker}`);
    const { items } = await client.chat.search(room.id, `CONGES ${marker}`);
    expect(items.map((m) => m.text)).to.deep.equal([`Congés d’été ${marker}`]);
  });

  it('presence: the person with an open stream is online in the space', async () => {
    const client = await signedIn('karim');
    const controller = new AbortController();
    const online = deferred<ReadonlySet<string>>();
    await client.chat.watchPresence(
      SPACE,
      (users) => {
        if (users.has('karim')) online.resolve(users);
      },
      { signal: controller.signal },
    );
    expect((await online.promise).has('karim')).to.equal(true);
    controller.abort();
  });

  it('attachments: the pending copy shows the files at once, the sent message carries them as the server has them', async () => {
    const network = cuttableFetch();
    const karim = await signedIn('karim', { fetch: network.fetch });
    const room = await karim.chat.createRoom(SPACE, { name: unique('Documents') });
    const { rootId } = await karim.files.tree(SPACE);
    const file = await karim.files.uploads.add(new Blob(['Ordre du jour'], { type: 'text/plain' }), { spaceId: SPACE, folderId: rootId, name: unique('odj') + '.txt' }).whenDone();
    const timeline = karim.chat.timeline(room.id);
    await timeline.ready;
    network.offline = true;
    const text = unique('Voici l’ordre du jour');
    const sent = karim.chat.send(room.id, text, { attachments: [{ fileId: file.id, name: file.name, size: file.size, type: file.type }] });
    const pending = await new Promise<ChatMessage>((resolve) => {
      const check = (): void => {
        const found = timeline.messages.find((m) => m.text === text);
        if (found) resolve(found);
      };
      timeline.addEventListener('change', check);
      check();
    });
    expect(pending.status).to.equal('pending');
    expect(pending.attachments).to.deep.equal([{ fileId: file.id, name: file.name, size: file.size, type: file.type }]);
    network.offline = false;
    const message = await sent;
    expect(message.attachments).to.deep.equal([{ fileId: file.id, name: file.name, size: file.size, type: file.type }]);
    const reply = await karim.chat.reply(room.id, message.id, 'Et en réponse', { attachments: [{ fileId: file.id }] });
    expect(reply.attachments[0]?.name).to.equal(file.name);
    const refused = await rejection(karim.chat.send(room.id, 'Fichier inventé', { attachments: [{ fileId: `${file.id}x` }] }));
    expect(isHttpError(refused) && refused.status).to.equal(422);
    expect(isHttpError(refused) && refused.problem.errors?.[0]?.pointer).to.equal('/attachments/0/fileId');
    timeline.close();
  });
});
