// A long column mounts a few dozen cards, more when the reader scrolls to its end or presses its
// « more » button; against the real server the root web-test-runner config started.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
import { apiUrl } from '/__bureau__/config.js';
import '../board.js';
import type { BureauBoardElement } from '../board.js';

const clients = new Set<BureauClient>();

async function longColumn(client: BureauClient, count: number): Promise<{ boardId: string; columnId: string }> {
  const board = await client.boards.create('espace-rh-360', { name: `Longue colonne ${crypto.randomUUID().slice(0, 8)}` });
  const column = await client.boards.createColumn(board.id, { name: 'À faire' });
  for (let at = 0; at < count; at += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - at) }, (_, i) => client.boards.createCard(board.id, { columnId: column.id, title: `Entretien n° ${at + i + 1}` })),
    );
  }
  return { boardId: board.id, columnId: column.id };
}

const mountedIn = (el: BureauBoardElement): number => el.shadowRoot?.querySelectorAll('li[data-card]').length ?? 0;

describe('<bureau-board> long columns', () => {
  afterEach(() => {
    for (const client of clients) client.close();
    clients.clear();
  });

  it('mount a few dozen cards, accessibly; more by keyboard and by scrolling to the end', async function () {
    this.timeout(60_000);
    const client = createClient({ baseUrl: apiUrl, storage: 'memory' });
    clients.add(client);
    await client.auth.signInDev('karim');
    const { boardId, columnId } = await longColumn(client, 90);
    const el = await fixture<BureauBoardElement>(html`<bureau-board style="--bureau-board-block-size: 420px" .client=${client} board=${boardId}></bureau-board>`);
    const root = el.shadowRoot as ShadowRoot;
    await waitUntil(() => root.querySelector('[part="more-cards-button"]') !== null, 'the more button', { timeout: 15_000 });
    await expect(el).to.be.accessible();
    expect(mountedIn(el)).to.equal(40);
    expect(root.querySelector('[part="count"]')?.textContent).to.contain('90');

    // Keyboard: the button mounts the next cards (focused without scrolling: a button scrolled into
    // view mounts them by itself, as the end of the column does).
    const more = root.querySelector<HTMLButtonElement>('[part="more-cards-button"]') as HTMLButtonElement;
    expect(more.textContent).to.contain('50');
    more.focus({ preventScroll: true });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => mountedIn(el) === 80, '80 cards mounted', { timeout: 5_000 });

    // Scrolling to the column's end brings the rest.
    const list = root.querySelector<HTMLElement>(`ul[data-column-list="${columnId}"]`) as HTMLElement;
    // As a person does: scroll to the end again while the cards just mounted are laid out.
    await waitUntil(
      () => {
        list.scrollTop = list.scrollHeight;
        return mountedIn(el) === 90;
      },
      'every card mounted',
      { timeout: 10_000 },
    );
    expect(root.querySelector('[part="more-cards-button"]')).to.equal(null);
  });
});
