import { expect, waitUntil } from '@open-wc/testing';
import { createClient } from '@bureau/sdk';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';

// The drop-in's loader, as bureau.js runs it: importing it starts watching the document.
const loading = import('./loader.js');

async function signIn(userId: string): Promise<void> {
  const client = createClient({ baseUrl: apiUrl });
  try {
    await client.auth.signInDev(userId);
  } finally {
    client.close();
  }
}

/** The rendered room names of a room list. */
const roomNames = (el: Element): string[] =>
  [...(el.shadowRoot?.querySelectorAll('[part~="room"]') ?? [])].map((room) => room.textContent?.trim() ?? '');

describe('the drop-in loader (bureau.js)', () => {
  before(async () => {
    await signIn('camille');
  });

  it('defines no component before its tag is used, then the family of a tag added later, which then works', async () => {
    const { preload } = await loading;
    expect(customElements.get('bureau-board')).to.equal(undefined);
    expect(customElements.get('bureau-room-list')).to.equal(undefined);

    const client = document.createElement('bureau-client');
    client.setAttribute('base-url', apiUrl);
    const list = document.createElement('bureau-room-list');
    list.setAttribute('space', 'espace-rh-360');
    client.append(list);
    document.body.append(client);

    await Promise.all([customElements.whenDefined('bureau-client'), customElements.whenDefined('bureau-room-list')]);
    // The chat's family is one chunk: its other element is defined with it; the board's is not.
    expect(customElements.get('bureau-chat')).to.not.equal(undefined);
    expect(customElements.get('bureau-board')).to.equal(undefined);
    // The list found its client through the context, although both were upgraded from one batch.
    await waitUntil(() => roomNames(list).some((name) => name.includes('général')), 'the room list shows the space’s rooms', { timeout: 15_000 });
    await expect(list).to.be.accessible();

    await preload('bureau-board');
    expect(customElements.get('bureau-board')).to.not.equal(undefined);
    client.remove();
  });

  it('keeps a property set by the host before the element’s code arrived', async () => {
    const el = document.createElement('bureau-files') as HTMLElement & { folder?: string; updateComplete?: Promise<boolean> };
    el.folder = 'set-before-upgrade';
    document.body.append(el);
    await customElements.whenDefined('bureau-files');
    await el.updateComplete;
    expect(el.folder).to.equal('set-before-upgrade');
    expect(el.shadowRoot).to.not.equal(null);
    el.remove();
  });

  it('loads tags under a registered prefix, and refuses a bad prefix or an unknown tag', async () => {
    const { register, preload } = await loading;
    expect(() => register({ prefix: 'Mairie!' })).to.throw(TypeError);
    register({ prefix: 'mairie' });
    const el = document.createElement('mairie-room-list');
    document.body.append(el);
    await customElements.whenDefined('mairie-room-list');
    expect(el.shadowRoot).to.not.equal(null);
    el.remove();
    let refused: unknown;
    await preload('bureau-nothing').catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(TypeError);
  });

  it('loads the tags in a shadow root it is told about', async () => {
    const { discover } = await loading;
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    // The document's observer cannot see into a shadow root: <mairie-board> (prefix registered
    // above) stays undefined there until discover() is told.
    const board = document.createElement('mairie-board');
    root.append(board);
    document.body.append(host);
    await discover(root);
    expect(customElements.get('mairie-board')).to.not.equal(undefined);
    expect(board.shadowRoot).to.not.equal(null);
    host.remove();
  });
});
