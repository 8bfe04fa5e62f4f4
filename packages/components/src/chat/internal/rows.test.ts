import { expect } from '@open-wc/testing';
import type { ChatMessage } from '@bureau/sdk';
import { buildRows, RowBuilder, type Row } from './rows.js';
import { dayLabel } from './day-label.js';
import { matchMembers, mentionQueryAt } from './mentions.js';

let sequence = 0;
/** A sent message of `author` at `createdAt` (local time). */
function message(author: string, createdAt: Date): ChatMessage {
  sequence += 1;
  return {
    id: `msg_${sequence}`,
    roomId: 'room',
    spaceId: 'space',
    author: { id: author, name: author },
    text: `texte ${sequence}`,
    threadId: null,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    mentions: [],
    attachments: [],
    createdAt: createdAt.toISOString(),
    editedAt: null,
    deletedAt: null,
    version: 1,
    status: 'sent',
  };
}

const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute);

describe('chat rows', () => {
  it('separates days, groups one author within minutes, and marks where unread messages start', () => {
    const messages = [
      message('karim', at(25, 9)),
      message('karim', at(25, 9, 2)),
      message('camille', at(25, 9, 3)),
      message('camille', at(25, 9, 30)),
      message('karim', at(26, 8)),
      message('lea', at(26, 8, 1)),
    ];
    const rows = buildRows(messages, { after: messages[3]?.id ?? null, count: 2 }, 'camille');
    expect(rows.map((row) => (row.kind === 'message' ? `${row.message.author.id}${row.continued ? '+' : ''}` : row.kind))).to.deep.equal([
      'day',
      'karim',
      'karim+',
      'camille',
      'camille',
      'day',
      'new',
      'karim',
      'lea',
    ]);
  });

  it('puts the marker before the first message of someone else when nothing was read, and nowhere without unread', () => {
    const messages = [message('camille', at(27, 10)), message('karim', at(27, 10, 1))];
    expect(buildRows(messages, { after: null, count: 1 }, 'camille').map((row) => row.kind)).to.deep.equal(['day', 'message', 'new', 'message']);
    expect(buildRows(messages, { after: null, count: 0 }, 'camille').map((row) => row.kind)).to.deep.equal(['day', 'message', 'message']);
  });

  it('builds again only from the first message that changed, to the same rows as from scratch', () => {
    const unread = { after: null, count: 2 };
    const messages = [message('camille', at(20, 9)), message('karim', at(20, 9, 1)), message('karim', at(20, 9, 2)), message('lea', at(21, 9))];
    const builder = new RowBuilder();
    const shape = (rows: Row[]) => rows.map((row) => (row.kind === 'message' ? `${row.message.id}${row.continued ? '+' : ''}` : row.key));
    const first = [...builder.build(messages, unread, 'camille').rows];
    // A message arrives: the rows before it are the same objects; the whole matches a fresh build.
    const grown = [...messages, message('lea', at(21, 9, 1))];
    const next = builder.build(grown, unread, 'camille');
    expect(next.rows.slice(0, first.length)).to.deep.equal(first);
    first.forEach((row, index) => expect(next.rows[index]).to.equal(row));
    expect(shape(next.rows)).to.deep.equal(shape(buildRows(grown, unread, 'camille')));
    expect(next.keys).to.deep.equal(next.rows.map((row) => row.key));
    // A message in the middle is deleted: the next one is no longer grouped with it.
    const deleted = grown.map((m, index) => (index === 1 ? { ...m, text: '', deletedAt: m.createdAt } : m));
    expect(shape(builder.build(deleted, unread, 'camille').rows)).to.deep.equal(shape(buildRows(deleted, unread, 'camille')));
    // The read message arrives among older ones: the marker moves after it.
    const read = { after: grown[2]?.id ?? null, count: 2 };
    expect(shape(builder.build(deleted, read, 'camille').rows)).to.deep.equal(shape(buildRows(deleted, read, 'camille')));
    const older = [message('karim', at(19, 9)), ...deleted];
    expect(shape(builder.build(older, read, 'camille').rows)).to.deep.equal(shape(buildRows(older, read, 'camille')));
    const later = [...older, message('karim', at(21, 10))];
    expect(shape(builder.build(later, read, 'camille').rows)).to.deep.equal(shape(buildRows(later, read, 'camille')));
    // Nothing changed: the same arrays.
    expect(builder.build(later, read, 'camille').rows).to.equal(builder.build(later, read, 'camille').rows);
    // Told where the change starts (a timeline's `from`), as a message arrives: the same rows.
    const arrived = [...later, message('lea', at(21, 10, 1))];
    expect(shape(builder.build(arrived, read, 'camille', later.length).rows)).to.deep.equal(shape(buildRows(arrived, read, 'camille')));
    // An edit in the middle, told from there (the deleted message's neighbour groups again).
    const edited = arrived.map((m, index) => (index === 2 ? { ...m, deletedAt: null, text: 'rétabli' } : m));
    expect(shape(builder.build(edited, read, 'camille', 2).rows)).to.deep.equal(shape(buildRows(edited, read, 'camille')));
  });

  it('names days with Intl, in French and English', () => {
    const now = new Date(2026, 10, 28, 12);
    expect(dayLabel('2026-11-28', 'fr', now)).to.equal('Aujourd’hui');
    expect(dayLabel('2026-11-27', 'fr', now)).to.equal('Hier');
    expect(dayLabel('2026-11-27', 'en', now)).to.equal('Yesterday');
    expect(dayLabel('2026-11-26', 'fr', now)).to.equal('jeudi 26 novembre 2026');
  });

  it('finds the @query before the caret and the members it names, accents aside', () => {
    expect(mentionQueryAt('Bonjour @le', 11)).to.deep.equal({ start: 8, query: 'le' });
    expect(mentionQueryAt('rh@mairie', 9)).to.equal(undefined);
    const members = [
      { userId: 'lea', name: 'Léa Rousseau', role: 'member' as const, joinedAt: '' },
      { userId: 'karim', name: 'Karim Benali', role: 'owner' as const, joinedAt: '' },
      { userId: 'ines', name: 'Inès Moreau', role: 'guest' as const, joinedAt: '' },
    ];
    expect(matchMembers(members, 'ro', undefined).map((member) => member.userId)).to.deep.equal(['lea']);
    expect(matchMembers(members, 'ines', undefined).map((member) => member.userId)).to.deep.equal(['ines']);
    expect(matchMembers(members, '', 'karim').map((member) => member.userId)).to.deep.equal(['lea', 'ines']);
  });
});
