import { expect, fixture, html } from '@open-wc/testing';
// Served by the root web-test-runner config: the URL of the real server it started (on "localhost",
// the same site as this page).
import { apiUrl } from '/__bureau__/config.js';
import './client.js';
import type { BureauClientElement } from './client.component.js';
import type { BureauSessionChangeEvent } from '../events/session-change.js';

/** The same server on "127.0.0.1": another site for this page, whose cookies the browser will not send. */
const otherSite = apiUrl.replace('localhost', '127.0.0.1');

function nextSession(): Promise<BureauSessionChangeEvent['session']> {
  return new Promise((resolve) => {
    document.addEventListener('bureau-session-change', (event) => resolve(event.session), { once: true });
  });
}

const part = (el: Element, name: string): HTMLElement => {
  const found = el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part="${name}" in <${el.localName}>`);
  return found;
};

describe('<bureau-client> on another site than the server', () => {
  it('says it cannot sign in with a cookie here, with a link to why, and never shows a signed-in state', async () => {
    const signedOut = nextSession();
    const el = await fixture<BureauClientElement>(html`<bureau-client base-url=${otherSite} lang="fr"></bureau-client>`);
    expect(await signedOut).to.equal(null);
    await el.updateComplete;
    const camille = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="dev-users"] button')].find((b) => b.textContent?.includes('Camille'));
    const blocked = nextSession();
    camille!.click();
    expect(await blocked).to.equal(null);
    await el.updateComplete;
    const message = part(el, 'message');
    expect(message.textContent).to.contain('Connexion impossible sur cette page');
    expect(message.textContent).not.to.contain('Connecté');
    const help = part(el, 'help-link') as HTMLAnchorElement;
    expect(help.href).to.equal(`${otherSite}/help/sign-in`);
    expect((await fetch(help.href)).status).to.equal(200);
    expect(el.session).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('signs in with the host token (getToken) and offers no sign-out of its own', async () => {
    const el = document.createElement('bureau-client');
    el.setAttribute('base-url', otherSite);
    el.getToken = async () => {
      const response = await fetch(`${otherSite}/v1/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'lea' }),
      });
      return response.json();
    };
    const signedIn = nextSession();
    const host = await fixture(html`<div></div>`);
    host.append(el);
    const session = await signedIn;
    expect(session?.user.name).to.equal('Léa Rousseau');
    expect(session?.mode).to.equal('bearer');
    await el.updateComplete;
    expect(part(el, 'message').textContent).to.contain('Léa Rousseau');
    expect(el.shadowRoot!.querySelector('[part~="sign-out-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
