import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
import './insights.js';
import type { BureauInsightsElement } from './insights.js';

const clients = new Set<BureauClient>();

async function signedIn(userId: string): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory' });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

const shadow = (el: Element): ShadowRoot => {
  if (el.shadowRoot === null) throw new Error(`<${el.localName}> has no shadow root`);
  return el.shadowRoot;
};

async function shown(userId: string, lang = 'fr'): Promise<BureauInsightsElement> {
  const client = await signedIn(userId);
  const el = await fixture<BureauInsightsElement>(html`<bureau-insights lang=${lang} space="espace-rh-360" .client=${client}></bureau-insights>`);
  await waitUntil(() => shadow(el).querySelector('[part="state"]') === null || shadow(el).querySelector('[part="state"]')?.textContent?.includes('Chargement') === false, 'the indicators loaded', { timeout: 10_000 });
  return el;
}

afterEach(() => {
  for (const client of clients) client.close();
  clients.clear();
});

describe('<bureau-insights>', () => {
  it('is accessible, with its chart and its table', async () => {
    const el = await shown('karim');
    await expect(el).to.be.accessible();
    (shadow(el).querySelector('[part="table-toggle"]') as HTMLButtonElement).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('shows Karim the weekly figures, as an SVG with a text alternative and a data table where the quiet week is hidden', async () => {
    const el = await shown('karim');
    const chart = shadow(el).querySelector('svg[part="chart"]');
    expect(chart?.getAttribute('role')).to.equal('img');
    expect(chart?.querySelector('desc')?.textContent).to.match(/Membres actifs sur 12 semaines/);
    expect(chart?.querySelector('desc')?.textContent).to.match(/masquée/);
    const rows = [...shadow(el).querySelectorAll('tbody tr')];
    expect(rows.length).to.equal(12);
    const hidden = rows.filter((row) => row.textContent?.includes('masqué'));
    expect(hidden.length).to.be.greaterThan(0);
    expect(hidden[0]?.querySelectorAll('td').length).to.equal(1, 'a hidden week has no figure at all');
    const csv = el.csv().split('\r\n');
    expect(csv[0]).to.match(/^Semaine du,Membres actifs,Messages,/);
    expect(csv.length).to.equal(14);
  });

  it('is driven by the keyboard: the table toggle and the indicator picker', async () => {
    const el = await shown('karim');
    const select = shadow(el).querySelector('[part="metric-select"]') as HTMLSelectElement;
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(shadow(el).querySelector('svg desc')?.textContent).to.match(/^Messages sur 12 semaines/);
    const toggle = shadow(el).querySelector('[part="table-toggle"]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect((shadow(el).querySelector('#table') as HTMLElement).hidden).to.equal(false);
  });

  it('tells Camille (a member) that the indicators are not hers to read, in English too', async () => {
    const el = await shown('camille');
    expect(shadow(el).querySelector('[part="state"]')?.textContent).to.match(/propriétaires et les référents/);
    expect(shadow(el).querySelector('svg')).to.equal(null);
    const en = await shown('camille', 'en');
    await waitUntil(() => shadow(en).querySelector('[part="state"]')?.textContent?.includes('Only the owners') === true, 'English sentence', { timeout: 10_000 });
    await expect(en).to.be.accessible();
  });
});
