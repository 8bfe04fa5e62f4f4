import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
import type { TemplateResult } from 'lit';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
// Defines the tags.
import './chat/chat.js';
import './files/files.js';
import './board/board.js';
import './members/members.js';

// At 360 px wide (a small phone), no component makes the page scroll sideways, and the chat's
// composer stays usable: its field and its Send button are on screen.

const width = 360;
let client: BureauClient;

const shadow = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;

/** How far the page scrolls sideways (0 when it does not). */
const sideways = (): number => document.documentElement.scrollWidth - document.documentElement.clientWidth;

async function mountNarrow(template: TemplateResult, ready: (el: HTMLElement) => boolean, what: string): Promise<HTMLElement> {
  const el = await fixture<HTMLElement>(template);
  await waitUntil(() => ready(el), what, { timeout: 10_000 });
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

describe('at 360 px wide', () => {
  before(async () => {
    await setViewport({ width, height: 700 });
    client = createClient({ baseUrl: apiUrl, storage: 'memory' });
    await client.auth.signInDev('karim');
  });
  after(async () => {
    client.close();
    await setViewport({ width: 800, height: 600 });
  });
  afterEach(() => fixtureCleanup());

  it('the room list and the chat do not scroll the page sideways; the composer stays usable', async () => {
    const room = await client.chat.createRoom('espace-rh-360', { name: `un-nom-de-salon-vraiment-très-long-${crypto.randomUUID().slice(0, 8)}`, topic: 'Un sujet assez long pour devoir passer à la ligne sur un petit écran de téléphone' });
    await client.chat.send(room.id, `Un lien très long : https://intranet.example/${'segment-'.repeat(20)} et un mot ${'interminable'.repeat(8)}`);
    const page = await mountNarrow(
      html`<div>
        <bureau-room-list .client=${client} space="espace-rh-360" chat="narrow-chat"></bureau-room-list>
        <bureau-chat id="narrow-chat" .client=${client} room=${room.id}></bureau-chat>
      </div>`,
      (el) => {
        const chat = el.querySelector('bureau-chat') as HTMLElement;
        return shadow(chat).querySelectorAll('.log [part~="message"]').length === 1 && shadow(chat).querySelector('textarea:not([disabled])') !== null;
      },
      'the chat with its message and composer',
    );
    expect(sideways(), 'page scrolls sideways').to.equal(0);
    const chat = page.querySelector('bureau-chat') as HTMLElement;
    const field = shadow(chat).querySelector('textarea') as HTMLTextAreaElement;
    const send = shadow(chat).querySelector('[part~="send-button"]') as HTMLButtonElement;
    const fieldBox = field.getBoundingClientRect();
    const sendBox = send.getBoundingClientRect();
    expect(fieldBox.width, 'the field is wide enough to write in').to.be.at.least(180);
    expect(fieldBox.right).to.be.at.most(width);
    expect(sendBox.right, 'Send is on screen').to.be.at.most(width);
    expect(sendBox.width).to.be.at.least(24);
  });

  it('the files do not scroll the page sideways', async () => {
    await mountNarrow(
      html`<bureau-files .client=${client} space="espace-rh-360"></bureau-files>`,
      (el) => shadow(el).querySelectorAll('.list .name').length > 0,
      'files listed',
    );
    expect(sideways(), 'page scrolls sideways').to.equal(0);
  });

  it('the board scrolls inside itself, not the page', async () => {
    await mountNarrow(
      html`<bureau-board .client=${client} board="espace-rh-360-entretiens-2027"></bureau-board>`,
      (el) => shadow(el).querySelectorAll('[part~="card"]').length > 0,
      'cards shown',
    );
    expect(sideways(), 'page scrolls sideways').to.equal(0);
  });

  it('the members do not scroll the page sideways', async () => {
    await mountNarrow(
      html`<bureau-members .client=${client} space="espace-rh-360"></bureau-members>`,
      (el) => shadow(el).querySelectorAll('[part="member"]').length > 0,
      'members listed',
    );
    expect(sideways(), 'page scrolls sideways').to.equal(0);
  });
});
