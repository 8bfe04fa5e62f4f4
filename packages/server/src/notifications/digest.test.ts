import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NotificationPreferences } from '@bureau/api';
import { createSpace, Person, type Reply } from '../conformance/harness.js';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { openDatabase, type Db } from '../db/index.js';
import { startServer } from '../server.js';
import { sendDigests, type DigestOptions } from './digest.js';
import { smtpSender } from './digest-routes.js';
import { startTestSmtp, type TestSmtp } from './smtp-testing.js';

const ok = <T>(reply: Reply, status = 200): T => {
  assert.equal(reply.status, status, reply.text);
  return reply.body as T;
};

const hour = 3600_000;

describe('e-mail digest', () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let db: Db;
  let smtp: TestSmtp;
  let options: DigestOptions;
  let send: ReturnType<typeof smtpSender>;
  let karim: Person;
  let camille: Person;
  let theo: Person;

  before(async () => {
    database = await freshTestDatabase('bureau-digest-');
    server = await startServer({ ...database.options, demo: true, port: 0 });
    db = await openDatabase({ dataDir: database.dataDir, url: database.url });
    smtp = await startTestSmtp();
    send = smtpSender(smtp.url);
    options = {
      from: 'Bureau <bureau@mairie.example>',
      publicBaseUrl: server.url,
      intervalMs: 24 * hour,
      idleMs: hour,
      // One relative to Bureau's public URL, one absolute (the host intranet's page); no template for files.
      links: { message: '/espace-rh?room={roomId}&message={messageId}', card: 'https://intranet.mairie.example/projets?carte={cardId}' },
    };
    [karim, camille, theo] = await Person.signInAll(server.url, ['karim', 'camille', 'theo']);
    await db.updateTable('users').set({ email: 'camille@mairie.example' }).where('id', '=', 'camille').execute();
    await db.updateTable('users').set({ email: 'theo@mairie.example' }).where('id', '=', 'theo').execute();
  });
  after(async () => {
    await smtp.close();
    await db.destroy();
    await server.close();
    await database.drop();
  });

  it('mails only people not seen for the idle time, once, in their language, each item linked to its target, nothing from a space left', async () => {
    // The demo's seeded notifications read: only this test's are unread.
    for (const person of [camille, theo]) ok(await person.call('POST', '/v1/notifications/read'));
    // Théo chooses English for his mails in his inbox preferences.
    const chosen = ok<NotificationPreferences>(await theo.call('GET', '/v1/notifications/preferences'));
    assert.equal(chosen.language, null, 'nothing chosen yet');
    ok(await theo.call('PUT', '/v1/notifications/preferences', { json: { ...chosen, language: 'en' } }));
    const spaceId = await createSpace(karim, 'Paie', [[camille, 'member'], [theo, 'member']]);
    const room = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'questions-paie' } }), 201);
    const mention = ok<{ id: string }>(await karim.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: '@camille ta fiche de paie <b>corrigée</b>' } }), 201);
    ok(await karim.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: '@theo the payroll export is ready' } }), 201);
    const board = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/boards`, { json: { name: 'Paie 2027' } }), 201);
    const column = ok<{ id: string }>(await karim.call('POST', `/v1/boards/${board.id}/columns`, { json: { name: 'À faire' } }), 201);
    const card = ok<{ id: string }>(
      await karim.call('POST', `/v1/boards/${board.id}/cards`, { json: { columnId: column.id, title: 'Vérifier les primes', assignees: ['camille'] } }),
      201,
    );
    // A space Camille leaves afterwards: what she was told there is not mailed.
    const leftId = await createSpace(karim, 'Comité', [[camille, 'member']]);
    const secret = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${leftId}/rooms`, { json: { name: 'comite-restreint' } }), 201);
    ok(await karim.call('POST', `/v1/rooms/${secret.id}/messages`, { json: { text: '@camille budget confidentiel' } }), 201);
    assert.equal((await camille.call('DELETE', `/v1/spaces/${leftId}/members/camille`)).status, 204);

    const now = new Date();
    assert.equal(await sendDigests(db, send, options, now), 0, 'both were here a moment ago: no digest');
    // Théo went away two hours ago; Camille is still here.
    await db.updateTable('users').set({ seen_at: new Date(now.getTime() - 2 * hour).toISOString() }).where('id', '=', 'theo').execute();
    assert.equal(await sendDigests(db, send, options, now), 1);
    assert.deepEqual(smtp.received.map((m) => m.to), [['theo@mairie.example']], 'only the one not seen for an hour');
    const his = smtp.received[0]?.body ?? '';
    assert.match(his, /Subject: Bureau: 1 unread notification/, 'in the language he chose');
    assert.match(his, /Karim Benali mentioned you in questions-paie/);

    // Two hours later, Camille has not come back either.
    const later = new Date(now.getTime() + 2 * hour);
    assert.equal(await sendDigests(db, send, options, later), 1);
    const hers = smtp.received.filter((m) => m.to.includes('camille@mairie.example'));
    assert.equal(hers.length, 1);
    const mail = hers[0]?.body ?? '';
    assert.match(mail, /Subject: Bureau : 2 notifications non lues/, 'French: nothing known of her language');
    assert.match(mail, /Bonjour Camille/);
    assert.match(mail, /Karim Benali vous a mentionné dans questions-paie/);
    assert.match(mail, /Karim Benali vous a assigné une carte dans Paie 2027/);
    assert.match(mail, /ta fiche de paie <b>corrigée<\/b>/, 'the plain text keeps the text as written');
    assert.match(mail, /ta fiche de paie &lt;b&gt;corrigée&lt;\/b&gt;/, 'the HTML escapes it');
    assert.doesNotMatch(mail, /budget confidentiel|comite-restreint/);
    // Each item links to its target, in the plain text and in the HTML.
    const messageLink = `${server.url}/espace-rh?room=${room.id}&message=${mention.id}`;
    const cardLink = `https://intranet.mairie.example/projets?carte=${card.id}`;
    assert.ok(mail.includes(`  ${messageLink}\n`) || mail.includes(`  ${messageLink}\r\n`), 'the text links the mention to its message');
    assert.ok(mail.includes(`href="${messageLink.replaceAll('&', '&amp;')}"`), 'the HTML too');
    assert.ok(mail.includes(`href="${cardLink}"`), 'the assignment links to the card on the host’s board page');
    assert.match(mail, new RegExp(`${server.url}/v1/notifications/unsubscribe\\?token=`));
    assert.match(mail, /List-Unsubscribe:\s+<http:\/\/127\.0\.0\.1:\d+\/v1\/notifications\/unsubscribe\?token=[\w-]+>/);
    assert.match(mail, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);

    assert.equal(await sendDigests(db, send, options, later), 0, 'the same period again: nothing');
    assert.equal(await sendDigests(db, send, options, new Date(now.getTime() + 30 * hour)), 0, 'the next period: nothing new');
    assert.equal(smtp.received.length, 2);
  });

  it('the unsubscribe link opens a page whose button turns the digest off; one-click (RFC 8058) does too; then no digest is sent', async () => {
    const link = (to: string): string => {
      const mail = smtp.received.find((m) => m.to.includes(to))?.body ?? '';
      const url = /(http:\/\/\S+\/v1\/notifications\/unsubscribe\?token=[\w-]+)/.exec(mail)?.[1];
      assert.ok(url, 'an unsubscribe link');
      return url;
    };
    const hers = link('camille@mairie.example');
    // Following the link (as a mail scanner does) changes nothing: it shows a button.
    const page = await fetch(hers);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Ne plus recevoir ce résumé<\/button>/);
    assert.equal(ok<NotificationPreferences>(await camille.call('GET', '/v1/notifications/preferences')).digest, true, 'still on after the GET');
    // The button: what the browser sends for that form.
    const confirmed = await fetch(hers, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) });
    assert.equal(confirmed.status, 200);
    assert.match(await confirmed.text(), /Vous ne recevrez plus le résumé/);
    assert.equal(ok<NotificationPreferences>(await camille.call('GET', '/v1/notifications/preferences')).digest, false);

    // A mail client's one-click unsubscribe: a POST of `List-Unsubscribe=One-Click` as multipart/form-data.
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const oneClick = await fetch(link('theo@mairie.example'), { method: 'POST', body: form });
    assert.equal(oneClick.status, 200);
    assert.match(await oneClick.text(), /You will no longer receive/);
    const his = ok<NotificationPreferences>(await theo.call('GET', '/v1/notifications/preferences'));
    assert.deepEqual([his.digest, his.language], [false, 'en'], 'his language choice kept');

    assert.equal((await fetch(`${server.url}/v1/notifications/unsubscribe?token=forged`)).status, 404);
    assert.equal((await fetch(`${server.url}/v1/notifications/unsubscribe?token=forged`, { method: 'POST' })).status, 404);

    const spaceId = await createSpace(karim, 'Après', [[camille, 'member']]);
    const room = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'suite' } }), 201);
    ok(await karim.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: '@camille encore une question' } }), 201);
    const before = smtp.received.length;
    assert.equal(await sendDigests(db, send, options, new Date(Date.now() + 2 * 86_400_000)), 0);
    assert.equal(smtp.received.length, before);
  });
});
