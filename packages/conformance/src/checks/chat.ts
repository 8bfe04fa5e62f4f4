import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTarget, signInWithSpace, type Person, type Reply, type Target } from '../harness.js';

const body = <T>(reply: Reply): T => reply.body as T;
interface Message {
  id: string;
  roomId: string;
  text: string;
  threadId: string | null;
  author: { id: string };
  version: number;
  deletedAt: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

describe('chat: rooms, messages, threads, pages', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let roomId: string;
  before(async () => {
    target = await openTarget();
    ({ people: [karim, camille, ines, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'ines', 'theo'], 'Conformité chat', {
      camille: 'member',
      ines: 'guest',
    }));
    const room = await camille.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'conformite' } });
    assert.equal(room.status, 201, room.text);
    roomId = body<{ id: string }>(room).id;
  });
  after(() => target.close());

  it('a member creates a room; a guest gets 403 forbidden, someone outside the space 404', async () => {
    const guest = await ines.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'invitee' } });
    assert.equal(guest.status, 403, guest.text);
    assert.equal(body<{ code: string }>(guest).code, 'forbidden');
    const outsider = await theo.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'dehors' } });
    assert.equal(outsider.status, 404, outsider.text);
    const listed = body<Page<{ id: string }>>(await ines.call('GET', `/v1/spaces/${spaceId}/rooms`));
    assert.ok(listed.items.some((room) => room.id === roomId), 'a guest reads the rooms');
  });

  it('messages are sent (201, the author is the sender), listed oldest to newest, and paged back by cursor', async () => {
    const sent: Message[] = [];
    for (let i = 0; i < 5; i += 1) {
      const reply = await (i % 2 === 0 ? karim : camille).call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: `message ${i}` } });
      assert.equal(reply.status, 201, reply.text);
      sent.push(body<Message>(reply));
    }
    assert.equal(sent[1]?.author.id, 'camille');
    const newest = body<Page<Message>>(await ines.call('GET', `/v1/rooms/${roomId}/messages?limit=3`));
    assert.deepEqual(newest.items.map((m) => m.text), ['message 2', 'message 3', 'message 4']);
    assert.ok(newest.nextCursor !== null);
    const older = body<Page<Message>>(await ines.call('GET', `/v1/rooms/${roomId}/messages?limit=3&cursor=${encodeURIComponent(newest.nextCursor)}`));
    assert.deepEqual(older.items.map((m) => m.text), ['message 0', 'message 1']);
    assert.equal(older.nextCursor, null);
    const guest = await ines.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: 'invitée' } });
    assert.equal(guest.status, 403, 'a guest reads but does not write');
    assert.equal((await theo.call('GET', `/v1/rooms/${roomId}/messages`)).status, 404, 'outside the space: 404');
  });

  it('a reply goes to its thread, not to the room’s top level; a reply to a reply is 422', async () => {
    const root = body<Message>(await karim.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: 'Question ?' } }));
    const reply = await camille.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: 'Réponse', threadId: root.id } });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(body<Message>(reply).threadId, root.id);
    const thread = body<Page<Message>>(await karim.call('GET', `/v1/messages/${root.id}/replies`));
    assert.deepEqual(thread.items.map((m) => m.text), ['Réponse']);
    const top = body<Page<Message>>(await karim.call('GET', `/v1/rooms/${roomId}/messages?limit=100`));
    assert.ok(!top.items.some((m) => m.text === 'Réponse'), 'replies stay out of the room’s list');
    const nested = await karim.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: 'Trop loin', threadId: body<Message>(reply).id } });
    assert.equal(nested.status, 422, nested.text);
  });

  it('only the author edits or deletes a message; a deleted message keeps its place without its text', async () => {
    const message = body<Message>(await camille.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: 'Brouillon' } }));
    const foreign = await karim.call('PATCH', `/v1/messages/${message.id}`, { json: { text: 'Réécrit' } });
    assert.equal(foreign.status, 403, foreign.text);
    const edited = await camille.call('PATCH', `/v1/messages/${message.id}`, { json: { text: 'Version finale' } });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(body<Message>(edited).text, 'Version finale');
    assert.ok(body<Message>(edited).version > message.version);
    const deleted = await camille.call('DELETE', `/v1/messages/${message.id}`);
    assert.ok([200, 204].includes(deleted.status), deleted.text);
    const read = body<Message>(await karim.call('GET', `/v1/messages/${message.id}`));
    assert.ok(read.deletedAt !== null);
    assert.equal(read.text, '');
  });

  it('around= centres a page on one message, 404 when it is not in the list', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(body<Message>(await karim.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text: `autour ${i}` } })).id);
    const page = body<Page<Message>>(await karim.call('GET', `/v1/rooms/${roomId}/messages?limit=3&around=${ids[2] ?? ''}`));
    assert.deepEqual(page.items.map((m) => m.text), ['autour 1', 'autour 2', 'autour 3']);
    const missing = await karim.call('GET', `/v1/rooms/${roomId}/messages?around=msg_inexistant`);
    assert.equal(missing.status, 404, missing.text);
  });

  it('message text refuses NUL and a text over the limit with 422; an empty text is 422', async () => {
    for (const text of ['nul\u0000', '', 'x'.repeat(100_001)]) {
      const reply = await karim.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text } });
      assert.ok([413, 422].includes(reply.status), `${JSON.stringify(text.slice(0, 8))}: ${reply.status}`);
    }
  });
});
