// Eight tabs of one person: the demo page of the Espace RH 360 opened eight times in one browser
// context (one person's browser, cookies shared). Over HTTP/1.1 a browser gives an origin six
// connections: with one event stream per tab the seventh tab would hang. The tabs share one
// `/v1/events` connection, and every one of them shows a message live; when the tab holding the
// connection closes, another takes over and the rest stay live.
// Needs `npm run build` (the server's dist and bureau.js).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
// @ts-expect-error: plain JavaScript shared with the benchmarks.
import { startBench } from '../bench/chromium.js';

/** Long enough for a loaded shared machine; a live change normally shows within milliseconds. */
const LIVE = 20_000;
const TABS = 8;

interface Bench {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

let bench: Bench;
let camille: BrowserContext;
let karim: Page;
const tabs: Page[] = [];
/** Every `/v1/events` request of Camille's browser, with the tab that sent it. */
const streams: { page: Page; request: Request }[] = [];

const unique = (words: string): string => `${words} ${Math.random().toString(36).slice(2, 8)}`;

/** Posts a message to the demo's general room as Karim, through the API. */
async function karimSays(text: string): Promise<void> {
  const status = await karim.evaluate(async (text) => {
    const { csrfToken } = await (await fetch('/v1/session')).json();
    const response = await fetch('/v1/rooms/espace-rh-360-general/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: JSON.stringify({ text }),
    });
    return response.status;
  }, text);
  assert.equal(status, 201);
}

/** Resolves once every page shows `text` in its chat. */
async function shownIn(pages: Page[], text: string): Promise<void> {
  await Promise.all(pages.map((page) => page.locator('bureau-chat [part="log"]').getByText(text).waitFor({ timeout: LIVE })));
}

describe('eight tabs of one person', { timeout: 180_000 }, () => {
  before(async () => {
    bench = (await startBench('e2e-tabs')) as Bench;
    const karimContext = await bench.browser.newContext();
    karim = await karimContext.newPage();
    await karim.goto(`${bench.origin}/?as=karim`);
    camille = await bench.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    camille.on('request', (request) => {
      if (new URL(request.url()).pathname === '/v1/events') streams.push({ page: request.frame().page(), request });
    });
    // Signed in by the first tab; the others open the page as a person opens tabs of an intranet.
    for (let index = 0; index < TABS; index += 1) {
      const page = await camille.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${bench.origin}/espace-rh-360.html${index === 0 ? '?as=camille' : ''}`, { waitUntil: 'load' });
      // The composer appears once the person is known and the room has loaded: no tab hangs.
      await page.locator('bureau-chat [part="composer-field"]').waitFor({ timeout: LIVE });
      assert.deepEqual(errors, [], `page errors in tab ${index + 1}`);
      tabs.push(page);
    }
  });

  after(async () => {
    await camille?.close();
    await bench?.close();
  });

  it('share one /v1/events connection and all show a message live', async () => {
    const text = unique('Rappel : la réunion du CST est avancée à 9 h');
    await karimSays(text);
    await shownIn(tabs, text);
    assert.equal(streams.length, 1, `one event stream for ${TABS} tabs (${streams.length} opened)`);
  });

  it('stay live when the tab holding the connection closes: another takes over', async () => {
    const leader = streams.at(-1)?.page;
    assert.ok(leader && tabs.includes(leader));
    await leader.close();
    const rest = tabs.filter((page) => page !== leader);
    const text = unique('Les comptes rendus sont dans le dossier partagé');
    await karimSays(text);
    await shownIn(rest, text);
    assert.equal(streams.length, 2, 'one more connection, from the tab that took over');
    assert.ok(rest.includes(streams[1]!.page));
  });
});
