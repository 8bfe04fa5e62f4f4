import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openTarget, signInWithSpace, type Person, type Reply, type Target } from '../conformance/harness.js';
import { Watch } from './watch.js';

interface Msg {
  id: string;
  text: string;
  replyCount: number;
  lastReplyAt: string | null;
  createdAt: string;
  reactions: { emoji: string; count: number; userIds: string[] }[];
  mentions: string[];
}
interface RoomView {
  id: string;
  unreadCount: number;
  unreadMentions: number;
  lastReadMessageId: string | null;
  lastMessage: Msg | null;
}

const body = <T>(reply: Reply): T => reply.body as T;
const emoji = (e: string): string => encodeURIComponent(e);

describe('chat activity: reactions, threads, mentions, read markers, search, typing', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let lea: Person;
  let theo: Person;
  let spaceId: string;

  before(async () => {
    target = await openTarget();
    ({ people: [karim, camille, lea, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'lea', 'theo'], 'Activité', {
      camille: 'member',
      lea: 'member',
    }));
  });
  after(() => target.close());

  async function newRoom(name: string): Promise<string> {
    const reply = await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name } });
    assert.equal(reply.status, 201, reply.text);
    return body<{ id: string }>(reply).id;
  }
  const send = async (person: Person, roomId: string, text: string, threadId?: string): Promise<Msg> => {
    const reply = await person.call('POST', `/v1/rooms/${roomId}/messages`, { json: threadId === undefined ? { text } : { text, threadId } });
    assert.equal(reply.status, 201, reply.text);
    return body<Msg>(reply);
  };
  const roomAs = async (person: Person, roomId: string): Promise<RoomView> => body<RoomView>(await person.call('GET', `/v1/rooms/${roomId}`));

  it('reactions: PUT adds once, DELETE takes back, counts and people in order', async () => {
    const roomId = await newRoom('réactions');
    const message = await send(karim, roomId, 'Qui vient au pot de départ de Martine ?');
    const react = (person: Person, method: 'PUT' | 'DELETE', e: string) =>
      person.call(method, `/v1/messages/${message.id}/reactions/${emoji(e)}`).then((r) => {
        assert.equal(r.status, 200, r.text);
        return body<Msg>(r).reactions;
      });
    assert.deepEqual(await react(camille, 'PUT', '👍'), [{ emoji: '👍', count: 1, userIds: ['camille'] }]);
    assert.deepEqual(await react(camille, 'PUT', '👍'), [{ emoji: '👍', count: 1, userIds: ['camille'] }], 'adding twice is idempotent');
    assert.deepEqual(await react(lea, 'PUT', '👍'), [{ emoji: '👍', count: 2, userIds: ['camille', 'lea'] }]);
    assert.deepEqual(await react(lea, 'PUT', '🎉'), [
      { emoji: '👍', count: 2, userIds: ['camille', 'lea'] },
      { emoji: '🎉', count: 1, userIds: ['lea'] },
    ]);
    assert.deepEqual(await react(camille, 'DELETE', '👍'), [
      { emoji: '👍', count: 1, userIds: ['lea'] },
      { emoji: '🎉', count: 1, userIds: ['lea'] },
    ]);
    assert.deepEqual(await react(camille, 'DELETE', '👍'), [
      { emoji: '👍', count: 1, userIds: ['lea'] },
      { emoji: '🎉', count: 1, userIds: ['lea'] },
    ]);
    const spaced = await camille.call('PUT', `/v1/messages/${message.id}/reactions/${emoji('a b')}`);
    assert.equal(spaced.status, 422);
  });

  it('a thread reply updates the root’s replyCount and lastReplyAt and emits message.updated', async () => {
    const roomId = await newRoom('fils');
    const watch = await Watch.open(karim);
    try {
      const root = await send(lea, roomId, 'Les tickets restaurant passent en carte ?');
      const reply = await send(karim, roomId, 'Oui, le mois prochain.', root.id);
      const updated = await watch.next((s) => s.envelope.type === 'message.updated' && s.envelope.data.id === root.id);
      assert.equal(updated.envelope.data.replyCount, 1);
      assert.equal(updated.envelope.data.lastReplyAt, reply.createdAt);
      const created = watch.seen.findIndex((s) => s.envelope.type === 'message.created' && s.envelope.data.id === reply.id);
      assert.ok(created >= 0 && created < watch.seen.indexOf(updated), 'the reply, then its root');
      const top = body<{ items: Msg[] }>(await karim.call('GET', `/v1/rooms/${roomId}/messages`)).items;
      assert.deepEqual(top.map((m) => [m.id, m.replyCount]), [[root.id, 1]], 'replies are not top-level');
      const replies = body<{ items: Msg[] }>(await karim.call('GET', `/v1/messages/${root.id}/replies`)).items;
      assert.deepEqual(replies.map((m) => m.id), [reply.id]);
    } finally {
      watch.close();
    }
  });

  it('mentions are stored only for members of the space and counted in unreadMentions', async () => {
    const roomId = await newRoom('mentions');
    const message = await send(karim, roomId, '@camille et @theo, voyez avec @personne ; écrivez à rh@lea.fr');
    assert.deepEqual(message.mentions, ['camille']);
    assert.deepEqual((await camille.call('GET', `/v1/messages/${message.id}`)).body, message, 'as read back');
    await send(karim, roomId, 'Sans mention');
    const camilleView = await roomAs(camille, roomId);
    assert.equal(camilleView.unreadCount, 2);
    assert.equal(camilleView.unreadMentions, 1);
    const leaView = await roomAs(lea, roomId);
    assert.equal(leaView.unreadMentions, 0);
    const edited = await karim.call('PATCH', `/v1/messages/${message.id}`, { json: { text: 'Finalement @lea' } });
    assert.deepEqual(body<Msg>(edited).mentions, ['lea']);
    assert.equal((await roomAs(camille, roomId)).unreadMentions, 0);
    assert.equal((await roomAs(lea, roomId)).unreadMentions, 1);
  });

  it('read markers move forward only and drive unread counts; read.updated reaches the reader only', async () => {
    const roomId = await newRoom('lecture');
    const [m1, m2, m3] = [await send(karim, roomId, 'un'), await send(karim, roomId, 'deux'), await send(karim, roomId, 'trois')];
    await send(camille, roomId, 'ma propre réponse');
    assert.equal((await roomAs(camille, roomId)).unreadCount, 3, 'one’s own messages are never unread');
    const [camilleWatch, karimWatch] = await Promise.all([Watch.open(camille), Watch.open(karim)]);
    try {
      const read = await camille.call('PUT', `/v1/rooms/${roomId}/read`, { json: { messageId: m2!.id } });
      assert.equal(read.status, 200, read.text);
      assert.deepEqual(read.body, { roomId, messageId: m2!.id, unreadCount: 1, unreadMentions: 0 });
      const event = await camilleWatch.next((s) => s.envelope.type === 'read.updated');
      assert.equal(event.envelope.spaceId, null);
      assert.deepEqual(event.envelope.data, read.body);
      const back = await camille.call('PUT', `/v1/rooms/${roomId}/read`, { json: { messageId: m1!.id } });
      assert.equal(body<{ messageId: string }>(back).messageId, m2!.id, 'the marker never moves backward');
      const view = await roomAs(camille, roomId);
      assert.equal(view.lastReadMessageId, m2!.id);
      assert.equal(view.unreadCount, 1);
      assert.equal(view.lastMessage?.text, 'ma propre réponse');
      await camille.call('PUT', `/v1/rooms/${roomId}/read`, { json: { messageId: m3!.id } });
      const listed = body<{ items: RoomView[] }>(await camille.call('GET', `/v1/spaces/${spaceId}/rooms?limit=100`)).items;
      assert.equal(listed.find((r) => r.id === roomId)?.unreadCount, 0);
      const marker = await send(karim, roomId, 'témoin');
      await karimWatch.next((s) => s.envelope.type === 'message.created' && s.envelope.data.id === marker.id);
      assert.deepEqual(karimWatch.ofType('read.updated'), [], 'Karim does not see Camille’s markers');
    } finally {
      camilleWatch.close();
      karimWatch.close();
    }
  });

  it('the room preview is the newest message still there: deleting the last one shows the one before', async () => {
    const roomId = await newRoom('aperçu');
    await send(karim, roomId, 'Le calendrier des entretiens est publié');
    const last = await send(karim, roomId, 'Message envoyé par erreur');
    assert.equal((await roomAs(camille, roomId)).lastMessage?.text, 'Message envoyé par erreur');
    assert.equal((await karim.call('DELETE', `/v1/messages/${last.id}`)).status, 204);
    assert.equal((await roomAs(camille, roomId)).lastMessage?.text, 'Le calendrier des entretiens est publié');
  });

  it('search is accent- and case-insensitive, newest first, without tombstones', async () => {
    const roomId = await newRoom('recherche');
    const first = await send(camille, roomId, 'Mes congés d’été sont validés ?');
    const second = await send(karim, roomId, 'Les CONGÉS de fin d’année : avant le 1er décembre.');
    const gone = await send(lea, roomId, 'Congés bonifiés : message supprimé');
    await send(lea, roomId, 'Rien à voir : la carte titre-restaurant');
    assert.equal((await lea.call('DELETE', `/v1/messages/${gone.id}`)).status, 204);
    const search = async (q: string): Promise<string[]> => {
      const reply = await camille.call('GET', `/v1/rooms/${roomId}/search?q=${encodeURIComponent(q)}`);
      assert.equal(reply.status, 200, reply.text);
      return body<{ items: Msg[] }>(reply).items.map((m) => m.id);
    };
    assert.deepEqual(await search('conges'), [second.id, first.id]);
    assert.deepEqual(await search('Congés'), [second.id, first.id]);
    assert.deepEqual(await search('DECEMBRE'), [second.id]);
    assert.deepEqual(await search('cong'), [second.id, first.id], 'the last word is a prefix');
    assert.deepEqual(await search('retraite'), []);
    for (const q of ['"', 'NEAR(', 'conges OR *', '-', ')(']) assert.ok(Array.isArray(await search(q)), `query ${q}`);
    const page = body<{ items: Msg[]; nextCursor: string }>(await camille.call('GET', `/v1/rooms/${roomId}/search?q=conges&limit=1`));
    assert.deepEqual(page.items.map((m) => m.id), [second.id]);
    const next = await camille.call('GET', `/v1/rooms/${roomId}/search?q=conges&limit=1&cursor=${encodeURIComponent(page.nextCursor)}`);
    assert.deepEqual(body<{ items: Msg[] }>(next).items.map((m) => m.id), [first.id]);
    // An edit is found by its new words only; a message with a mention (the general send path) is found too.
    assert.equal((await camille.call('PATCH', `/v1/messages/${first.id}`, { json: { text: 'Mes RTT d’été sont validées ?' } })).status, 200);
    const mention = await send(karim, roomId, 'Vos RTT, @camille : posées');
    assert.deepEqual(await search('conges'), [second.id]);
    assert.deepEqual(await search('rtt'), [mention.id, first.id]);
  });

  it('typing reaches the other members, not the typer, not non-members; presence follows streams', async () => {
    const roomId = await newRoom('frappe');
    const [karimWatch, camilleWatch, theoWatch] = await Promise.all([Watch.open(karim), Watch.open(camille), Watch.open(theo)]);
    try {
      const online = body<{ online: string[] }>(await karim.call('GET', `/v1/spaces/${spaceId}/presence`)).online;
      assert.ok(online.includes('karim') && online.includes('camille'), JSON.stringify(online));
      assert.equal((await camille.call('POST', `/v1/rooms/${roomId}/typing`)).status, 204);
      const typing = await karimWatch.next((s) => s.envelope.type === 'typing');
      assert.equal(typing.id, undefined, 'no SSE id: the resume position does not move');
      assert.equal(typing.envelope.position, null);
      assert.equal(typing.envelope.spaceId, spaceId);
      assert.deepEqual(typing.envelope.data, { roomId, user: { id: 'camille', name: 'Camille Martin' } });
      // Markers committed after the typing event: anything ephemeral sent before has arrived.
      const own = await createSpace(theo, 'Témoin typing');
      await theoWatch.next((s) => s.envelope.type === 'space.created' && s.envelope.spaceId === own);
      assert.deepEqual(theoWatch.ofType('typing'), []);
      const marker = await send(karim, roomId, 'témoin');
      await camilleWatch.next((s) => s.envelope.type === 'message.created' && s.envelope.data.id === marker.id);
      assert.deepEqual(camilleWatch.ofType('typing'), []);

      const leaWatch = await Watch.open(lea);
      const on = await karimWatch.next((s) => s.envelope.type === 'presence' && s.envelope.data.userId === 'lea');
      assert.deepEqual(on.envelope.data, { userId: 'lea', status: 'online' });
      leaWatch.close();
      const off = await karimWatch.next(
        (s) => s.envelope.type === 'presence' && s.envelope.data.userId === 'lea' && s.envelope.data.status === 'offline',
      );
      assert.equal(off.id, undefined);
      // Gone means gone: no "last seen" is kept or told; a non-member neither reads the list nor
      // hears about the members' comings and goings.
      const after = body<{ online: string[] }>(await karim.call('GET', `/v1/spaces/${spaceId}/presence`));
      assert.deepEqual(Object.keys(after), ['online']);
      assert.ok(!after.online.includes('lea'));
      assert.equal((await theo.call('GET', `/v1/spaces/${spaceId}/presence`)).status, 404);
      assert.ok(!theoWatch.ofType('presence').some((event) => event.data.userId === 'lea'));
    } finally {
      karimWatch.close();
      camilleWatch.close();
      theoWatch.close();
    }
  });
});
