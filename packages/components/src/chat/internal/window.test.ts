import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RowWindow } from './window.js';

/** Heights vary, and a row out of view is measured as 40 px until it is first rendered. */
const heightOf = (key: string): number => 24 + (Number(key.slice(1)) % 5) * 18;

/** A scrolling list of `keys` drawn through a RowWindow, as <bureau-chat> draws its log. */
class WindowHost extends LitElement {
  static override styles = css`
    .scroller {
      block-size: 300px;
      overflow-y: auto;
      overflow-anchor: none;
    }
    .rows {
      position: relative;
    }
    .rows > * {
      content-visibility: auto;
      contain-intrinsic-block-size: auto 40px;
    }
  `;

  keys: string[] = [];
  nearOldest = 0;
  newestInView = false;
  readonly window = new RowWindow(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    viewed: (newestInView, nearOldest) => {
      this.newestInView = newestInView;
      if (nearOldest) this.nearOldest += 1;
    },
  });

  setKeys(keys: string[]): Promise<boolean> {
    this.keys = keys;
    this.window.rows(keys);
    this.requestUpdate();
    return this.updateComplete;
  }

  get scroller(): HTMLElement {
    return this.renderRoot.querySelector('.scroller') as HTMLElement;
  }

  /** The mounted row of `key`, if any. */
  row(key: string): HTMLElement | null {
    return this.renderRoot.querySelector(`[data-key="${key}"]`);
  }

  /** How far the top of `key`'s row is from the top of the scroller's viewport. */
  topOf(key: string): number {
    const row = this.row(key);
    if (row === null) throw new Error(`${key} is not mounted`);
    return row.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top;
  }

  get mounted(): number {
    return this.renderRoot.querySelectorAll('[data-key]').length;
  }

  /** The reader scrolls (a wheel, then the scroll), and the window has taken it into account. */
  async readerScrolls(top: number): Promise<void> {
    const scrolled = new Promise((resolve) => this.scroller.addEventListener('scroll', resolve, { once: true }));
    this.scroller.dispatchEvent(new WheelEvent('wheel', { bubbles: true }));
    const before = this.scroller.scrollTop;
    this.scroller.scrollTop = top;
    if (this.scroller.scrollTop !== before) {
      await scrolled;
      // The window reads the layout once the frame is painted (an animation frame, then a task):
      // waited for in the same order, after it.
      await nextFrame();
      await new Promise((resolve) => setTimeout(resolve));
    }
    await this.updateComplete;
  }

  override render() {
    return html`<div class="scroller" tabindex="0" @scroll=${this.window.onScroll} @wheel=${this.window.onUserIntent}>
      <div class="rows">
        ${repeat(
          this.keys.slice(this.window.start, this.window.end),
          (key) => key,
          (key) => html`<div data-key=${key} tabindex="-1"><div style="block-size: ${heightOf(key)}px">${key}</div></div>`,
        )}
      </div>
    </div>`;
  }
}
customElements.define('window-host', WindowHost);

const keys = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, at) => `k${from + at}`);

/** Whether the scroller shows the very bottom of its content. */
const atBottom = (host: WindowHost): boolean => host.scroller.scrollHeight - host.scroller.scrollTop - host.scroller.clientHeight < 2;

async function mountedHost(count: number): Promise<WindowHost> {
  const host = await fixture<WindowHost>(html`<window-host></window-host>`);
  await host.setKeys(keys(1000, 1000 + count));
  // Rows in view are measured on the next frames: the window follows them to the bottom.
  await waitUntil(() => atBottom(host) && host.newestInView, 'at the bottom', { timeout: 5_000 });
  return host;
}

describe('RowWindow', () => {
  it('mounts a bounded window at the newest rows, and follows the bottom as rows arrive', async () => {
    const host = await mountedHost(10_000);
    expect(host.mounted).to.be.within(20, 160);
    expect(host.row('k10999')).not.to.equal(null);
    await host.setKeys(keys(1000, 11_005));
    await waitUntil(() => atBottom(host), 'at the bottom again', { timeout: 5_000 });
    expect(host.topOf('k11004')).to.be.below(host.scroller.clientHeight);
    expect(host.mounted).to.be.within(20, 160);
  });

  it('keeps the reader’s place when rows arrive below and when older rows load above', async () => {
    // Fewer rows than the window mounts at first: all of them are mounted, the reader near the top.
    const host = await mountedHost(20);
    const anchor = host.renderRoot.querySelectorAll<HTMLElement>('[data-key]')[5]?.dataset.key as string;
    await host.readerScrolls(host.row(anchor)?.offsetTop as number);
    expect(host.window.stick).to.equal(false);
    const top = host.topOf(anchor);
    const start = host.window.start;

    await host.setKeys(keys(1000, 1040));
    expect(host.topOf(anchor)).to.be.closeTo(top, 1);
    expect(host.row('k1039')).not.to.equal(null);
    // Older rows load above; the reader is near the top of the window, which grows upwards.
    await host.setKeys(keys(800, 1040));
    await waitUntil(() => host.window.start < start + 200, 'slid up', { timeout: 5_000 });
    await host.updateComplete;
    expect(host.topOf(anchor)).to.be.closeTo(top, 1);
    // Rows measured for the first time on the next frames move nothing in view either.
    await nextFrame();
    await nextFrame();
    expect(host.topOf(anchor)).to.be.closeTo(top, 1);
    expect(atBottom(host)).to.equal(false);
  });

  it('slides by pages near its edges, keeping the reader’s place, and asks for older rows at the oldest', async () => {
    const host = await mountedHost(1_000);
    const { scroller } = host;
    let slides = 0;
    while (host.window.start > 0) {
      const start = host.window.start;
      const first = host.keys[start] as string;
      await host.readerScrolls(0);
      await waitUntil(() => host.window.start < start, 'slid up', { timeout: 5_000 });
      await host.updateComplete;
      expect(host.topOf(first)).to.be.closeTo(0, 1);
      expect(host.mounted).to.be.at.most(160);
      slides += 1;
    }
    expect(slides).to.be.above(10);
    expect(host.window.stick).to.equal(false);
    await host.readerScrolls(0);
    await waitUntil(() => host.nearOldest > 0, 'asked for older rows', { timeout: 5_000 });

    // The focus does not leave with its row: it goes to the list.
    host.row(host.keys[0] as string)?.focus({ preventScroll: true });
    while (host.window.end < host.keys.length) {
      const end = host.window.end;
      // The reader scrolls down to the last screen of the window, a row at the top.
      const bottom = scroller.scrollHeight - scroller.clientHeight;
      const first = [...host.renderRoot.querySelectorAll<HTMLElement>('[data-key]')].find((row) => row.offsetTop + row.offsetHeight > bottom) as HTMLElement;
      await host.readerScrolls(first.offsetTop);
      await waitUntil(() => host.window.end > end, 'slid down', { timeout: 5_000 });
      await host.updateComplete;
      expect(host.topOf(first.dataset.key as string)).to.be.closeTo(0, 1);
      expect(host.mounted).to.be.at.most(160);
    }
    expect(host.row(host.keys[0] as string)).to.equal(null);
    expect(host.shadowRoot?.activeElement === scroller, 'has the focus').to.equal(true);
    // At the newest row again, the reader's scrolling to the bottom (as rows there are measured)
    // follows it again.
    await waitUntil(
      async () => {
        await host.readerScrolls(scroller.scrollHeight);
        return host.window.stick;
      },
      'following the bottom',
      { timeout: 5_000 },
    );
  });
});
