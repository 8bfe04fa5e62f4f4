import { expect } from '@open-wc/testing';
import type { Card } from '@bureau/api';
import { cardsIn, localPosition } from './ordering.js';

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
