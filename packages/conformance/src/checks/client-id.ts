import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUpload, patchUpload, plainUpload, rootOf, send } from '../uploads.js';
import { createSpace, openAs, type Person, type Reply, type Target } from '../harness.js';
import { readEvents, type Envelope } from '../sse.js';

const body = <T>(reply: Reply): T => reply.body as T;
interface WithClientId {
  id: string;
  clientId: string | null;
  version: number;
}

/** A fresh UUIDv7-shaped client id (the SDK makes real ones; the server only stores and echoes it). */
const newClientId = (): string => {
  const hex = crypto.randomUUID().replace(/-/g, '');
  const time = Date.now().toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The first event of `type` about resource `id` after `position` (replayed from the log), read within 10 s. */
async function eventAbout(person: Person, position: string, type: string, id: string): Promise<Envelope> {
  const signal = AbortSignal.timeout(10_000);
  const response = await person.fetch('GET', '/v1/events', { headers: { accept: 'text/event-stream', 'last-event-id': position }, signal });
  assert.equal(response.status, 200);
  try {
    for await (const { envelope } of readEvents(response)) {
      if (envelope.type === type && envelope.data.id === id) return envelope;
    }
  } finally {
    await response.body?.cancel().catch(() => {});
  }
  throw new Error(`no ${type} event for ${id}`);
}

describe('client ids: every write’s Idempotency-Key is echoed as `clientId` on its resource and its event', () => {
  let target: Target;
  let karim: Person;
  let spaceId: string;
  before(async () => {
    ({ target, people: [karim] } = await openAs(['karim']));
    spaceId = await createSpace(karim, 'Identités');
  });
  after(() => target.close());

  it('spaces, rooms, folders, boards and columns carry the client id of their creation, then of their last change', async () => {
    const position = '0';
    const created = async (path: string, json: unknown, type: string): Promise<WithClientId> => {
      const clientId = newClientId();
      const reply = await karim.call('POST', path, { json, headers: { 'idempotency-key': clientId } });
      assert.equal(reply.status, 201, `${path}: ${reply.text}`);
      const resource = body<WithClientId>(reply);
      assert.equal(resource.clientId, clientId, `${path} echoes its client id`);
      assert.equal((await eventAbout(karim, position, type, resource.id)).data.clientId, clientId, `${type} carries it`);
      return resource;
    };
    const changed = async (path: string, json: unknown, type: string): Promise<void> => {
      const clientId = newClientId();
      const reply = await karim.call('PATCH', path, { json, headers: { 'idempotency-key': clientId } });
      assert.equal(reply.status, 200, `${path}: ${reply.text}`);
      assert.equal(body<WithClientId>(reply).clientId, clientId, `${path} echoes the change's client id`);
      const id = body<WithClientId>(reply).id;
      const events: Envelope[] = [];
      // The last event of this type about the resource carries the change's id.
      const signal = AbortSignal.timeout(10_000);
      const response = await karim.fetch('GET', '/v1/events', { headers: { accept: 'text/event-stream', 'last-event-id': position }, signal });
      try {
        for await (const { envelope } of readEvents(response)) {
          if (envelope.type === type && envelope.data.id === id) events.push(envelope);
          if (envelope.data.clientId === clientId) break;
        }
      } finally {
        await response.body?.cancel().catch(() => {});
      }
      assert.equal(events.at(-1)?.data.clientId, clientId, `${type} carries the change's client id`);
    };
    const space = await created('/v1/spaces', { name: 'Avec identité' }, 'space.created');
    assert.equal(body<WithClientId>(await karim.call('GET', `/v1/spaces/${space.id}`)).clientId, space.clientId, 'stored, not only echoed');
    await changed(`/v1/spaces/${space.id}`, { name: 'Renommé' }, 'space.updated');
    const room = await created(`/v1/spaces/${space.id}/rooms`, { name: 'avec-identite' }, 'room.created');
    await changed(`/v1/rooms/${room.id}`, { topic: 'Sujet' }, 'room.updated');
    const folder = await created(`/v1/spaces/${space.id}/folders`, { name: 'Dossier', parentId: await rootOf(karim, space.id) }, 'folder.created');
    await changed(`/v1/folders/${folder.id}`, { name: 'Dossier renommé' }, 'folder.updated');
    const board = await created(`/v1/spaces/${space.id}/boards`, { name: 'Tableau' }, 'board.created');
    await changed(`/v1/boards/${board.id}`, { name: 'Tableau renommé' }, 'board.updated');
    const column = await created(`/v1/boards/${board.id}/columns`, { name: 'À faire' }, 'column.created');
    await changed(`/v1/columns/${column.id}`, { name: 'En cours' }, 'column.updated');
    const unkeyed = await karim.call('POST', '/v1/spaces', { json: { name: 'Sans clé' } });
    assert.equal(body<WithClientId>(unkeyed).clientId, null);
  });

  it('a message sent, edited and deleted carries the client id of its last write', async () => {
    const room = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'identites' } }));
    const sendId = newClientId();
    const sent = await karim.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: 'Bonjour' }, headers: { 'idempotency-key': sendId } });
    assert.equal(sent.status, 201, sent.text);
    const message = body<WithClientId>(sent);
    assert.equal(message.clientId, sendId);
    assert.equal(body<WithClientId>(await karim.call('GET', `/v1/messages/${message.id}`)).clientId, sendId);
    const created = await eventAbout(karim, '0', 'message.created', message.id);
    assert.equal(created.data.clientId, sendId);

    const editId = newClientId();
    const edited = await karim.call('PATCH', `/v1/messages/${message.id}`, { json: { text: 'Bonjour à tous' }, headers: { 'idempotency-key': editId } });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(body<WithClientId>(edited).clientId, editId);
    assert.equal((await eventAbout(karim, created.position, 'message.updated', message.id)).data.clientId, editId);

    const plain = await karim.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: 'Sans clé' } });
    assert.equal(body<WithClientId>(plain).clientId, null);
  });

  it('a card created, edited and moved carries the client id of its last write; a stale If-Match on a move is 412', async () => {
    const board = body<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name: 'Suivi' } }));
    const todo = body<{ id: string }>(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'À faire' } }));
    const done = body<{ id: string }>(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'Fait' } }));
    const createId = newClientId();
    const created = await karim.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: todo.id, title: 'Relire' }, headers: { 'idempotency-key': createId } });
    assert.equal(created.status, 201, created.text);
    const card = body<WithClientId>(created);
    assert.equal(card.clientId, createId);

    const moveId = newClientId();
    const stale = await karim.call('POST', `/v1/cards/${card.id}/move`, {
      json: { columnId: done.id, afterId: null, beforeId: null },
      headers: { 'idempotency-key': newClientId(), 'if-match': '"999"' },
    });
    assert.equal(stale.status, 412, stale.text);
    assert.equal(body<{ code: string }>(stale).code, 'precondition-failed');
    const moved = await karim.call('POST', `/v1/cards/${card.id}/move`, {
      json: { columnId: done.id, afterId: null, beforeId: null },
      headers: { 'idempotency-key': moveId, 'if-match': created.headers.get('etag') ?? '' },
    });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(body<WithClientId>(moved).clientId, moveId);
    assert.equal((await eventAbout(karim, '0', 'card.moved', card.id)).data.clientId, moveId);
    // Without If-Match a move still runs (it is optional).
    const free = await karim.call('POST', `/v1/cards/${card.id}/move`, { json: { columnId: todo.id, afterId: null, beforeId: null } });
    assert.equal(free.status, 200, free.text);
    assert.equal(body<WithClientId>(free).clientId, null);
  });

  it('a file uploaded in one request or with tus carries the client id of its upload', async () => {
    const root = await rootOf(karim, spaceId);
    const plainId = newClientId();
    const plain = await send(karim, 'POST', `/v1/folders/${root}/files?name=${encodeURIComponent('note.txt')}`, Buffer.from('bonjour'), {
      'content-type': 'text/plain',
      'idempotency-key': plainId,
    });
    assert.equal(plain.status, 201, plain.text);
    assert.equal(body<WithClientId>(plain).clientId, plainId);
    const unkeyed = await plainUpload(karim, root, 'autre.txt', Buffer.from('x'));
    assert.equal(body<WithClientId>(unkeyed).clientId, null);

    const tusId = newClientId();
    const bytes = Buffer.from('un fichier repris');
    const creation = await createUpload(karim, { spaceId, folderId: root, filename: 'repris.txt', clientId: tusId }, bytes.length);
    assert.equal(creation.status, 201, creation.text);
    const finished = await patchUpload(karim, creation.headers.get('location') ?? '', 0, bytes);
    assert.equal(finished.status, 204, finished.text);
    const fileId = finished.headers.get('bureau-file-id') ?? '';
    const file = body<WithClientId>(await karim.call('GET', `/v1/files/${fileId}`));
    assert.equal(file.clientId, tusId);
    assert.equal((await eventAbout(karim, '0', 'file.created', fileId)).data.clientId, tusId);
  });
});
