// The examples, as an intranet developer would run them: Bureau's demo server on 127.0.0.1 and the
// example pages on "localhost" (another site), in headless Chromium. Each page signs in, sends a
// message that the host page hears about, and receives one live; the cookie page says it cannot
// sign in; the strict-CSP portal works under its policy with Trusted Types and nothing is blocked;
// the React, Vue and Angular apps do the same and keep the room shown in their own state.
// Needs `npm run build` (the server's dist and bureau.js); the framework apps are built here
// (frameworks.js) and type-checked with the published typings in consumer-types/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error: plain JavaScript shared with the benchmarks.
import { chromiumArgs, chromiumPath } from '../bench/chromium.js';
// @ts-expect-error: plain JavaScript, the examples' own server.
import { serveExamples } from './serve.js';
// @ts-expect-error: plain JavaScript, the framework examples' build.
import { build as buildFrameworkApps } from './frameworks.js';

/** Long enough for a loaded shared machine; a live change normally shows within milliseconds. */
const LIVE = 15_000;

interface Running {
  url: string;
  close(): Promise<void>;
}

let bureau: Running;
let examples: { origin: string; close(): Promise<void> };
let browser: Browser;

before(async () => {
  const built = buildFrameworkApps() as Promise<void>;
  const [{ mkdtempSync, rmSync }, { tmpdir }, { join }, { chromium }, { startServer }] = await Promise.all([
    import('node:fs'),
    import('node:os'),
    import('node:path'),
    import('playwright-core'),
    import('../packages/server/dist/index.js'),
  ]);
  let bureauUrl = '';
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const snippet = /## Embed it\s+```html\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(snippet, 'the README has an html snippet under "Embed it"');
  // The README's snippet as pasted, its server address made this test's. "localhost" on another
  // port is the same site as the page: the cookie mode the snippet uses works there.
  const readmePage = (): string => `<!doctype html><html lang="fr"><meta charset="utf-8"><title>README</title><body>${snippet.replaceAll('https://bureau.example.fr', bureauUrl.replace('127.0.0.1', 'localhost'))}</body></html>`;
  examples = await serveExamples({ bureauUrl: () => bureauUrl, port: 0, pages: { get '/readme.html'() { return readmePage(); } } });
  const dataDir = mkdtempSync(join(tmpdir(), 'bureau-examples-'));
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', demo: true, logger: false, allowedOrigins: [examples.origin] });
  bureauUrl = server.url;
  bureau = {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  await built;
});

after(async () => {
  await browser?.close();
  await examples?.close();
  await bureau?.close();
});

const unique = (words: string): string => `${words} ${Math.random().toString(36).slice(2, 8)}`;

/** Opens an example page in a fresh browser context; page errors and console errors and warnings are collected. */
async function open(path: string): Promise<{ page: Page; errors: string[]; warnings: string[] }> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') warnings.push(`${message.type()}: ${message.text()}`);
  });
  await page.goto(`${examples.origin}${path}`, { waitUntil: 'load' });
  return { page, errors, warnings };
}

/** Karim writes in the room through the API, with a demo token, as another person elsewhere. */
async function karimSays(text: string): Promise<void> {
  const { accessToken } = (await (await fetch(`${bureau.url}/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'karim' }),
  })).json()) as { accessToken: string };
  const reply = await fetch(`${bureau.url}/v1/rooms/espace-rh-360-general/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ text }),
  });
  assert.equal(reply.status, 201);
}

/** In a page signed in as Camille: sends a message, sees the host hear it, and sees Karim's live. */
async function sendAndReceive(page: Page, hostListens = true): Promise<void> {
  const field = page.locator('bureau-chat [part="composer-field"]');
  // The room shown first: typing before it is there races the composer's draft being restored.
  await page.locator('bureau-chat [part~="message"]').first().waitFor({ timeout: LIVE });
  await field.waitFor({ timeout: LIVE });
  const text = unique('Bonjour depuis la commune');
  await field.fill(text);
  await field.press('Enter');
  if (hostListens) await page.locator('#host-log').getByText(text).waitFor({ timeout: LIVE });
  // Sent, not merely pending: the server's copy is in the log without the pending mark.
  await page.locator('bureau-chat [part~="message"]:not([part~="message-pending"]):not([part~="message-failed"])').getByText(text).waitFor({ timeout: LIVE });
  const answer = unique('Bien reçu, Camille');
  await karimSays(answer);
  await page.locator('bureau-chat [part="log"]').getByText(answer).waitFor({ timeout: LIVE });
}

describe('the README snippet, as pasted', { timeout: 120_000 }, () => {
  it('signs in (cookie, same site) and shows the chat, the rooms, the documents and the board without an error', async () => {
    const { page, errors } = await open('/readme.html');
    await page.locator('bureau-client [part~="dev-users"] button', { hasText: 'Camille Martin' }).click();
    await page.locator('bureau-client [part="message"]').getByText('Connecté·e en tant que Camille Martin').waitFor({ timeout: LIVE });
    // Known gap: components rendered while signed out do not all recover after an in-page sign-in
    // (the chat's composer stays disabled); a reload, as after an OIDC sign-in, shows the page as signed in.
    await page.reload({ waitUntil: 'load' });

    await page.locator('bureau-client [part="message"]').getByText('Connecté·e en tant que Camille Martin').waitFor({ timeout: LIVE });
    // The demo space has rules of use: the first visit asks to accept them, in a modal dialog.
    await page.locator('bureau-client dialog').getByRole('button', { name: 'J’ai lu et j’accepte' }).click({ timeout: LIVE });
    await sendAndReceive(page, false);
    await page.locator('bureau-room-list [part~="room"]').first().waitFor({ timeout: LIVE });
    await page.locator('bureau-files').getByText('Notes de service').first().waitFor({ timeout: LIVE });
    await page.locator('bureau-board').getByText('À faire').first().waitFor({ timeout: LIVE });
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('examples on another site than Bureau', { timeout: 120_000 }, () => {
  it('plain HTML with getToken: signed in, sends and receives a message live', async () => {
    const { page, errors } = await open('/cross-site/');
    await page.locator('bureau-client [part="message"]').getByText('Connecté·e en tant que Camille Martin').waitFor({ timeout: LIVE });
    await sendAndReceive(page);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('plain HTML in cookie mode: says it cannot sign in here, never that it is signed in', async () => {
    const { page, errors } = await open('/cross-site/cookie.html');
    await page.locator('bureau-client [part~="dev-users"] button', { hasText: 'Camille Martin' }).click();
    const message = page.locator('bureau-client [part="message"]');
    await message.getByText('Connexion impossible sur cette page').waitFor({ timeout: LIVE });
    assert.doesNotMatch((await message.textContent()) ?? '', /Connecté·e/);
    const help = page.locator('bureau-client [part="help-link"]');
    assert.equal(await help.getAttribute('href'), `${bureau.url}/help/sign-in`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('strict CSP portal with Trusted Types: works, and nothing is blocked', async () => {
    const { page, errors } = await open('/strict-csp/');
    const policy = (await page.context().request.get(`${examples.origin}/strict-csp/`)).headers()['content-security-policy'] ?? '';
    assert.match(policy, /require-trusted-types-for 'script'/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    await sendAndReceive(page);
    // The room list drives the chat under the policy too.
    await page.locator('bureau-room-list [part~="room"]', { hasText: 'questions-paie' }).click();
    await page.waitForFunction(() => document.querySelector('bureau-chat')?.getAttribute('room') === 'espace-rh-360-questions-paie' || (document.querySelector('bureau-chat') as { room?: string } | null)?.room === 'espace-rh-360-questions-paie', undefined, { timeout: LIVE });
    assert.deepEqual(await page.locator('#violations li').allTextContents(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('React, Vue and Angular apps on another site than Bureau', { timeout: 120_000 }, () => {
  for (const app of ['react', 'vue', 'angular']) {
    it(`${app}: signs in with getToken, sends and receives a message live, and its own state decides the room shown`, async () => {
      const { page, errors, warnings } = await open(`/${app}/`);
      await page.locator('bureau-client [part="message"]').getByText('Connecté·e en tant que Camille Martin').waitFor({ timeout: LIVE });
      await sendAndReceive(page);

      // The room list asks first (bureau-room-select); the app prevents it and changes its state,
      // which sets the chat's room and the list's selection. The page hears whether it was prevented.
      const prevented = page.evaluate(() => new Promise<boolean>((resolve) => {
        document.addEventListener('bureau-room-select', (event) => resolve(event.defaultPrevented), { once: true });
      }));
      await page.locator('bureau-room-list [part~="room"]', { hasText: 'questions-paie' }).click();
      assert.equal(await prevented, true, 'the app prevented the room list from choosing for it');
      await page.locator('#host-room').getByText('espace-rh-360-questions-paie').waitFor({ timeout: LIVE });
      await page.waitForFunction(() => (document.querySelector('bureau-chat') as { room?: string } | null)?.room === 'espace-rh-360-questions-paie', undefined, { timeout: LIVE });
      await page.locator('bureau-room-list [part~="room-selected"]', { hasText: 'questions-paie' }).waitFor({ timeout: LIVE });
      // A development build: the framework would have said here that a Bureau tag or binding is wrong.
      assert.deepEqual(errors, []);
      assert.deepEqual(warnings, []);
      await page.context().close();
    });
  }
});
