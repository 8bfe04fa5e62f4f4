import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { BureauClient } from '@bureau/sdk';
import { closeClients, signedIn } from '../test/clients.js';
import './members.js';
import type { BureauMembersElement } from './members.js';

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
    closeClients();
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
    await waitUntil(() => announced(el) === 'Inès Moreau a été ajouté·e à l’espace.', 'announced', { timeout: 10_000 });

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

  it('an owner designates a member référent·e and clears it, by keyboard; the mark is shown and announced', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: `Référents ${crypto.randomUUID().slice(0, 6)}` });
    await karim.spaces.putMember(space.id, 'camille', 'member');
    const el = await mount(karim, space.id);
    const toggle = (): HTMLButtonElement | undefined =>
      [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="referent-button"]')].find((b) => b.getAttribute('aria-label')?.includes('Camille Martin') === true);
    const camilleRow = (): string => names(el).find((n) => n.startsWith('Camille Martin')) ?? '';
    await waitUntil(() => toggle() !== undefined, 'toggle shown', { timeout: 10_000 });
    expect(toggle()?.getAttribute('aria-pressed')).to.equal('false');
    expect(camilleRow()).to.equal('Camille Martin');
    toggle()?.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => toggle()?.getAttribute('aria-pressed') === 'true', 'designated', { timeout: 10_000 });
    expect(camilleRow()).to.equal('Camille Martin référent·e');
    expect(toggle()?.getAttribute('aria-label')).to.equal('Retirer à Camille Martin le rôle de référent·e');
    // The list follows the event stream, which may come before the write's own answer: the announcement follows it.
    await waitUntil(() => announced(el) === 'Camille Martin est maintenant référent·e.', 'announced', { timeout: 10_000 });
    expect((await karim.spaces.members(space.id)).items.find((m) => m.userId === 'camille')?.referent).to.equal(true);
    await expect(el).to.be.accessible();

    toggle()?.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => toggle()?.getAttribute('aria-pressed') === 'false', 'cleared', { timeout: 10_000 });
    expect(camilleRow()).to.equal('Camille Martin');
    await waitUntil(() => announced(el) === 'Camille Martin n’est plus référent·e.', 'announced', { timeout: 10_000 });
    expect((await karim.spaces.members(space.id)).items.find((m) => m.userId === 'camille')?.referent).to.equal(false);
  });

  it('an owner edits the rules of use by keyboard with a live preview: a new version that members must accept; Escape keeps the old one', async () => {
    const karim = await signedIn('karim');
    const space = await karim.spaces.create({ name: `Règles ${crypto.randomUUID().slice(0, 6)}` });
    await karim.spaces.putMember(space.id, 'camille', 'member');
    await (await karim.governance()).putRules(space.id, 'Soyez courtois.');
    const el = await mount(karim, space.id);
    const editor = (): HTMLDialogElement | null => one<HTMLDialogElement>(el, '[part="rules-editor"]');
    const field = (): HTMLTextAreaElement => editor()?.querySelector('textarea') as HTMLTextAreaElement;
    const open = async (): Promise<void> => {
      await waitUntil(() => one(el, '[part="rules-button"]') !== null, 'owner tools', { timeout: 10_000 });
      (one(el, '[part="rules-button"]') as HTMLButtonElement).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => editor()?.open === true && field().value === 'Soyez courtois.', 'editor loaded', { timeout: 10_000 });
      await waitUntil(() => shadow(el).activeElement === field(), 'focus in the text');
    };

    await open();
    expect(editor()?.querySelector('[part="rules-version"]')?.textContent).to.match(/^Version 1 en vigueur, publiée le .*2026/);
    expect(editor()?.textContent).to.include('chaque membre devra la relire et l’accepter');
    await sendKeys({ type: ' Pas de **données de santé**.' });
    const preview = editor()?.querySelector('[part="rules-preview"]') as HTMLElement;
    await waitUntil(() => preview.querySelector('strong')?.textContent === 'données de santé', 'preview rendered');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => editor() === null, 'closed');
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('rules-button');
    expect((await (await karim.governance()).rules(space.id)).version).to.equal(1, 'Escape publishes nothing');

    await open();
    await sendKeys({ type: ' Pas de données de santé.' });
    await sendKeys({ press: 'Tab' }); // the preview
    await sendKeys({ press: 'Tab' }); // Annuler
    await sendKeys({ press: 'Tab' }); // Enregistrer
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('rules-save-button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => editor() === null, 'saved and closed', { timeout: 10_000 });
    await waitUntil(() => announced(el) === 'Version 2 des règles d’usage publiée : les membres devront l’accepter.', 'announced', { timeout: 10_000 });
    const camille = await signedIn('camille');
    const rules = await (await camille.governance()).rules(space.id);
    expect([rules.version, rules.text, rules.mustAccept]).to.deep.equal([2, 'Soyez courtois. Pas de données de santé.', true]);
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
    expect(one(el, '[part="referent-button"]')).to.equal(null, 'a member cannot designate référents');
    expect(one(el, '[part="rules-button"]')).to.equal(null, 'nor edit the rules of use');
    expect(names(el).some((n) => n === 'Léa Rousseau référent·e')).to.equal(true, 'but sees who they are');
    expect(one(el, '[part="leave-button"]')).to.not.equal(null);
    await expect(el).to.be.accessible();

    const theo = await signedIn('theo');
    const other = await fixture<BureauMembersElement>(html`<bureau-members .client=${theo} space="espace-rh-360"></bureau-members>`);
    await waitUntil(() => one(other, '[part="state"]')?.textContent?.includes('pas membre') === true, 'no-access', { timeout: 10_000 });
    await expect(other).to.be.accessible();
  });
});
