// Two people, two browsers: the demo page of the Espace RH 360 opened as Camille and as Karim in two
// browser contexts of a headless Chromium (each with its own cookies, as two agents' machines), on the
// reference server in demo mode with a fresh data folder. What one does, the other sees live: a chat
// message, a typing line, a message written offline, an uploaded document, a card moved on the board.
// Needs `npm run build` (the server's dist and bureau.js).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// @ts-expect-error: plain JavaScript shared with the benchmarks.
import { startBench } from '../bench/chromium.js';

/** Long enough for a loaded shared machine; a live change normally shows within milliseconds. */
const LIVE = 15_000;

interface Bench {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

let bench: Bench;
const contexts: BrowserContext[] = [];

/** The demo page as `person`, in a browser context of their own, once the page has connected. */
async function openAs(person: string): Promise<Page> {
  const context = await bench.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${bench.origin}/espace-rh-360.html?as=${person}`, { waitUntil: 'load' });
  if (mustAcceptRules.has(person)) await acceptRules(page);
  // The composer appears once the person is signed in and the room has loaded.
  await page.locator('bureau-chat [part="composer-field"]').waitFor({ timeout: LIVE });
  assert.deepEqual(errors, [], `page errors as ${person}`);
  return page;
}

/** Seeded members who have not accepted the « Bon usage » of Espace RH 360 yet (Karim wrote it). */
const mustAcceptRules = new Set(['camille', 'lea', 'ines']);

/** The rules of use come first, in a modal dialog; the person accepts them and the page is theirs. */
async function acceptRules(page: Page): Promise<void> {
  const dialog = page.locator('bureau-client [part="rules-dialog"]');
  await dialog.waitFor({ timeout: LIVE });
  assert.match((await dialog.textContent()) ?? '', /Pas de données de santé/);
  await page.locator('bureau-client [part="rules-accept-button"]').click();
  await dialog.waitFor({ state: 'detached', timeout: LIVE });
}

const unique = (words: string): string => `${words} ${Math.random().toString(36).slice(2, 8)}`;

describe('two people on the Espace RH 360 page', { timeout: 120_000 }, () => {
  let camille: Page;
  let karim: Page;

  before(async () => {
    bench = (await startBench('e2e')) as Bench;
    camille = await openAs('camille');
    karim = await openAs('karim');
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await bench?.close();
  });

  it('see each other’s chat messages live, and the typing line', async () => {
    const text = unique('Bonjour Karim, la note de service est en ligne');
    const field = camille.locator('bureau-chat [part="composer-field"]');
    // Camille types on, as a person does: typing is not stored, so a notice sent before Karim's
    // stream was open is gone, and the next keystrokes send another (one per few seconds).
    const typing = karim.locator('bureau-chat [part="typing"]').getByText(/Camille/);
    let seen = false;
    for (let attempt = 0; attempt < 8 && !seen; attempt += 1) {
      await field.pressSequentially('Bonjour ');
      seen = await typing.waitFor({ timeout: 2_000 }).then(() => true, () => false);
    }
    assert.ok(seen, 'Karim sees that Camille is typing');
    await field.fill(text);
    await field.press('Enter');
    await karim.locator('bureau-chat [part="log"]').getByText(text).waitFor({ timeout: LIVE });

    const answer = unique('Merci Camille, je la relaie aux équipes');
    await karim.locator('bureau-chat [part="composer-field"]').fill(answer);
    await karim.locator('bureau-chat [part="composer-field"]').press('Enter');
    await camille.locator('bureau-chat [part="log"]').getByText(answer).waitFor({ timeout: LIVE });
    // The field was emptied for the next message.
    assert.equal(await field.inputValue(), '');
  });

  it('a message written offline shows the offline banner, survives a reload and arrives once', async () => {
    const context = camille.context();
    const text = unique('Écrit dans le train');
    await context.setOffline(true);
    await camille.locator('bureau-chat [part="offline-banner"]').waitFor({ timeout: LIVE });
    const field = camille.locator('bureau-chat [part="composer-field"]');
    await field.fill(text);
    await field.press('Enter');
    await camille.locator('bureau-chat [part="log"]').getByText(text).waitFor({ timeout: LIVE });
    // Closing the tab while offline loses nothing: the outbox is in the person's IndexedDB.
    await camille.reload({ waitUntil: 'load' }).catch(() => undefined);
    await context.setOffline(false);
    await camille.reload({ waitUntil: 'load' });
    await karim.locator('bureau-chat [part="log"]').getByText(text).waitFor({ timeout: LIVE });
    await camille.locator('bureau-chat [part="log"]').getByText(text).waitFor({ timeout: LIVE });
    // Delivered exactly once, for both of them.
    const count = async (page: Page): Promise<number> => page.locator('bureau-chat [part="log"]').getByText(text, { exact: true }).count();
    await camille.locator('bureau-chat [part="offline-banner"]').waitFor({ state: 'detached', timeout: LIVE });
    assert.equal(await count(karim), 1);
    assert.equal(await count(camille), 1);
  });

  it('see a document someone uploads appear in their own list', async () => {
    const name = `${unique('compte-rendu-cst').replace(/ /g, '-')}.txt`;
    await karim.locator('bureau-files input[type="file"]').first().setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from('Compte rendu du CST du 27 novembre.\n') });
    await karim.locator('bureau-files').getByText(name).first().waitFor({ timeout: LIVE });
    await camille.locator('bureau-files').getByText(name).first().waitFor({ timeout: LIVE });
  });

  it('see a card another person moves with « Déplacer vers… » land in its new column', async () => {
    const firstCard = karim.locator('bureau-board [part~="card"]').first();
    await firstCard.waitFor({ timeout: LIVE });
    const title = (await firstCard.locator('[part="card-title"]').textContent())?.trim() ?? '';
    assert.notEqual(title, '');
    const columns = karim.locator('bureau-board [part="column-heading"]');
    const target = ((await columns.nth(1).textContent()) ?? '').trim();
    await firstCard.locator('[part="move-button"]').click();
    const dialog = karim.locator('bureau-board dialog[part="move-dialog"]');
    await dialog.waitFor({ timeout: LIVE });
    await dialog.locator('select[name="column"]').selectOption({ index: 1 });
    await dialog.locator('button[type="submit"]').click();
    // Camille sees the card in the second column without doing anything.
    const secondColumn = camille.locator('bureau-board [part="cards"]').nth(1);
    await secondColumn.locator('[part="card-title"]', { hasText: title }).waitFor({ timeout: LIVE });
    assert.ok(target.length > 0);
  });
});
