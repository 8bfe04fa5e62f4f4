import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MessageHits, MessagePage } from '@bureau/api';
import { createSpace, openTarget, signInWithSpace, type Person, type Reply, type Target } from '../conformance/harness.js';

const ok = <T>(reply: Reply, status = 200): T => {
  assert.equal(reply.status, status, reply.text);
  return reply.body as T;
};

describe('searching a space and jumping to a message', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let paie: string;
  let general: string;

  before(async () => {
    target = await openTarget({ chat: { sendRateLimit: { max: 100_000, windowMs: 60_000 } } });
    ({ people: [karim, camille, ines, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'ines', 'theo'], 'Recherche', {
      camille: 'member',
      ines: 'guest',
    }));
    paie = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'questions-paie' } }), 201).id;
    general = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'général' } }), 201).id;
  });
  after(() => target.close());

  const send = async (person: Person, roomId: string, text: string) =>
    ok<{ id: string }>(await person.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text } }), 201);
  const search = async (person: Person, q: string, extra = ''): Promise<MessageHits> =>
    ok(await person.call('GET', `/v1/spaces/${spaceId}/search?q=${encodeURIComponent(q)}${extra}`));

  it('finds the words in every room of the space, with room names and the words to highlight', async () => {
    const inPaie = await send(camille, paie, 'Ma prime CIA de décembre est-elle versée ?');
    const inGeneral = await send(karim, general, 'Rappel : la Prime de fin d’année arrive.');
    await send(karim, general, 'Rien à voir.');
    const found = await search(camille, 'prime');
    assert.deepEqual(
      found.items.map((hit) => [hit.message.id, hit.roomName]),
      [
        [inGeneral.id, 'général'],
        [inPaie.id, 'questions-paie'],
      ],
    );
    const [first] = found.items;
    assert.ok(first);
    assert.deepEqual(
      first.highlights.map(([start, end]) => first.message.text.slice(start, end)),
      ['Prime'],
    );
    const accents = await search(camille, 'decem');
    assert.deepEqual(
      accents.items.map((hit) => hit.highlights.map(([s, e]) => hit.message.text.slice(s, e))),
      [['décembre']],
    );
    const narrowed = await search(camille, 'prime', `&roomId=${paie}`);
    assert.deepEqual(narrowed.items.map((hit) => hit.message.id), [inPaie.id]);
  });

  it('respects membership exactly like reading: guests find, non-members get the same 404 as reading', async () => {
    await send(karim, paie, 'Le barème confidentiel 2027');
    assert.equal((await search(ines, 'bareme')).items.length, 1);
    const stranger = await theo.call('GET', `/v1/spaces/${spaceId}/search?q=bareme`);
    const reading = await theo.call('GET', `/v1/spaces/${spaceId}`);
    assert.equal(stranger.status, 404);
    assert.equal(reading.status, 404);
    assert.equal((stranger.body as { code: string }).code, (reading.body as { code: string }).code);
    const own = await createSpace(theo, 'Services techniques');
    assert.equal((await theo.call('GET', `/v1/spaces/${own}/search?q=bareme&roomId=${paie}`)).status, 404, 'a room of another space');
    assert.deepEqual(ok<MessageHits>(await theo.call('GET', `/v1/spaces/${own}/search?q=bareme`)).items, []);
  });

  it('pages by cursor; an unusable query finds nothing; a bad cursor is a 422', async () => {
    for (let i = 0; i < 3; i += 1) await send(karim, general, `Entretien professionnel numéro ${i}`);
    const first = await search(camille, 'entretien', '&limit=2');
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const rest = await search(camille, 'entretien', `&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.equal(rest.items.length, 1);
    assert.deepEqual((await search(camille, '"*(')).items, []);
    assert.equal((await camille.call('GET', `/v1/spaces/${spaceId}/search?q=x&cursor=zz`)).status, 422);
  });

  it('around= loads the page centred on a far message, and the reader can page both ways from it', async () => {
    const room = ok<{ id: string }>(await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'long' } }), 201).id;
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push((await send(karim, room, `message ${i}`)).id);
    const centre = ids[10] ?? '';
    const page = ok<MessagePage>(await camille.call('GET', `/v1/rooms/${room}/messages?around=${centre}&limit=5`));
    assert.deepEqual(page.items.map((m) => m.id), ids.slice(8, 13));
    assert.ok(page.nextCursor && page.newerCursor);
    const older = ok<MessagePage>(await camille.call('GET', `/v1/rooms/${room}/messages?limit=5&cursor=${encodeURIComponent(page.nextCursor)}`));
    assert.deepEqual(older.items.map((m) => m.id), ids.slice(3, 8));
    const newer = ok<MessagePage>(await camille.call('GET', `/v1/rooms/${room}/messages?limit=5&after=${encodeURIComponent(page.newerCursor)}`));
    assert.deepEqual(newer.items.map((m) => m.id), ids.slice(13, 18));
    const end = ok<MessagePage>(await camille.call('GET', `/v1/rooms/${room}/messages?around=${ids[28] ?? ''}&limit=5`));
    assert.deepEqual(end.items.map((m) => m.id), ids.slice(25, 30), 'near the end, older ones fill the page');
    assert.equal(end.newerCursor, null);
    const start = ok<MessagePage>(await camille.call('GET', `/v1/rooms/${room}/messages?around=${ids[0] ?? ''}&limit=5`));
    assert.deepEqual(start.items.map((m) => m.id), ids.slice(0, 5), 'near the start, newer ones fill the page');
    assert.equal(start.nextCursor, null);
    assert.equal((await camille.call('GET', `/v1/rooms/${paie}/messages?around=${centre}`)).status, 404, 'not a message of that room');
    assert.equal((await theo.call('GET', `/v1/rooms/${room}/messages?around=${centre}`)).status, 404);
  });
});
