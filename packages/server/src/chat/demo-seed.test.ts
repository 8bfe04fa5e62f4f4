import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Person, startReference, type Target } from '../conformance/harness.js';

interface Msg {
  id: string;
  text: string;
  author: { id: string };
  replyCount: number;
  reactions: unknown[];
  mentions: string[];
}
interface RoomView {
  id: string;
  name: string;
  unreadCount: number;
  unreadMentions: number;
}

describe('demo chat seed', () => {
  let target: Target;
  before(async () => {
    target = await startReference();
  });
  after(() => target.close());

  it('Espace RH 360 has its three rooms (and an archived one) with French history, reactions, threads and a mention', async () => {
    const lea = await Person.signIn(target.baseUrl, 'lea');
    const rooms = (await lea.call('GET', '/v1/spaces/espace-rh-360/rooms')).body as { items: RoomView[] };
    assert.deepEqual(
      rooms.items.map((r) => [r.id, r.name]),
      [
        ['espace-rh-360-general', 'général'],
        ['espace-rh-360-questions-paie', 'questions-paie'],
        ['espace-rh-360-dialogue-social', 'dialogue-social'],
      ],
    );
    assert.equal(rooms.items.find((r) => r.name === 'dialogue-social')?.unreadMentions, 1, 'Karim mentions @lea');
    // Last year's campaign room is archived: apart from the active rooms, still readable.
    const archived = (await lea.call('GET', '/v1/spaces/espace-rh-360/rooms?archived=true')).body as { items: RoomView[] };
    assert.deepEqual(archived.items.map((r) => [r.id, r.name]), [['espace-rh-360-entretiens-2026', 'entretiens-2026']]);
    const old = (await lea.call('GET', '/v1/rooms/espace-rh-360-entretiens-2026/messages?limit=100')).body as { items: Msg[] };
    assert.ok(old.items.some((m) => /Campagne 2026 close/.test(m.text)));
    const all: Msg[] = [];
    for (const room of rooms.items) {
      const page = (await lea.call('GET', `/v1/rooms/${room.id}/messages?limit=100`)).body as { items: Msg[] };
      all.push(...page.items);
    }
    assert.ok(all.length >= 25, `${all.length} top-level messages`);
    assert.ok(all.some((m) => m.replyCount > 0) && all.some((m) => m.reactions.length > 0));
    assert.deepEqual(new Set(all.map((m) => m.author.id)), new Set(['karim', 'camille', 'lea']));
    assert.ok(!all.some((m) => /lorem|ipsum/i.test(m.text)));
    for (const topic of ['télétravail', 'CIA', 'CST', 'tickets restaurant']) {
      const found = await Promise.all(
        rooms.items.map(async (r) => ((await lea.call('GET', `/v1/rooms/${r.id}/search?q=${encodeURIComponent(topic)}`)).body as { items: Msg[] }).items),
      );
      assert.ok(found.flat().length > 0, `something about ${topic}`);
    }
    const karim = await Person.signIn(target.baseUrl, 'karim');
    const karimRooms = (await karim.call('GET', '/v1/spaces/espace-rh-360/rooms')).body as { items: RoomView[] };
    assert.deepEqual(karimRooms.items.map((r) => r.unreadCount), [0, 0, 0], 'Karim has read everything');
    const theo = await Person.signIn(target.baseUrl, 'theo');
    assert.equal((await theo.call('GET', '/v1/rooms/espace-rh-360-general')).status, 404);
  });
});
