import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type BureauClient } from '@bureau/sdk';
// Served by the root web-test-runner config: the URL of the real server it started.
import { apiUrl } from '/__bureau__/config.js';
import './members.js';
import type { BureauMembersElement } from './members.js';

const clients = new Set<BureauClient>();

async function signedIn(userId: string): Promise<BureauClient> {
  const client = createClient({ baseUrl: apiUrl, storage: 'memory' });
  clients.add(client);
  await client.auth.signInDev(userId);
  return client;
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const one = <T extends HTMLElement = HTMLElement>(el: Element, selector: string): T | null => shadow(el).querySelector<T>(selector);
const names = (el: Element): string[] => [...shadow(el).querySelectorAll('[part="member"] .name')].map((n) => n.textContent?.replace(/\s+/g, ' ').trim() ?? '');
const announced = (el: Element): string => one(el, '[part="announcer"]')?.textContent?.trim() ?? '';

async function mount(client: BureauClient, spaceId: string): Promise<BureauMembersElement> {
  const el = await fixture<BureauMembersElement>(html`<bureau-members .client=${client} space=${spaceId}></bureau-members>`);
  await waitUntil(() => shadow(el).querySelectorAll('[part="member"]').length > 0, 'members shown', { timeout: 10_000 });
  return el;
}

describe('<bureau-members>', () => {
  afterEach(() => {
    for (const client of clients) client.close();
    clients.clear();
  });

  it('is accessible, for an owner with search results shown', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: `Membres ${crypto.randomUUID().slice(0, 6)}` });
    const el = await mount(karim, space.id);
    await waitUntil(() => one(el, '[part="search-field"]') !== null, 'owner tools');
    (one(el, '[part="search-field"]') as HTMLInputElement).focus();
    await sendKeys({ type: 'theo' });
    await waitUntil(() => one(el, '[part="candidate"]') !== null, 'results', { timeout: 10_000 });
    await expect(el).to.be.accessible();
  });

  it('an owner adds a person found without accents, changes the role and removes them, by keyboard', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: `Membres ${crypto.randomUUID().slice(0, 6)}` });
    const el = await mount(karim, space.id);
    await waitUntil(() => one(el, '[part="search-field"]') !== null, 'owner tools');
    (one(el, '[part="search-field"]') as HTMLInputElement).focus();
    await sendKeys({ type: 'ines' });
    await waitUntil(() => one(el, '[part="candidate"]')?.textContent?.includes('Inès Moreau') === true, 'Inès found', { timeout: 10_000 });
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('aria-label')).to.equal('Ajouter Inès Moreau');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => names(el).some((n) => n.startsWith('Inès Moreau')), 'Inès listed', { timeout: 10_000 });
    expect(announced(el)).to.equal('Inès Moreau a été ajouté·e à l’espace.');

    const role = [...shadow(el).querySelectorAll<HTMLSelectElement>('[part="role-select"]')].find((s) => s.getAttribute('aria-label') === 'Rôle de Inès Moreau') as HTMLSelectElement;
    role.value = 'guest';
    role.dispatchEvent(new Event('change'));
    await waitUntil(async () => (await karim.spaces.members(space.id)).items.some((m) => m.userId === 'ines' && m.role === 'guest'), 'role changed', { timeout: 10_000 });

    (shadow(el).querySelector('[aria-label="Retirer Inès Moreau de l’espace"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    const dialog = one<HTMLDialogElement>(el, 'dialog') as HTMLDialogElement;
    await waitUntil(() => dialog.open, 'confirmation');
    await expect(el).to.be.accessible();
    (dialog.querySelector('button[value="yes"]') as HTMLButtonElement).click();
    await waitUntil(() => !names(el).some((n) => n.startsWith('Inès')), 'Inès removed', { timeout: 10_000 });
  });

  it('the last owner cannot leave: the reason is told in French, nothing changes', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: `Membres ${crypto.randomUUID().slice(0, 6)}` });
    const el = await mount(karim, space.id);
    (one(el, '[part="leave-button"]') as HTMLButtonElement).click();
    const dialog = one<HTMLDialogElement>(el, 'dialog') as HTMLDialogElement;
    await waitUntil(() => dialog.open, 'confirmation');
    (dialog.querySelector('button[value="yes"]') as HTMLButtonElement).click();
    await waitUntil(() => one(el, '[role="alert"]') !== null, 'refused', { timeout: 10_000 });
    expect(one(el, '[role="alert"]')?.textContent).to.equal('Un espace garde au moins un propriétaire : nommez-en un autre d’abord.');
    expect(names(el)).to.have.length(1);
  });

  it('a member sees the list read-only; a non-member sees the no-access sentence', async () => {
    const camille = await signedIn('camille');
    const el = await mount(camille, 'espace-rh-360');
    expect(names(el).some((n) => n.includes('Karim Benali'))).to.equal(true);
    expect(names(el).some((n) => n.includes('Camille Martin (vous)'))).to.equal(true);
    expect(one(el, '[part="search-field"]')).to.equal(null);
    expect(one(el, '[part="role-select"]')).to.equal(null);
    expect(one(el, '[part="remove-button"]')).to.equal(null);
    expect(one(el, '[part="leave-button"]')).to.not.equal(null);
    await expect(el).to.be.accessible();

    const theo = await signedIn('theo');
    const other = await fixture<BureauMembersElement>(html`<bureau-members .client=${theo} space="espace-rh-360"></bureau-members>`);
    await waitUntil(() => one(other, '[part="state"]')?.textContent?.includes('pas membre') === true, 'no-access', { timeout: 10_000 });
    await expect(other).to.be.accessible();
  });
});
