#!/usr/bin/env node
// The demo's Espace RH 360 page (chat, files and board on one page) as an agent opens it, in Chromium:
// - cold (a browser that never saw it: empty HTTP cache and IndexedDB) and warm (a reload), medians
//   of 5: time from navigation to the first chat, file and card rows;
// - every request the page sends, counted: a GET sent twice for one page load fails the bench;
// - eight tabs of one person: how many `/v1/events` connections they open (the goal is one).
// Prints each goal on a line (`goal met` / `goal MISSED`); exits 1 on duplicates. Needs `npm run build`.
// Usage: node bench/demo-page.js [--runs 5] [--list] (--list prints every request of the last cold and warm loads)
import { startBench } from './chromium.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const { origin, browser, close } = await startBench('demo-page');

/** A browser context signed in as `userId` (the dev sign-in, by request: nothing else is loaded). */
async function signedIn(userId) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const response = await context.request.post(`${origin}/v1/auth/dev`, { data: { userId } });
  if (!response.ok()) throw new Error(`sign-in as ${userId}: ${response.status()}`);
  return context;
}

/** Loads (or reloads) the page and resolves with the first rows' times and the requests sent. */
async function load(page, reload) {
  const requests = [];
  const record = (request) => requests.push(`${request.method()} ${request.url().replace(origin, '')}`);
  page.on('request', record);
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(`${origin}/espace-rh-360.html`, { waitUntil: 'commit' });
  // performance.now() counts from the navigation: each time is from navigation to the rows.
  const times = await page.evaluate(async () => {
    const found = {};
    const deep = (tag, selector) => document.querySelector(tag)?.shadowRoot?.querySelector(selector) ?? null;
    const probes = {
      chat: () => deep('bureau-chat', '.log [part~="message"]'),
      files: () => deep('bureau-files', '[part~="entry"]'),
      board: () => deep('bureau-board', 'li[data-card]'),
    };
    const started = performance.now();
    while (Object.keys(found).length < 3 && performance.now() - started < 30_000) {
      for (const [name, probe] of Object.entries(probes)) if (!(name in found) && probe() !== null) found[name] = performance.now();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return found;
  });
  // Requests still on their way after the rows (cache revalidation) count too: let the page settle.
  await page.waitForLoadState('networkidle').catch(() => {});
  page.off('request', record);
  return { times, requests };
}

/** GETs sent more than once in one load (the event stream counted apart). */
function duplicates(requests) {
  const counts = new Map();
  for (const request of requests) if (request.startsWith('GET ')) counts.set(request, (counts.get(request) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => (value === undefined ? 'never' : `${value.toFixed(0)} ms`);
const line = (goal, figure, pass) => console.log(`${pass ? 'goal met ' : 'goal MISSED'}  ${goal}: ${figure}`);

try {
  const cold = [];
  const warm = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await signedIn('camille');
    const page = await context.newPage();
    cold.push(await load(page, false));
    warm.push(await load(page, true));
    await context.close();
  }
  const slowest = (load) => Math.max(...['chat', 'files', 'board'].map((name) => load.times[name] ?? Number.POSITIVE_INFINITY));
  const coldMs = median(cold.map(slowest));
  const warmMs = median(warm.map(slowest));
  line(`cold: first chat, file and card rows from navigation ≤ 600 ms (median of ${runs})`, ms(coldMs), coldMs <= 600);
  line(`warm reload: first rows from navigation ≤ 150 ms (median of ${runs})`, ms(warmMs), warmMs <= 150);
  for (const [name, loads] of [['cold', cold], ['warm', warm]]) {
    const last = loads.at(-1);
    const streams = last.requests.filter((request) => request.includes('/v1/events')).length;
    const twice = duplicates(last.requests);
    line(`${name}: each resource requested once`, `${last.requests.length} requests, ${streams} event stream(s), ${twice.length} duplicated GETs`, twice.length === 0);
    for (const [request, count] of twice) console.log(`    ${count}× ${request}`);
    if (process.argv.includes('--list')) for (const request of last.requests) console.log(`    ${request}`);
    if (twice.length > 0) process.exitCode = 1;
  }

  // Eight tabs of one person: one event stream among them.
  const context = await signedIn('camille');
  let streams = 0;
  context.on('request', (request) => {
    if (new URL(request.url()).pathname === '/v1/events') streams += 1;
  });
  const tabs = [];
  for (let tab = 0; tab < 8; tab += 1) {
    const page = await context.newPage();
    await page.goto(`${origin}/espace-rh-360.html`);
    tabs.push(page);
  }
  await Promise.all(tabs.map((page) => page.waitForFunction(() => document.querySelector('bureau-chat')?.shadowRoot?.querySelector('.log [part~="message"]'), null, { timeout: 30_000 })));
  line('eight tabs: one /v1/events connection', `${streams}`, streams === 1);
  await context.close();
} finally {
  await close();
}
