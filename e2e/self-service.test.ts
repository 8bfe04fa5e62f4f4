// Self-service, in two (or three) browser contexts on the demo page of Espace RH 360: people create
// their own columns, cards and rooms from the components, an owner adds and removes a colleague and
// that colleague's page follows without a reload, a guest reads without creation controls, and the
// composer stays a few Tab presses from the room list however long the room.
// Needs `npm run build` (the server's dist and bureau.js).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
// @ts-expect-error: plain JavaScript shared with the benchmarks.
import { startBench } from '../bench/chromium.js';
import { demoPages, LIVE, unique, type Bench, type DemoPages } from './demo-pages.js';

const NOT_A_MEMBER = /Vous n’êtes pas membre de cet espace/;

let bench: Bench;
let pages: DemoPages;
const openAs = (person: string, options?: { timezoneId?: string }): Promise<Page> => pages.openAs(person, options);

describe('self-service on the Espace RH 360 page', { timeout: 170_000 }, () => {
  let karim: Page;
  let camille: Page;

  before(async () => {
    // The long room of the last test is seeded faster than a person types: the send rate limit is raised.
    bench = (await startBench('e2e-self-service', { chat: { sendRateLimit: { max: 1_000_000, windowMs: 60_000 } } })) as Bench;
    pages = demoPages(bench);
    karim = await openAs('karim');
    camille = await openAs('camille');
    await karim.locator('bureau-chat [part="composer-field"]').waitFor({ timeout: LIVE });
    await camille.locator('bureau-chat [part="composer-field"]').waitFor({ timeout: LIVE });
  });

  after(async () => {
    await pages?.close();
    await bench?.close();
  });

  it('Karim adds a column and a card with the keyboard only; Camille sees both live and moves the card', async () => {
    const column = unique('À relire');
    const card = unique('Relire la grille d’évaluation');
    const addColumn = karim.locator('bureau-board button[part="add-column-button"]');
    await addColumn.waitFor({ timeout: LIVE });
    await addColumn.focus();
    await karim.keyboard.press('Enter');
    await karim.keyboard.type(column);
    await karim.keyboard.press('Enter');
    const karimColumn = karim.locator('bureau-board section[part~="column"]', { has: karim.getByRole('heading', { name: column }) });
    await karimColumn.waitFor({ timeout: LIVE });
    // Focus comes back to « Ajouter une colonne »: Shift+Tab walks back into the new column's foot.
    const addCard = karimColumn.locator('button[part="add-card-button"]');
    await addCard.focus();
    await karim.keyboard.press('Enter');
    await karim.keyboard.type(card);
    await karim.keyboard.press('Enter');
    // The field stays open and empty for the next card; Escape closes it and gives the focus back.
    const field = karimColumn.locator('input[part="add-card-field"]');
    assert.equal(await field.inputValue(), '');
    await karimColumn.locator('[part="card-title"]', { hasText: card }).waitFor({ timeout: LIVE });
    await karim.keyboard.press('Escape');
    await addCard.waitFor({ timeout: LIVE });

    const camilleColumn = camille.locator('bureau-board section[part~="column"]', { has: camille.getByRole('heading', { name: column }) });
    const camilleCard = camilleColumn.locator('li[part~="card"]', { hasText: card });
    await camilleCard.waitFor({ timeout: LIVE });
    // Camille moves it one column to the left with the keyboard (Space lifts, arrow, Space drops).
    await camilleCard.focus();
    await camille.keyboard.press('Space');
    await camille.keyboard.press('ArrowLeft');
    await camille.keyboard.press('Space');
    await karimColumn.locator('li[part~="card"]', { hasText: card }).waitFor({ state: 'detached', timeout: LIVE });
    await karim.locator('bureau-board li[part~="card"]', { hasText: card }).waitFor({ timeout: LIVE });
  });

  it('Karim creates a room and Camille writes in it', async () => {
    const name = unique('projet-cia');
    await karim.locator('bureau-room-list button[part="new-room-button"]').click();
    const dialog = karim.locator('bureau-room-list dialog[part="room-dialog"]');
    await dialog.locator('input[name="name"]').fill(name);
    await dialog.locator('input[name="topic"]').fill('Le complément indemnitaire annuel');
    await dialog.locator('button[type="submit"]').click();
    // Karim's chat shows the new room at once.
    await karim.locator('bureau-chat [part="header"]').getByText(name).waitFor({ timeout: LIVE });

    const room = camille.locator('bureau-room-list [part~="room"]', { hasText: name });
    await room.waitFor({ timeout: LIVE });
    await room.click();
    await camille.locator('bureau-chat [part="header"]').getByText(name).waitFor({ timeout: LIVE });
    const text = unique('Première question sur le CIA');
    await camille.locator('bureau-chat [part="composer-field"]').fill(text);
    await camille.locator('bureau-chat [part="composer-field"]').press('Enter');
    await karim.locator('bureau-chat [part="log"]').getByText(text).waitFor({ timeout: LIVE });
  });

  it('Karim adds Théo: Théo’s page comes alive without a reload; removed, it returns to « not a member »', async () => {
    const theo = await openAs('theo');
    await theo.locator('bureau-chat [part="state"]').getByText(NOT_A_MEMBER).waitFor({ timeout: LIVE });
    await theo.locator('bureau-board[board] [part="state"]').getByText(NOT_A_MEMBER).waitFor({ timeout: LIVE });
    await theo.locator('bureau-board[space] [part="state"]').getByText(NOT_A_MEMBER).waitFor({ timeout: LIVE });
    await theo.locator('bureau-room-list [part="state"]').getByText(NOT_A_MEMBER).waitFor({ timeout: LIVE });
    assert.equal(await theo.locator('bureau-chat [part="composer-field"]').count(), 0, 'no half-drawn composer');
    assert.equal(await theo.locator('bureau-chat [role="alert"], bureau-board [role="alert"]').count(), 0, 'no error styling');

    await karim.locator('bureau-chat button[part="members-button"]').click();
    const panel = karim.locator('bureau-chat dialog[part="members-dialog"] bureau-members');
    await panel.locator('input[part="search-field"]').fill('theo');
    await panel.getByRole('button', { name: 'Ajouter Théo Garnier' }).click();
    await panel.locator('[part="member"]', { hasText: 'Théo Garnier' }).waitFor({ timeout: LIVE });

    await theo.locator('bureau-chat [part="composer-field"]').waitFor({ timeout: LIVE });
    await theo.locator('bureau-board li[part~="card"]').first().waitFor({ timeout: LIVE });
    await theo.locator('bureau-room-list [part~="room"]').first().waitFor({ timeout: LIVE });
    await theo.locator('bureau-board[space] [part="open-board-button"]').first().waitFor({ timeout: LIVE });

    await panel.getByRole('button', { name: 'Retirer Théo Garnier de l’espace' }).click();
    await panel.locator('dialog button[value="yes"]').click();
    await panel.locator('[part="member"]', { hasText: 'Théo Garnier' }).waitFor({ state: 'detached', timeout: LIVE });
    await karim.locator('bureau-chat button[part="members-close-button"]').click();

    await theo.locator('bureau-chat [part="state"]').getByText(NOT_A_MEMBER).waitFor({ timeout: LIVE });
    await theo.locator('bureau-board[board] [part="state"]').getByText(NOT_A_MEMBER).waitFor({ timeout: LIVE });
    await theo.locator('bureau-board[space] [part="state"]').getByText(NOT_A_MEMBER).waitFor({ timeout: LIVE });
    await theo.locator('bureau-room-list [part="state"]').getByText(NOT_A_MEMBER).waitFor({ timeout: LIVE });
    assert.equal(await theo.locator('bureau-board li[part~="card"]').count(), 0, 'nothing of the board stays on screen');
    assert.equal(await theo.locator('bureau-chat [part~="message"]').count(), 0, 'nothing of the room stays on screen');
  });

  it('a guest reads everything and sees no creation control', async () => {
    const ines = await openAs('ines');
    await ines.locator('bureau-chat [part~="message"]').first().waitFor({ timeout: LIVE });
    await ines.locator('bureau-board li[part~="card"]').first().waitFor({ timeout: LIVE });
    await ines.locator('bureau-chat [part="read-only"]').waitFor({ timeout: LIVE });
    await ines.locator('bureau-room-list [part~="room"]').first().waitFor({ timeout: LIVE });
    await ines.locator('bureau-board[space] [part="open-board-button"]', { hasText: 'Campagne d’entretiens professionnels 2027' }).waitFor({ timeout: LIVE });
    for (const selector of [
      'bureau-room-list [part="new-room-button"]',
      'bureau-board [part="add-card-button"]',
      'bureau-board [part="add-column-button"]',
      'bureau-board [part="column-button"]',
      'bureau-board [part="new-board-button"]',
      'bureau-board [part="rename-board-button"]',
      'bureau-chat [part="composer-field"]',
    ]) {
      assert.equal(await ines.locator(selector).count(), 0, `no ${selector} for a guest`);
    }
  });

  it('the public page of a share link shows its expiry as the share dialog does, in the browser’s time zone', async () => {
    // Karim works from Cayenne (UTC−3): the link he makes « until » a day ends at 23:59 his time, 03:59 in Paris.
    const page = await openAs('karim', { timezoneId: 'America/Cayenne' });
    const files = page.locator('bureau-files');
    await files.locator('button.entry', { hasText: 'Guides RH' }).click();
    await files.locator('[part~="share-button"]').click();
    await files.locator('[part~="share-create-button"]').click();
    const link = files.locator('[part~="share-link"]').first();
    await link.waitFor({ timeout: LIVE });
    const inDialog = (await link.locator('.meta').textContent()) ?? '';
    assert.match(inDialog, /^Expire le .* à 23:59$/);
    await page.goto(await link.locator('input').inputValue());
    const onPage = (await page.locator('main time').textContent()) ?? '';
    assert.equal(`Expire le ${onPage}`, inDialog, 'the same instant, zone and format on the page as in the dialog');
  });

  it('the composer is at most 5 Tab presses from the room list, in a room of 200 messages', async (t) => {
    const name = unique('longue-discussion');
    const room = await karim.evaluate(async (roomName) => {
      const { csrfToken } = await (await fetch('/v1/session')).json();
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken };
      const created = await (await fetch('/v1/spaces/espace-rh-360/rooms', { method: 'POST', headers, body: JSON.stringify({ name: roomName }) })).json();
      // One message after the other: their numbers are their order (no named function: tsx would wrap it).
      for (let index = 1; index <= 200; index += 1) {
        const response = await fetch(`/v1/rooms/${created.id}/messages`, { method: 'POST', headers, body: JSON.stringify({ text: `Message n° ${index}` }) });
        if (!response.ok) throw new Error(`POST message: ${response.status}`);
      }
      return created as { id: string };
    }, name);
    const roomButton = camille.locator('bureau-room-list [part~="room"]', { hasText: name });
    await roomButton.click();
    await camille.locator('bureau-chat [part~="message"]', { hasText: 'Message n° 200' }).waitFor({ timeout: LIVE });
    assert.ok(room.id);
    await roomButton.focus();
    let presses = 0;
    const inComposer = (): Promise<boolean> =>
      camille.evaluate(() => document.querySelector('bureau-chat')?.shadowRoot?.activeElement?.matches('[part="composer-field"]') === true);
    while (presses < 12 && !(await inComposer())) {
      await camille.keyboard.press('Tab');
      presses += 1;
    }
    assert.ok(await inComposer(), 'the composer is reached by Tab');
    t.diagnostic(`${presses} Tab presses from the room shown in the list to the composer`);
    assert.ok(presses <= 5, `${presses} Tab presses from the room list to the composer (at most 5)`);
    // And the list is a feed: Shift+Tab goes back to it (one stop), ArrowUp to the latest message, ArrowUp again to the one before.
    await camille.keyboard.press('Shift+Tab');
    const focusedText = (): Promise<string> => camille.evaluate(() => document.querySelector('bureau-chat')?.shadowRoot?.activeElement?.textContent ?? '');
    await camille.keyboard.press('ArrowUp');
    assert.match(await focusedText(), /Message n° 200\b/);
    await camille.keyboard.press('ArrowUp');
    assert.match(await focusedText(), /Message n° 199\b/);
    // Tab from a message reaches its own actions (here « Répondre »), not the other messages'.
    await camille.keyboard.press('Tab');
    const action = await camille.evaluate(() => document.querySelector('bureau-chat')?.shadowRoot?.activeElement?.closest('article')?.textContent ?? '');
    assert.match(action, /Message n° 199\b/);
  });
});
