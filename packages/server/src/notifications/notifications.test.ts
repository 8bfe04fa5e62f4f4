import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Notification, NotificationPage, NotificationPreferences } from '@bureau/api';
import { createSpace, openTarget, Person, signInWithSpace, type Reply, type Target } from '../conformance/harness.js';
import { Watch } from '../chat/watch.js';
import { freshTestDatabase } from '../db/testing.js';
import { openDatabase } from '../db/index.js';
import { EventLog } from '../events/log.js';
import { startServer } from '../server.js';
import { remindDueCards } from './due.js';
import { plainUpload, rootOf, send as sendBytes } from '../files/files-test-kit.test.js';

const ok = <T>(reply: Reply, status = 200): T => {
  assert.equal(reply.status, status, reply.text);
  return reply.body as T;
};

describe('notifications', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let lea: Person;
  let theo: Person;
  let spaceId: string;
  let roomId: string;

  before(async () => {
    target = await openTarget();
    ({ people: [karim, camille, lea, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'lea', 'theo'], 'Notifications', {
      camille: 'member',
      lea: 'member',
    }));
    roomId = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'questions-paie' } }), 201).id;
  });
  after(() => target.close());

  const feed = async (person: Person, query = ''): Promise<NotificationPage> => ok(await person.call('GET', `/v1/notifications${query}`));
  const send = async (person: Person, text: string, threadId?: string) =>
    ok<{ id: string }>(await person.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text, ...(threadId ? { threadId } : {}) } }), 201);

  it('a new version of a document reaches the people who uploaded one of its versions, not the others, pointing at it', async () => {
    const rootId = await rootOf(karim, spaceId);
    const file = ok<{ id: string }>(await plainUpload(karim, rootId, 'note-de-service.txt', Buffer.from('version 1')), 201);
    const leaBefore = (await feed(lea)).unreadCount;
    ok(await sendBytes(camille, 'PUT', `/v1/files/${file.id}/content`, Buffer.from('version 2'), { 'content-type': 'text/plain' }));
    const [notice] = (await feed(karim)).items;
    assert.equal(notice?.kind, 'version');
    assert.equal(notice?.actor?.id, 'camille');
    assert.equal(notice?.place, 'note-de-service.txt');
    assert.deepEqual(notice?.target, { type: 'file', folderId: rootId, fileId: file.id });
    assert.equal((await feed(lea)).unreadCount, leaBefore, 'Léa never uploaded it');
    assert.notEqual((await feed(camille)).items[0]?.kind, 'version', 'not of her own upload');
    // Camille follows it now (she uploaded a version): Karim's restore reaches her.
    ok(await karim.call('POST', `/v1/files/${file.id}/versions/1/restore`));
    const [hers] = (await feed(camille)).items;
    assert.deepEqual([hers?.kind, hers?.actor?.id], ['version', 'karim']);
  });

  it('a mention reaches the person mentioned live, counted unread, pointing at the message; not the author', async () => {
    const watch = await Watch.open(camille);
    try {
      const before = (await feed(camille)).unreadCount;
      const message = await send(karim, 'Bonjour @camille, ta fiche de paie de novembre est corrigée.');
      const seen = await watch.next((s) => s.envelope.type === 'notification.created');
      assert.equal(seen.envelope.spaceId, null);
      const data = seen.envelope.data as { notification: Notification; unreadCount: number };
      assert.equal(data.notification.kind, 'mention');
      assert.equal(data.unreadCount, before + 1);
      assert.deepEqual(data.notification.target, { type: 'message', roomId, messageId: message.id, threadId: null });
      assert.equal(data.notification.actor?.name, 'Karim Benali');
      assert.equal(data.notification.place, 'questions-paie');
      assert.match(data.notification.excerpt, /fiche de paie/);
      const page = await feed(camille);
      assert.equal(page.items[0]?.id, data.notification.id);
      assert.equal(page.unreadCount, before + 1);
      assert.ok(!(await feed(karim)).items.some((n) => n.target.type === 'message' && n.target.messageId === message.id));
    } finally {
      watch.close();
    }
  });

  it('others never see one’s notifications, and a stranger mentioned is not notified', async () => {
    await send(karim, 'Et @theo, qui n’est pas membre ?');
    assert.equal((await feed(theo)).items.filter((n) => n.spaceId === spaceId).length, 0);
    const mine = (await feed(camille)).items[0];
    assert.ok(mine);
    assert.equal((await lea.call('POST', `/v1/notifications/${mine.id}/read`)).status, 404);
  });

  it('a reply notifies those who wrote in the thread, once, not its author', async () => {
    const root = await send(lea, 'Les tickets restaurant passent à 9 € ?');
    await send(camille, 'Je me posais la même question.', root.id);
    const reply = await send(karim, 'Oui, au 1er janvier.', root.id);
    for (const person of [lea, camille]) {
      const about = (await feed(person)).items.filter((n) => n.target.type === 'message' && n.target.messageId === reply.id);
      assert.equal(about.length, 1, person.id);
      assert.equal(about[0]?.kind, 'reply');
      assert.deepEqual(about[0]?.target, { type: 'message', roomId, messageId: reply.id, threadId: root.id });
    }
    assert.equal((await feed(karim)).items.filter((n) => n.target.type === 'message' && n.target.messageId === reply.id).length, 0);
  });

  it('a card assigned to Léa appears in her inbox; re-saving the same assignees does not repeat it', async () => {
    const board = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name: 'Entretiens 2027' } }), 201);
    const column = ok<{ id: string }>(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'À faire' } }), 201);
    const card = ok<{ id: string; version: number }>(
      await karim.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: column.id, title: 'Recueillir l’avis du CST' } }),
      201,
    );
    const edited = await karim.call('PATCH', `/v1/cards/${card.id}`, { json: { assignees: ['lea'] }, headers: { 'if-match': `"${card.version}"` } });
    const version = ok<{ version: number }>(edited).version;
    ok(await karim.call('PATCH', `/v1/cards/${card.id}`, { json: { assignees: ['lea'], title: 'Recueillir l’avis du CST sur la grille' }, headers: { 'if-match': `"${version}"` } }));
    const about = (await feed(lea)).items.filter((n) => n.target.type === 'card' && n.target.cardId === card.id);
    assert.equal(about.length, 1);
    assert.equal(about[0]?.kind, 'assigned');
    assert.equal(about[0]?.excerpt, 'Recueillir l’avis du CST');
    assert.equal(about[0]?.place, 'Entretiens 2027');
  });

  it('marking one read, then all, lowers the count and tells the other tabs', async () => {
    await send(karim, '@camille une autre question ?');
    const page = await feed(camille, '?unread=true');
    assert.ok(page.unreadCount >= 2);
    assert.ok(page.items.every((n) => n.readAt === null));
    const watch = await Watch.open(camille);
    try {
      const first = page.items[0];
      assert.ok(first);
      const one = ok<{ unreadCount: number }>(await camille.call('POST', `/v1/notifications/${first.id}/read`));
      assert.equal(one.unreadCount, page.unreadCount - 1);
      const heard = await watch.next((s) => s.envelope.type === 'notification.read');
      assert.deepEqual(heard.envelope.data, { ids: [first.id], unreadCount: one.unreadCount });
      assert.equal(ok<{ unreadCount: number }>(await camille.call('POST', '/v1/notifications/read')).unreadCount, 0);
      assert.equal((await feed(camille)).unreadCount, 0);
      assert.equal((await feed(camille, '?unread=true')).items.length, 0);
    } finally {
      watch.close();
    }
  });

  it('pages newest first by cursor', async () => {
    for (let i = 0; i < 3; i += 1) await send(karim, `@lea point ${i}`);
    const first = await feed(lea, '?limit=2');
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = await feed(lea, `?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.ok((second.items[0]?.id ?? '') < (first.items[1]?.id ?? ''));
    assert.equal((await lea.call('GET', '/v1/notifications?cursor=nope')).status, 422);
  });

  it('a muted room and an unwanted kind stay silent; preferences are one’s own', async () => {
    const defaults = ok<NotificationPreferences>(await lea.call('GET', '/v1/notifications/preferences'));
    assert.deepEqual(defaults, { kinds: ['mention', 'reply', 'assigned', 'due', 'version'], muted: [], digest: true, language: null });
    ok(await lea.call('PUT', '/v1/notifications/preferences', { json: { kinds: ['mention', 'assigned', 'due'], muted: [roomId], digest: false } }));
    const before = (await feed(lea)).items.length;
    await send(karim, '@lea dans un salon en sourdine');
    assert.equal((await feed(lea)).items.length, before);
    assert.deepEqual(ok<NotificationPreferences>(await karim.call('GET', '/v1/notifications/preferences')).muted, []);
    assert.equal((await lea.call('PUT', '/v1/notifications/preferences', { json: { kinds: ['everything'], muted: [], digest: true } })).status, 422);
    ok(await lea.call('PUT', '/v1/notifications/preferences', { json: defaults }));
  });

  it('muting one place at a time keeps the other preferences, is told to the person’s other tabs, and is undone the same way', async () => {
    const saved = ok<NotificationPreferences>(await lea.call('PUT', '/v1/notifications/preferences', { json: { kinds: ['mention'], muted: ['brd_other'], digest: false } }));
    const watch = await Watch.open(lea);
    try {
      const muted = ok<NotificationPreferences>(await lea.call('PUT', `/v1/notifications/muted/${roomId}`));
      assert.deepEqual(muted, { ...saved, muted: ['brd_other', roomId] });
      const told = await watch.next((seen) => seen.envelope.type === 'notification.preferences');
      assert.equal(told.envelope.spaceId, null);
      assert.deepEqual(told.envelope.data, muted);
      assert.deepEqual(ok<NotificationPreferences>(await lea.call('PUT', `/v1/notifications/muted/${roomId}`)).muted, ['brd_other', roomId], 'twice is once');
      const before = (await feed(lea)).items.length;
      await send(karim, '@lea dans un salon mis en sourdine à part');
      assert.equal((await feed(lea)).items.length, before);
      assert.deepEqual(ok<NotificationPreferences>(await lea.call('DELETE', `/v1/notifications/muted/${roomId}`)).muted, ['brd_other']);
      await send(karim, '@lea de nouveau entendue');
      assert.equal((await feed(lea)).items.length, before + 1);
      assert.deepEqual(ok<NotificationPreferences>(await karim.call('GET', '/v1/notifications/preferences')).muted, [], 'one’s own');
    } finally {
      watch.close();
      ok(await lea.call('PUT', '/v1/notifications/preferences', { json: { kinds: ['mention', 'reply', 'assigned', 'due', 'version'], muted: [], digest: true } }));
    }
  });

  it('nothing from a space the person has left', async () => {
    await send(karim, '@lea avant ton départ');
    assert.ok((await feed(lea)).items.some((n) => n.spaceId === spaceId));
    assert.equal((await karim.call('DELETE', `/v1/spaces/${spaceId}/members/lea`)).status, 204);
    const page = await feed(lea);
    assert.equal(page.items.filter((n) => n.spaceId === spaceId).length, 0);
    assert.equal(page.unreadCount, (await feed(lea, '?unread=true')).items.length);
  });

  it('asks to be signed in', async () => {
    const anonymous = await fetch(`${target.baseUrl}/v1/notifications`);
    assert.equal(anonymous.status, 401);
  });
});

describe('reminders of cards due tomorrow', () => {
  it('remind each assignee once, even when the sweep runs again', async () => {
    const database = await freshTestDatabase('bureau-due-');
    const server = await startServer({ ...database.options, demo: true, port: 0 });
    const db = await openDatabase({ dataDir: database.dataDir, url: database.url });
    try {
      const [karim, lea] = await Promise.all([Person.signIn(server.url, 'karim'), Person.signIn(server.url, 'lea')]);
      const spaceId = await createSpace(karim, 'Échéances', [[lea, 'member']]);
      const board = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name: 'Échéances' } }), 201);
      const column = ok<{ id: string }>(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'À faire' } }), 201);
      const now = new Date();
      const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
      const later = new Date(now.getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
      const due = ok<{ id: string }>(
        await karim.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: column.id, title: 'Envoyer les convocations', dueDate: tomorrow, assignees: ['lea'] } }),
        201,
      );
      ok(await karim.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: column.id, title: 'Plus tard', dueDate: later, assignees: ['lea'] } }), 201);
      const events = await EventLog.open(db);
      await remindDueCards(db, events, now);
      await remindDueCards(db, events, now);
      const page = ok<NotificationPage>(await lea.call('GET', '/v1/notifications'));
      const reminders = page.items.filter((n) => n.kind === 'due');
      assert.equal(reminders.length, 1);
      assert.deepEqual(reminders[0]?.target, { type: 'card', boardId: board.id, cardId: due.id });
      assert.equal(reminders[0]?.actor, null);
    } finally {
      await db.destroy();
      await server.close();
      await database.drop();
    }
  });
});
