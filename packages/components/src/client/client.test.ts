import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { ContextConsumer } from '@lit/context';
import { createClient, isNetworkError, type BureauClient } from '@bureau/sdk';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
import { BureauClientElement } from './client.js';
import '../chat/chat.js';
import { BureauElement } from '../internal/bureau-element.js';
import { clientContext } from '../internal/context.js';
import { define } from '../internal/define.js';
import { register } from '../register.js';
import type { BureauSessionChangeEvent } from '../events/session-change.js';

/** The next `type` event on `target`, typed by `GlobalEventHandlersEventMap`. */
function nextEvent<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => {
    target.addEventListener(type, (event) => resolve(event as GlobalEventHandlersEventMap[K]), { once: true });
  });
}

/**
 * Puts the browser in a known state: nobody signed in, then optionally `userId`, who has accepted
 * every rules of use pending on the shared test server (the seeded ones of Espace RH 360, and those
 * other test files published) but those of `keepPending`, so that no other dialog comes first.
 */
async function signIn(userId: string | null, keepPending?: string): Promise<void> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory' });
  try {
    if ((await client.auth.session()) !== null) await client.signOut();
    if (userId !== null) {
      await client.auth.signInDev(userId);
      const governance = await client.governance();
      for (const rules of (await governance.rulesToAccept()).items) {
        if (rules.spaceId !== keepPending) await governance.acceptRules(rules.spaceId, rules.version);
      }
    }
  } finally {
    client.close();
  }
}

/** Renders `template` and waits until its `<bureau-client>` knows who is signed in. */
async function mount<T extends Element = BureauClientElement>(
  template: ReturnType<typeof html>,
): Promise<{ el: T; session: BureauSessionChangeEvent['session'] }> {
  const settled = nextEvent(document, 'bureau-session-change');
  const el = await fixture<T>(template);
  const { session } = await settled;
  if (el instanceof BureauClientElement) await el.updateComplete;
  return { el, session };
}

const part = (el: Element, name: string): HTMLElement => {
  const found = el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (found === null || found === undefined) throw new Error(`no part="${name}" in <${el.localName}>`);
  return found;
};

/** A third-party element that reads the client from the context, as chat or files will. */
class ContextProbe extends LitElement {
  readonly consumer = new ContextConsumer(this, { context: clientContext, subscribe: true });
}
customElements.define('bureau-test-context-probe', ContextProbe);

/** A Bureau element, to see which client the base class uses. */
class BaseProbe extends BureauElement {
  get usedClient(): BureauClient | undefined {
    return this.activeClient;
  }
}
customElements.define('bureau-test-base-probe', BaseProbe);

describe('<bureau-client>', () => {
  it('is accessible signed out and signed in', async () => {
    await signIn(null);
    const signedOut = await mount(html`<bureau-client base-url=${apiUrl}></bureau-client>`);
    expect(signedOut.session).to.equal(null);
    await expect(signedOut.el).to.be.accessible();

    await signIn('camille');
    const signedIn = await mount(html`<bureau-client base-url=${apiUrl}></bureau-client>`);
    expect(signedIn.session?.user.name).to.equal('Camille Martin');
    await expect(signedIn.el).to.be.accessible();
  });

  it('shows the signed-in person, in French by default', async () => {
    await signIn('camille');
    const { el } = await mount(html`<bureau-client base-url=${apiUrl}></bureau-client>`);
    expect(part(el, 'message').textContent).to.equal('Connecté·e en tant que Camille Martin');
    expect(part(el, 'sign-out-button').textContent?.trim()).to.equal('Se déconnecter');
    expect(part(el, 'status').getAttribute('role')).to.equal('status');
    expect(el.session?.user.id).to.equal('camille');
  });

  it('offers the demo accounts when signed out, signs in with the keyboard, and the components inside load without a reload', async () => {
    const setup = createClient({ baseUrl: apiUrl, storage: 'memory' });
    await setup.auth.signInDev('lea');
    const room = await setup.chat.createRoom('espace-rh-360', { name: `connexion-${crypto.randomUUID().slice(0, 8)}`, topic: 'Salon de test' });
    await setup.chat.send(room.id, 'Le CST se réunit jeudi.');
    setup.close();
    await signIn(null);
    const { el } = await mount(html`<bureau-client base-url=${apiUrl}><bureau-chat room=${room.id}></bureau-chat></bureau-client>`);
    const chat = el.querySelector('bureau-chat');
    const shownText = (): string => chat?.shadowRoot?.querySelector('.log')?.textContent ?? '';
    expect(shownText()).not.to.contain('Le CST se réunit jeudi.');
    expect(part(el, 'message').textContent).to.equal("Vous n'êtes pas connecté·e");
    const lea = [...part(el, 'dev-users').querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Léa Rousseau');
    if (lea === undefined) throw new Error('no button for Léa Rousseau');
    expect(lea.getAttribute('aria-label')).to.equal('Se connecter en tant que Léa Rousseau');

    lea.focus();
    const changed = nextEvent(el, 'bureau-session-change');
    await sendKeys({ press: 'Enter' });
    const { session } = await changed;
    expect(session?.user.name).to.equal('Léa Rousseau');
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.equal('Connecté·e en tant que Léa Rousseau');
    await waitUntil(() => shownText().includes('Le CST se réunit jeudi.'), 'the chat loads as Léa', { timeout: 10_000 });
    await waitUntil(() => chat?.shadowRoot?.querySelector('textarea:not([disabled])'), 'and she may write', { timeout: 10_000 });
  });

  it('signs out with the keyboard: fires bureau-sign-out, ends the session, fires bureau-session-change', async () => {
    await signIn('camille');
    const { el } = await mount(html`<bureau-client base-url=${apiUrl}></bureau-client>`);
    part(el, 'sign-out-button').focus();

    const asked = nextEvent(el, 'bureau-sign-out');
    const changed = nextEvent(el, 'bureau-session-change');
    await sendKeys({ press: 'Space' });
    const signOut = await asked;
    expect(signOut.cancelable).to.equal(true);
    expect(signOut.composed).to.equal(true);
    const { session } = await changed;
    expect(session).to.equal(null);

    await el.updateComplete;
    expect(part(el, 'message').textContent).to.equal("Vous n'êtes pas connecté·e");
    const check = createClient({ baseUrl: apiUrl });
    try {
      expect(await check.auth.session()).to.equal(null);
    } finally {
      check.close();
    }
  });

  it('shows rules of use not accepted yet first, in a modal dialog, until the person accepts them', async () => {
    await signIn('karim');
    const owner = createClient({ baseUrl: apiUrl, storage: 'memory' });
    let spaceId: string;
    try {
      const created = await owner.spaces.create({ name: `Règles ${crypto.randomUUID().slice(0, 6)}` });
      spaceId = created.id;
      await owner.spaces.putMember(spaceId, 'camille', 'member');
      await (await owner.governance()).putRules(spaceId, '- **Pas de données de santé.**');
    } finally {
      owner.close();
    }
    await signIn('camille', spaceId);
    const { el } = await mount(html`<bureau-client base-url=${apiUrl}></bureau-client>`);
    await waitUntil(() => el.shadowRoot?.querySelector('dialog[open]') !== null && el.shadowRoot?.querySelector('dialog[open]') !== undefined, 'the rules dialog', { timeout: 10_000 });
    const dialog = part(el, 'rules-dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('strong')?.textContent).to.equal('Pas de données de santé.');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    expect(dialog.open).to.equal(true, 'Escape does not dismiss the rules');
    part(el, 'rules-accept-button').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot?.querySelector('dialog') === null, 'the dialog closes once accepted', { timeout: 10_000 });
    const check = createClient({ baseUrl: apiUrl, storage: 'memory' });
    try {
      expect((await (await check.governance()).rules(spaceId)).mustAccept).to.equal(false);
    } finally {
      check.close();
    }
  });

  it('prepares the person’s data export from the keyboard and says when it is ready', async () => {
    await signIn('lea');
    const { el } = await mount(html`<bureau-client base-url=${apiUrl}></bureau-client>`);
    part(el, 'export-button').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'export-status').textContent?.includes('prêtes') === true, 'the export is ready', { timeout: 20_000 });
    expect(part(el, 'export-status').getAttribute('role')).to.equal('status');
    const check = createClient({ baseUrl: apiUrl, storage: 'memory' });
    try {
      const state = await (await check.governance()).exportStatus();
      expect(state.status).to.equal('ready');
      expect(state.progress).to.equal(100);
    } finally {
      check.close();
    }
  });

  it('keeps the session when the host cancels bureau-sign-out', async () => {
    await signIn('karim');
    const { el } = await mount(html`<bureau-client base-url=${apiUrl}></bureau-client>`);
    el.addEventListener('bureau-sign-out', (event) => event.preventDefault(), { once: true });
    part(el, 'sign-out-button').focus();
    const asked = nextEvent(el, 'bureau-sign-out');
    await sendKeys({ press: 'Enter' });
    expect((await asked).defaultPrevented).to.equal(true);
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.equal('Connecté·e en tant que Karim Benali');
    const check = createClient({ baseUrl: apiUrl });
    try {
      expect((await check.auth.session())?.user.id).to.equal('karim');
    } finally {
      check.close();
    }
  });

  it('hands its client to a nested element through the context', async () => {
    await signIn('camille');
    const { el } = await mount(html`
      <bureau-client base-url=${apiUrl}>
        <section><bureau-test-context-probe></bureau-test-context-probe></section>
        <bureau-test-base-probe></bureau-test-base-probe>
      </bureau-client>
    `);
    const probe = el.querySelector('bureau-test-context-probe') as ContextProbe;
    const client = probe.consumer.value;
    if (client === undefined) throw new Error('the nested element got no client');
    expect((await client.auth.session())?.user.name).to.equal('Camille Martin');

    // A Bureau element uses the provided client, unless one is set on its `client` property.
    const base = el.querySelector('bureau-test-base-probe') as BaseProbe;
    expect(base.usedClient).to.equal(client);
    const own = createClient({ baseUrl: apiUrl });
    try {
      base.client = own;
      expect(base.usedClient).to.equal(own);
    } finally {
      base.client = undefined;
      own.close();
    }
    expect(base.usedClient).to.equal(client);

    el.remove();
    expect(probe.consumer.value).to.equal(undefined);
  });

  it('two elements of one page on one API share one client, which outlives either', async () => {
    await signIn('camille');
    const { el } = await mount(html`
      <div>
        <bureau-client base-url=${apiUrl} class="header"><bureau-test-context-probe></bureau-test-context-probe></bureau-client>
        <bureau-client base-url=${apiUrl} class="body"><bureau-test-context-probe></bureau-test-context-probe></bureau-client>
      </div>
    `);
    const [header, body] = [...el.querySelectorAll('bureau-client')] as BureauClientElement[];
    const clientOf = (element: Element) => (element.querySelector('bureau-test-context-probe') as ContextProbe).consumer.value;
    const shared = clientOf(header as Element);
    expect(shared).to.not.equal(undefined);
    expect(clientOf(body as Element)).to.equal(shared);
    // The header goes: the body's client stays open and answers.
    header?.remove();
    if (shared === undefined) throw new Error('no client');
    expect((await shared.auth.session())?.user.name).to.equal('Camille Martin');
    const off = shared.stream.subscribe('*', () => {});
    await waitUntil(() => shared.stream.status === 'open', 'the client the body still holds streams', { timeout: 15_000 });
    off();
    el.remove();
  });

  it('speaks English with lang="en", on itself or on an ancestor', async () => {
    await signIn(null);
    const own = await mount(html`<bureau-client lang="en" base-url=${apiUrl}></bureau-client>`);
    expect(part(own.el, 'message').textContent).to.equal('You are not signed in');

    const inherited = await mount<HTMLElement>(html`<div lang="en-GB"><bureau-client base-url=${apiUrl}></bureau-client></div>`);
    const el = inherited.el.querySelector('bureau-client') as BureauClientElement;
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.equal('You are not signed in');

    inherited.el.setAttribute('lang', 'fr');
    await waitUntil(() => part(el, 'message').textContent === "Vous n'êtes pas connecté·e", 'back to French', { timeout: 2000 });
  });

  it('says when the server does not answer, accessibly, with a way to retry', async () => {
    // Nothing listens on port 1 of the loopback interface: every request fails to connect.
    const el = await fixture<BureauClientElement>(html`<bureau-client base-url="http://localhost:1"></bureau-client>`);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~="retry-button"]') !== null, 'error state', { timeout: 15_000 });
    expect(part(el, 'message').textContent).to.equal('Le service Bureau ne répond pas');
    expect(part(el, 'retry-button').textContent?.trim()).to.equal('Réessayer');
    expect(el.session).to.equal(undefined);
    expect(isNetworkError(el.error), String(el.error)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows an error, not an exception, when base-url is not a URL', async () => {
    const el = await fixture<BureauClientElement>(html`<bureau-client base-url="http://["></bureau-client>`);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~="retry-button"]') !== null, 'error state', { timeout: 10_000 });
    expect(part(el, 'message').textContent).to.equal('Le service Bureau ne répond pas');
    expect(el.error).to.be.instanceOf(TypeError);
    el.baseUrl = apiUrl;
    const { session } = await nextEvent(el, 'bureau-session-change');
    expect(el.error).to.equal(undefined);
    expect(session === null || typeof session.user.name === 'string').to.equal(true);
  });

  it('stays light on a dark system unless the host sets theme="auto" or "dark", axe-clean in both', async () => {
    await signIn('camille');
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const { el } = await mount(html`<bureau-client base-url=${apiUrl}></bureau-client>`);
      expect(getComputedStyle(el).colorScheme).to.equal('light');
      expect(getComputedStyle(part(el, 'status')).backgroundColor).to.equal('rgb(244, 245, 247)');
      expect(getComputedStyle(el).backgroundColor).to.equal('rgba(0, 0, 0, 0)', 'no theme: the page\'s background shows');
      await expect(el).to.be.accessible();
      el.theme = 'auto';
      await el.updateComplete;
      expect(el.getAttribute('theme')).to.equal('auto');
      expect(getComputedStyle(part(el, 'status')).backgroundColor).to.equal('rgb(38, 40, 44)');
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(27, 28, 31)', 'a theme paints its own background');
      await expect(el).to.be.accessible();
      await emulateMedia({ colorScheme: 'light' });
      expect(getComputedStyle(part(el, 'status')).backgroundColor).to.equal('rgb(244, 245, 247)', 'auto follows the system');
      el.theme = 'dark';
      await el.updateComplete;
      expect(getComputedStyle(part(el, 'status')).backgroundColor).to.equal('rgb(38, 40, 44)');
      await expect(el).to.be.accessible();
      el.style.setProperty('--bureau-color-surface', 'rgb(1, 2, 3)');
      expect(getComputedStyle(part(el, 'status')).backgroundColor).to.equal('rgb(1, 2, 3)');
    } finally {
      await emulateMedia({ colorScheme: 'no-preference' });
    }
  });

  it('renders a name containing HTML as inert text', async () => {
    await signIn('camille');
    const hostile = '<img src=x onerror="window.bureauPwned=true"><b>Camille</b>';
    // The real server answers; only the name is changed on the way, as a hostile identity provider could.
    const rewritingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!new URL(url).pathname.endsWith('/v1/session') || !response.ok) return response;
      const session = (await response.json()) as { user: { name: string } };
      session.user.name = hostile;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(session), { status: 200, headers });
    };
    const client = createClient({ baseUrl: apiUrl, fetch: rewritingFetch });
    try {
      const { el } = await mount(html`<bureau-client .client=${client}></bureau-client>`);
      expect(part(el, 'message').textContent).to.equal(`Connecté·e en tant que ${hostile}`);
      expect(el.shadowRoot?.querySelector('img, b')).to.equal(null);
      expect((window as { bureauPwned?: boolean }).bureauPwned).to.equal(undefined);
    } finally {
      client.close();
    }
  });

  it('uses a client set on the property and leaves it open when removed', async () => {
    await signIn('theo');
    const client: BureauClient = createClient({ baseUrl: apiUrl });
    try {
      const { el, session } = await mount(html`<bureau-client .client=${client}></bureau-client>`);
      expect(session?.user.name).to.equal('Théo Garnier');
      el.remove();
      expect((await client.auth.session())?.user.id).to.equal('theo');
    } finally {
      client.close();
    }
  });
});

describe('define() and register()', () => {
  it('never throws when a tag is taken', () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(() => define('bureau-client', BureauClientElement)).not.to.throw();
      expect(warnings).to.have.length(0);
      expect(() => define('bureau-client', class Impostor extends HTMLElement {})).not.to.throw();
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('bureau-client')).to.equal(BureauClientElement);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]?.[0])).to.contain('<bureau-client>');
  });

  it('a second copy of the bundle warns once and keeps the first copy\'s elements', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      // The same module under another URL is a second instance, as a second bundle on the page would be.
      const secondCopy = (await import(`../internal/define.ts?second-copy`)) as typeof import('../internal/define.js');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]?.[0])).to.contain('second copy');
      expect(() => secondCopy.define('bureau-client', class SecondCopy extends HTMLElement {})).not.to.throw();
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('bureau-client')).to.equal(BureauClientElement);
  });

  it('register({ prefix }) defines the components under another prefix', async () => {
    expect(() => register({ prefix: 'x' })).not.to.throw();
    expect(() => register({ prefix: 'x' })).not.to.throw();
    const ctor = customElements.get('x-client');
    expect(ctor).not.to.equal(undefined);
    expect(ctor).not.to.equal(BureauClientElement);
    expect(document.createElement('x-client')).to.be.instanceOf(BureauClientElement);
    expect(() => register({ prefix: 'Not A Prefix' })).to.throw(TypeError);

    await signIn(null);
    const { el } = await mount(html`<x-client base-url=${apiUrl}></x-client>`);
    expect(part(el, 'message').textContent).to.equal("Vous n'êtes pas connecté·e");
  });
});
