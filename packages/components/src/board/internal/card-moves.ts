import type { TemplateResult } from 'lit';
import type { Card } from '@bureau/api';
import { isHttpError, type LiveBoard } from '@bureau/sdk';
import { BureauCardMoveEvent } from '../events/card-move.js';
import type { Messages } from '../../i18n/fr.js';
import { neighboursAt, othersIn, spotOf, type Lane, type Spot } from './lanes.js';
import { moveDialog } from './move-dialog.js';

/** A card lifted with the keyboard: where it came from and where it would land. */
export interface Lifted {
  card: Card;
  origin: Spot;
  spot: Spot;
}

/** What the keyboard and « Déplacer vers… » moves need from the board. */
export interface CardMovesHost {
  readonly id: string;
  lanes(): readonly Lane[];
  canWrite(): boolean;
  messages(): Messages;
  columnName(columnId: string): string;
  announce(text: string): void;
  /** Gives the focus to this card after the next update (it may be a new element in another list). */
  focus(cardId: string): void;
  requestUpdate(): void;
  updateComplete(): Promise<boolean>;
  root(): ShadowRoot;
  /** The board open, if any. */
  board(): LiveBoard | undefined;
  /** Whether the person's role is known yet, and when it will be (a drop waits for it). */
  roleKnown(): boolean;
  roleChecked(): Promise<void>;
  /** Draws the lanes again without the lift, as the person saw them. */
  relane(): void;
  dispatchEvent(event: Event): boolean;
}

/**
 * The two ways to move a card without dragging it (WCAG 2.2 SC 2.5.7): by keyboard (Space or Enter
 * lifts the focused card, arrows move it across positions and columns, Space or Enter drops it,
 * Escape puts it back), and by the « Déplacer vers… » dialog (a column and a position). Every step
 * is announced in the board's live region.
 */
export class CardMoves {
  readonly #host: CardMovesHost;
  #lifted: Lifted | undefined;
  /** The card of the « Déplacer vers… » dialog, and where it would go. */
  #moving: Card | undefined;
  #target: Spot = { columnId: '', index: 0 };

  constructor(host: CardMovesHost) {
    this.#host = host;
  }

  /** The card lifted with the keyboard, if any: the lanes show it where it would land. */
  get lifted(): Lifted | undefined {
    return this.#lifted;
  }

  /** Lets go of a lifted card without moving it (the board closed, or the person lost access). */
  reset(): void {
    this.#lifted = undefined;
  }

  readonly onKey = (event: KeyboardEvent, card: Card): void => {
    const host = this.#host;
    if (event.target !== event.currentTarget || !host.canWrite()) return;
    const t = host.messages();
    const lifted = this.#lifted;
    const key = event.key;
    if (lifted === undefined) {
      if (key !== ' ' && key !== 'Enter') return;
      event.preventDefault();
      const origin = spotOf(host.lanes(), card);
      this.#lifted = { card, origin, spot: origin };
      this.#announceSpot(t.boardLifted, card, origin);
      host.requestUpdate();
      return;
    }
    if (lifted.card.id !== card.id) return;
    if (key === 'Escape' || key === ' ' || key === 'Enter') {
      event.preventDefault();
      this.#lifted = undefined;
      host.focus(card.id);
      const { spot, origin } = lifted;
      if (key === 'Escape' || (spot.columnId === origin.columnId && spot.index === origin.index)) host.announce(t.boardMoveCancelled(card.title));
      else {
        host.relane();
        void this.move(card, spot);
      }
      host.requestUpdate();
      return;
    }
    const columns = host.lanes().map((lane) => lane.column.id);
    let { columnId, index } = lifted.spot;
    if (key === 'ArrowUp') index -= 1;
    else if (key === 'ArrowDown') index += 1;
    else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      const at = columns.indexOf(columnId) + (key === 'ArrowLeft' ? -1 : 1);
      if (at < 0 || at >= columns.length) return;
      columnId = columns[at] as string;
    } else return;
    event.preventDefault();
    const count = othersIn(host.lanes(), columnId, card.id).length;
    index = Math.max(0, Math.min(index, count));
    lifted.spot = { columnId, index };
    host.focus(card.id);
    this.#announceSpot(t.boardOver, card, lifted.spot);
    host.requestUpdate();
  };

  /**
   * Moves a card to a spot (an index among the shown cards of a column, the card left out) unless the
   * host page cancels `bureau-card-move`, and announces it. A drop made before the role is known waits for it.
   */
  async move(card: Card, spot: Spot): Promise<void> {
    const host = this.#host;
    const board = host.board();
    if (board === undefined) return;
    if (!host.canWrite() && !host.roleKnown()) await host.roleChecked();
    if (host.board() !== board || !host.canWrite()) return;
    const lanes = host.lanes();
    const others = othersIn(lanes, spot.columnId, card.id);
    const index = Math.min(spot.index, others.length);
    const { afterId, beforeId } = neighboursAt(others, index);
    const t = host.messages();
    if (card.columnId === spot.columnId && spotOf(lanes, card).index === index && this.#lifted === undefined) return;
    if (!host.dispatchEvent(new BureauCardMoveEvent(card.id, card.columnId, spot.columnId, afterId, beforeId))) {
      host.announce(t.boardMoveCancelled(card.title));
      return;
    }
    const moving = board.move(card.id, { columnId: spot.columnId, afterId, beforeId });
    host.announce(t.boardMoved(card.title, host.columnName(spot.columnId), index + 1, others.length + 1));
    try {
      await moving;
    } catch (error) {
      host.announce(t.boardMoveFailed(card.title, isHttpError(error) ? error.problem.title : String(error)));
    }
  }

  #announceSpot(message: (title: string, column: string, position: number, total: number) => string, card: Card, spot: Spot): void {
    const total = othersIn(this.#host.lanes(), spot.columnId, card.id).length + 1;
    this.#host.announce(message(card.title, this.#host.columnName(spot.columnId), spot.index + 1, total));
  }

  /** Opens « Déplacer vers… » for a card, on its current spot. */
  openDialog(card: Card): void {
    this.#moving = card;
    this.#target = spotOf(this.#host.lanes(), card);
    this.#host.requestUpdate();
    void this.#host.updateComplete().then(() => this.#dialog()?.showModal());
  }

  #dialog(): HTMLDialogElement | null {
    return this.#host.root().querySelector<HTMLDialogElement>('dialog[part="move-dialog"]');
  }

  #confirm(): void {
    const card = this.#moving;
    this.#dialog()?.close();
    if (card === undefined) return;
    this.#host.focus(card.id);
    void this.move(card, this.#target);
  }

  renderDialog(): TemplateResult {
    const host = this.#host;
    return moveDialog({
      t: host.messages(),
      id: host.id,
      card: this.#moving,
      target: this.#target,
      lanes: host.lanes(),
      retarget: (spot) => {
        this.#target = spot;
        host.requestUpdate();
      },
      confirm: () => this.#confirm(),
      closed: () => (this.#moving = undefined),
      dialog: () => this.#dialog(),
    });
  }
}
