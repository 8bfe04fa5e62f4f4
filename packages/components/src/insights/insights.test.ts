import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { BureauClient } from '@bureau/sdk';
import { closeClients, signedIn } from '../test/clients.js';
import './insights.js';
import type { BureauInsightsElement } from './insights.js';

const shadow = (el: Element): ShadowRoot => {
  if (el.shadowRoot === null) throw new Error(`<${el.localName}> has no shadow root`);
  return el.shadowRoot;
};

async function shown(userId: string, lang = 'fr', space = 'espace-rh-360'): Promise<BureauInsightsElement> {
  const client = await signedIn(userId);
  const el = await fixture<BureauInsightsElement>(html`<bureau-insights lang=${lang} space=${space} .client=${client}></bureau-insights>`);
  await waitUntil(() => shadow(el).querySelector('[part="state"]') === null || shadow(el).querySelector('[part="state"]')?.textContent?.includes('Chargement') === false, 'the indicators loaded', { timeout: 10_000 });
  return el;
}

afterEach(() => {
  closeClients();
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
    expect(el.matches(':state(ready)'), 'a host may show its panel by the element\'s state').to.equal(true);
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
    expect(shadow(el).querySelector('[part="audit-toggle"]')).to.equal(null);
    expect(el.matches(':state(forbidden)') && !el.matches(':state(ready)'), 'a host may hide its panel by the element\'s state').to.equal(true);
    const en = await shown('camille', 'en');
    await waitUntil(() => shadow(en).querySelector('[part="state"]')?.textContent?.includes('Only the owners') === true, 'English sentence', { timeout: 10_000 });
    await expect(en).to.be.accessible();
  });

  describe('audit log', () => {
    let spaceId = '';
    before(async () => {
      // Karim's space where Théo joins as a guest, then becomes a member, and Camille is made référente.
      const karim = await signedIn('karim');
      spaceId = (await karim.spaces.create({ name: `Journal ${crypto.randomUUID().slice(0, 6)}` })).id;
      await karim.spaces.putMember(spaceId, 'theo', 'guest');
      await karim.spaces.putMember(spaceId, 'theo', 'member');
      await karim.spaces.putMember(spaceId, 'camille', 'member');
      await (await karim.governance()).setReferent(spaceId, 'camille', true);
    });

    it('is opened by an owner, by keyboard: newest first, in a sentence, accessible, older pages on « Voir plus »', async () => {
      // Twenty readings of the indicators fill the first page: the setup's changes are on the next one.
      const governance = await (await signedIn('karim')).governance();
      const daysAgo = (n: number): string => new Date(Date.now() - n * 24 * 3600_000).toISOString().slice(0, 10);
      for (let n = 0; n < 20; n += 1) await governance.insights(spaceId, { from: daysAgo(n), to: daysAgo(0) });
      const el = await shown('karim', 'fr', spaceId);
      await waitUntil(() => shadow(el).querySelector('[part="audit-toggle"]') !== null, 'the log is offered to the owner', { timeout: 10_000 });
      const toggle = shadow(el).querySelector('[part="audit-toggle"]') as HTMLButtonElement;
      toggle.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shadow(el).querySelector('[part="audit-list"]') !== null, 'the log loaded', { timeout: 10_000 });
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const texts = (): string[] => [...shadow(el).querySelectorAll('[part="audit-list"] li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim() ?? '');
      expect(texts().length).to.equal(20);
      expect(texts().some((t) => t.includes('Théo'))).to.equal(false, 'the setup is on the second page');
      const more = shadow(el).querySelector('[part="audit-more"]') as HTMLButtonElement;
      expect(more.textContent?.trim()).to.equal('Voir plus');
      more.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => texts().length > 20, 'the next page loaded', { timeout: 10_000 });
      expect(shadow(el).querySelector('.audit [role="status"]')?.textContent).to.match(/\d+ actions? de plus affichées?\./);
      const items = texts();
      // Newest first: Karim's reading of the indicators just now, then the changes of the setup.
      expect(items[0]).to.match(/Karim Benali a consulté les indicateurs d’usage \(du \d{4}-\d{2}-\d{2} au \d{4}-\d{2}-\d{2}\)\.$/);
      const referent = items.findIndex((t) => t.includes('Karim Benali a désigné Camille Martin comme référent·e.'));
      const change = items.findIndex((t) => t.includes('Karim Benali a changé le rôle de Théo Garnier : invité·e → membre.'));
      const added = items.findIndex((t) => t.includes('Karim Benali a ajouté Théo Garnier comme invité·e.'));
      expect(referent).to.be.greaterThan(0);
      expect(change).to.be.greaterThan(referent, 'newest first');
      expect(added).to.be.greaterThan(change, 'newest first');
      expect(shadow(el).querySelector('[part="audit-list"] time')?.getAttribute('datetime')).to.match(/^\d{4}-\d{2}-\d{2}T/);
      await expect(el).to.be.accessible();
    });

    it('is not offered to a référente who is not an owner, whom the server refuses too', async () => {
      const el = await shown('camille', 'fr', spaceId);
      expect(shadow(el).querySelector('svg[part="chart"]'), 'the référente reads the indicators').to.not.equal(null);
      expect(el.matches(':state(ready)')).to.equal(true);
      const camille = await signedIn('camille');
      const refused = await (await camille.governance()).audit(spaceId).then(
        () => 0,
        (error: { status?: number }) => error.status,
      );
      expect(refused).to.equal(403);
      expect(shadow(el).querySelector('[part="audit-toggle"]')).to.equal(null);
    });
  });
});
