import { expect } from '@open-wc/testing';
import type { BoardDetail, Card } from '@bureau/api';
import { cardsIn, localPosition, withCard } from './ordering.js';

/** Cards of one column with the given server positions (fractional-indexing keys). */
const column = (...positions: string[]): Card[] =>
  positions.map((position, i) => ({ id: `c${i + 1}`, columnId: 'todo', position }) as unknown as Card);

/** Where the moved card ends up once sorted with the others, by id. */
function landing(cards: Card[], cardId: string, placement: { columnId: string; afterId?: string | null; beforeId?: string | null }): string[] {
  const position = localPosition(cards, cardId, placement);
  const moved = { ...(cards.find((card) => card.id === cardId) ?? { id: cardId }), columnId: placement.columnId, position } as Card;
  return cardsIn([...cards.filter((card) => card.id !== cardId), moved], placement.columnId).map((card) => card.id);
}

describe('optimistic card positions', () => {
  const cards = column('a0', 'a1', 'a1V', 'a2');

  it('shows a card between the neighbours the person chose', () => {
    expect(landing(cards, 'c4', { columnId: 'todo', afterId: 'c1', beforeId: 'c2' })).to.deep.equal(['c1', 'c4', 'c2', 'c3']);
    expect(landing(cards, 'c1', { columnId: 'todo', afterId: 'c2', beforeId: 'c3' })).to.deep.equal(['c2', 'c1', 'c3', 'c4']);
  });

  it('shows a card first or last', () => {
    expect(landing(cards, 'c3', { columnId: 'todo', afterId: null, beforeId: 'c1' })).to.deep.equal(['c3', 'c1', 'c2', 'c4']);
    expect(landing(cards, 'c1', { columnId: 'todo', afterId: 'c4', beforeId: null })).to.deep.equal(['c2', 'c3', 'c4', 'c1']);
  });

  it('places a card in an empty column, and after a card whose key is a prefix of the next one', () => {
    expect(landing(cards, 'c2', { columnId: 'done' })).to.deep.equal(['c2']);
    expect(landing(cards, 'c4', { columnId: 'todo', afterId: 'c2', beforeId: 'c3' })).to.deep.equal(['c1', 'c2', 'c4', 'c3']);
  });
});

describe('archived cards on a live board', () => {
  const card = (version: number, archivedAt: string | null): Card =>
    ({ id: 'c1', columnId: 'todo', position: 'a0', version, archivedAt }) as unknown as Card;
  const board = (...cards: Card[]): BoardDetail => ({ board: {}, columns: [], cards }) as unknown as BoardDetail;
  const shown = (detail: BoardDetail): number[] => detail.cards.map((each) => each.version);

  it('drops an archived card, takes a restored one back, and never lets an older archive undo a newer restore', () => {
    const archived = withCard(board(card(1, null)), card(2, '2027-01-05T10:00:00.000Z'));
    expect(shown(archived)).to.deep.equal([]);
    const restored = withCard(archived, card(3, null));
    expect(shown(restored)).to.deep.equal([3]);
    expect(shown(withCard(restored, card(2, '2027-01-05T10:00:00.000Z')))).to.deep.equal([3]);
  });
});
