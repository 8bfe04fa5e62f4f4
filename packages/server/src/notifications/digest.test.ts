import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { NotificationPreferences } from '@bureau/api';
import { SMTPServer } from 'smtp-server';
import { sql } from 'kysely';
import { createSpace, Person, type Reply } from '../conformance/harness.js';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { openDatabase, type Db } from '../db/index.js';
import { startServer } from '../server.js';
import { sendDigests, type DigestOptions } from './digest.js';
import { smtpSender } from './digest-routes.js';

const ok = <T>(reply: Reply, status = 200): T => {
  assert.equal(reply.status, status, reply.text);
  return reply.body as T;
};

interface Received {
  to: string[];
  /** The message with quoted-printable undone (headers and every part), enough to look for text. */
  body: string;
}

const undoQuotedPrintable = (raw: string): string =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describe('e-mail digest', () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let db: Db;
  let smtp: SMTPServer;
  const received: Received[] = [];
  let options: DigestOptions;
  let send: ReturnType<typeof smtpSender>;
  let karim: Person;
  let camille: Person;
  let theo: Person;

  before(async () => {
    database = await freshTestDatabase('bureau-digest-');
    server = await startServer({ ...database.options, demo: true, port: 0 });
    db = await openDatabase({ dataDir: database.dataDir, url: database.url });
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body: undoQuotedPrintable(Buffer.concat(chunks).toString('latin1')) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    send = smtpSender(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`);
    options = { from: 'Bureau <bureau@mairie.example>', publicBaseUrl: server.url, intervalMs: 86_400_000 };
    [karim, camille, theo] = await Person.signInAll(server.url, ['karim', 'camille', 'theo']);
    await db.updateTable('users').set({ email: 'camille@mairie.example' }).where('id', '=', 'camille').execute();
    await db.updateTable('users').set({ email: 'theo@mairie.example' }).where('id', '=', 'theo').execute();
    await sql`UPDATE users SET locale = 'en' WHERE id = 'theo'`.execute(db);
  });
  after(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await db.destroy();
    await server.close();
    await database.drop();
  });

  it('sends each person one digest of their unread notifications, in their language, nothing from a space left; once', async () => {
    // The demo's seeded notifications read: only this test's are unread.
    for (const person of [camille, theo]) ok(await person.call('POST', '/v1/notifications/read'));
    const spaceId = await createSpace(karim, 'Paie', [[camille, 'member'], [theo, 'member']]);
    const room = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'questions-paie' } }), 201);
    ok(await karim.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: '@camille ta fiche de paie <b>corrigée</b>' } }), 201);
    ok(await karim.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: '@theo the payroll export is ready' } }), 201);
    // A space Camille leaves afterwards: what she was told there is not mailed.
    const leftId = await createSpace(karim, 'Comité', [[camille, 'member']]);
    const secret = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${leftId}/rooms`, { json: { name: 'comite-restreint' } }), 201);
    ok(await karim.call('POST', `/v1/rooms/${secret.id}/messages`, { json: { text: '@camille budget confidentiel' } }), 201);
    assert.equal((await camille.call('DELETE', `/v1/spaces/${leftId}/members/camille`)).status, 204);

    const now = new Date();
    assert.equal(await sendDigests(db, send, options, now), 2);
    const hers = received.filter((m) => m.to.includes('camille@mairie.example'));
    assert.equal(hers.length, 1);
    const mail = hers[0]?.body ?? '';
    assert.match(mail, /Subject: Bureau : 1 notification non lue/);
    assert.match(mail, /Bonjour Camille/);
    assert.match(mail, /Karim Benali vous a mentionné dans questions-paie/);
    assert.match(mail, /ta fiche de paie <b>corrigée<\/b>/, 'the plain text keeps the text as written');
    assert.match(mail, /ta fiche de paie &lt;b&gt;corrigée&lt;\/b&gt;/, 'the HTML escapes it');
    assert.doesNotMatch(mail, /budget confidentiel|comite-restreint/);
    assert.match(mail, new RegExp(`${server.url}/v1/notifications/unsubscribe\\?token=`));
    const his = received.filter((m) => m.to.includes('theo@mairie.example'));
    assert.equal(his.length, 1);
    assert.match(his[0]?.body ?? '', /Subject: Bureau: 1 unread notification/);
    assert.match(his[0]?.body ?? '', /Karim Benali mentioned you in questions-paie/);

    assert.equal(await sendDigests(db, send, options, now), 0, 'the same period again: nothing');
    assert.equal(await sendDigests(db, send, options, new Date(now.getTime() + 86_400_000)), 0, 'the next period: nothing new');
    assert.equal(received.length, 2);
  });

  it('the unsubscribe link turns the digest off, and then no digest is sent', async () => {
    const mail = received.find((m) => m.to.includes('camille@mairie.example'))?.body ?? '';
    const url = /(http:\/\/\S+\/v1\/notifications\/unsubscribe\?token=[\w-]+)/.exec(mail)?.[1];
    assert.ok(url, 'an unsubscribe link');
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Vous ne recevrez plus le résumé/);
    const prefs = ok<NotificationPreferences>(await camille.call('GET', '/v1/notifications/preferences'));
    assert.equal(prefs.digest, false);
    assert.equal((await fetch(`${server.url}/v1/notifications/unsubscribe?token=forged`)).status, 404);

    const spaceId = await createSpace(karim, 'Après', [[camille, 'member']]);
    const room = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'suite' } }), 201);
    ok(await karim.call('POST', `/v1/rooms/${room.id}/messages`, { json: { text: '@camille encore une question' } }), 201);
    const before = received.length;
    assert.equal(await sendDigests(db, send, options, new Date(Date.now() + 2 * 86_400_000)), 0);
    assert.equal(received.length, before);
  });
});
