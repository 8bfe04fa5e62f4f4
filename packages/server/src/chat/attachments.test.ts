import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSpace, openTarget, signInWithSpace, type Person, type Reply, type Target } from '../conformance/harness.js';
import { plainUpload, rootOf, type FileJson } from '../files/files-test-kit.test.js';
import { Watch } from './watch.js';

interface Attachment {
  fileId: string;
  name?: string;
  size?: number;
  type?: string;
}
interface Msg {
  id: string;
  text: string;
  threadId: string | null;
  attachments: Attachment[];
}

const body = <T>(reply: Reply): T => reply.body as T;

function expectPointer(reply: Reply, pointer: string): void {
  assert.equal(reply.status, 422, reply.text);
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const problem = reply.body as { code: string; errors: { pointer: string; message: string }[] };
  assert.equal(problem.code, 'validation-failed');
  assert.deepEqual(problem.errors.map((e) => e.pointer), [pointer]);
}

describe('chat attachments: files of the space on messages', () => {
  let target: Target;
  let karim: Person;
  let camille: Person;
  let ines: Person;
  let theo: Person;
  let spaceId: string;
  let roomId: string;
  let rootId: string;

  before(async () => {
    target = await openTarget();
    ({ people: [karim, camille, ines, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'ines', 'theo'], 'Pièces jointes', {
      camille: 'member',
      ines: 'guest',
    }));
    rootId = await rootOf(karim, spaceId);
    const room = await karim.call('POST', `/v1/spaces/${spaceId}/rooms`, { json: { name: 'documents' } });
    assert.equal(room.status, 201, room.text);
    roomId = body<{ id: string }>(room).id;
  });
  after(() => target.close());

  const upload = async (person: Person, folderId: string, name: string, text: string): Promise<FileJson> => {
    const reply = await plainUpload(person, folderId, name, Buffer.from(text), 'text/plain');
    assert.equal(reply.status, 201, reply.text);
    return body<FileJson>(reply);
  };
  const send = (person: Person, text: string, extra: Record<string, unknown> = {}) =>
    person.call('POST', `/v1/rooms/${roomId}/messages`, { json: { text, ...extra } });
  const texts = async (): Promise<string[]> => body<{ items: Msg[] }>(await karim.call('GET', `/v1/rooms/${roomId}/messages?limit=100`)).items.map((m) => m.text);

  it('a file of the space goes with a message and a reply: presented with its name, size and type, on the stream too', async () => {
    const file = await upload(karim, rootId, 'Note de service <b>.txt', 'Bonjour à tous');
    const watch = await Watch.open(camille);
    try {
      const sent = await send(camille, 'Voici la note', { attachments: [{ fileId: file.id }] });
      assert.equal(sent.status, 201, sent.text);
      const message = body<Msg>(sent);
      const expected = [{ fileId: file.id, name: 'Note de service <b>.txt', size: file.size, type: file.type }];
      assert.deepEqual(message.attachments, expected);
      assert.equal(file.size, Buffer.byteLength('Bonjour à tous'));
      const seen = await watch.next((s) => s.envelope.type === 'message.created' && (s.envelope.data as unknown as Msg).id === message.id);
      assert.deepEqual((seen.envelope.data as unknown as Msg).attachments, expected);
      const listed = body<{ items: Msg[] }>(await karim.call('GET', `/v1/rooms/${roomId}/messages`)).items.find((m) => m.id === message.id);
      assert.deepEqual(listed?.attachments, expected);

      const reply = await send(karim, 'Et la version signée', { threadId: message.id, attachments: [{ fileId: file.id }] });
      assert.equal(reply.status, 201, reply.text);
      const replies = body<{ items: Msg[] }>(await camille.call('GET', `/v1/messages/${message.id}/replies`)).items;
      assert.deepEqual(replies.map((r) => r.attachments), [expected]);
    } finally {
      watch.close();
    }
  });

  it('a file of another space, a trashed file, a made-up id or the same file twice: 422 at its pointer, nothing stored', async () => {
    const kept = await upload(karim, rootId, 'gardé.txt', 'gardé');
    const trashed = await upload(karim, rootId, 'jeté.txt', 'jeté');
    assert.equal((await karim.call('DELETE', `/v1/files/${trashed.id}`)).status, 204);
    const elsewhere = await createSpace(theo, 'Ailleurs', [[karim, 'member']]);
    const foreign = await upload(theo, await rootOf(theo, elsewhere), 'ailleurs.txt', 'ailleurs');

    const cases: [string, { fileId: string }[], string][] = [
      ['autre espace', [{ fileId: kept.id }, { fileId: foreign.id }], '/attachments/1/fileId'],
      ['à la corbeille', [{ fileId: trashed.id }], '/attachments/0/fileId'],
      ['inventé', [{ fileId: kept.id }, { fileId: kept.id.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x')) }], '/attachments/1/fileId'],
      ['deux fois', [{ fileId: kept.id }, { fileId: kept.id }], '/attachments/1/fileId'],
    ];
    for (const [text, attachments, pointer] of cases) {
      const reply = await send(camille, `refusé : ${text}`, { attachments });
      expectPointer(reply, pointer);
      assert.doesNotMatch(reply.text, /ailleurs|Ailleurs/, 'nothing tells about the other space');
    }
    const [foreignProblem, madeUpProblem] = await Promise.all([
      send(camille, 'x', { attachments: [{ fileId: foreign.id }] }),
      send(camille, 'x', { attachments: [{ fileId: `${foreign.id}0` }] }),
    ]);
    const withoutRequestId = (reply: Reply) => ({ ...(reply.body as object), requestId: undefined });
    assert.deepEqual(withoutRequestId(foreignProblem), withoutRequestId(madeUpProblem), 'a file elsewhere and no file at all get the same answer');
    assert.ok(!(await texts()).some((t) => t.startsWith('refusé') || t === 'x'), 'nothing was stored');
    expectPointer(await send(camille, 'trop', { attachments: Array.from({ length: 11 }, () => ({ fileId: kept.id })) }), '/attachments');
  });

  it('a guest cannot send, even with an attachment (403)', async () => {
    const file = await upload(karim, rootId, 'invité.txt', 'invité');
    const reply = await send(ines, 'Je joins', { attachments: [{ fileId: file.id }] });
    assert.equal(reply.status, 403, reply.text);
    assert.ok(!(await texts()).includes('Je joins'));
  });

  it('a file trashed after sending is presented by id alone; restored, it shows again; deleting the message clears it', async () => {
    const file = await upload(camille, rootId, 'temporaire.txt', 'temporaire');
    const message = body<Msg>(await send(camille, 'Pour un temps', { attachments: [{ fileId: file.id }] }));
    assert.equal((await camille.call('DELETE', `/v1/files/${file.id}`)).status, 204);
    const afterTrash = body<Msg>(await karim.call('GET', `/v1/messages/${message.id}`));
    assert.deepEqual(afterTrash.attachments, [{ fileId: file.id }]);
    assert.equal((await camille.call('POST', `/v1/files/${file.id}/restore`)).status, 200);
    assert.equal(body<Msg>(await karim.call('GET', `/v1/messages/${message.id}`)).attachments[0]?.name, 'temporaire.txt');
    assert.equal((await camille.call('DELETE', `/v1/messages/${message.id}`)).status, 204);
    assert.deepEqual(body<Msg>(await karim.call('GET', `/v1/messages/${message.id}`)).attachments, []);
  });
});
