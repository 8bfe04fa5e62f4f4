import { expect } from '@open-wc/testing';
import type { ChatMessage } from '@bureau/sdk';
import { buildRows } from './rows.js';
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
