#!/usr/bin/env node
// Renders a room of 10,000 messages with <bureau-chat> in Chromium and prints what it costs, each
// goal of docs/chat.md on a line (`goal met` / `goal MISSED`):
// - first rows from inserting the element, on a first visit and from the cache (a reload), medians of 5,
// - a burst of 200 incoming messages with all 10,000 loaded: long tasks (over 50 ms),
// - time to first paint of the latest page (from inserting the element to the newest message in the DOM),
// - DOM rows mounted after the first paint and once all 10,000 are loaded (bounded: the list is windowed),
// - frame times while scrolling with the wheel from the newest message to the oldest, and back.
// Figures only, no assertion on times. Needs `npm run build` (server dist and bureau.js).
// Usage: node bench/chat-render.js [--messages 10000] [--runs 5] [--profile]
// --profile prints the CPU hot spots (self time per source line, through the source maps).
import { startBench } from './chromium.js';
import { printProfile, startProfile } from './profile.js';

const profiling = process.argv.includes('--profile');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

const total = Number(process.argv[process.argv.indexOf('--messages') + 1]) || 10_000;
const { origin, browser, close } = await startBench('chat-render', { chat: { sendRateLimit: { max: 1_000_000, windowMs: 60_000 } } });

/** A page of the demo server signed in as `userId` (the demo's `?as=` sign-in). */
async function pageAs(userId) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`console error (${userId}):`, message.text());
  });
  page.on('pageerror', (error) => console.error(`page error (${userId}):`, error.message));
  await page.goto(`${origin}/?as=${userId}`);
  return page;
}

/** Posts `count` messages to `roomId` from the page's person, 16 at a time. */
function postMessages(page, roomId, count, prefix) {
  return page.evaluate(
    async ({ roomId, count, prefix }) => {
      const { csrfToken } = await (await fetch('/v1/session')).json();
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken };
      let next = 0;
      const worker = async () => {
        while (next < count) {
          const index = (next += 1);
          const text = `${prefix} n° ${index} : ${'point à l’ordre du jour, '.repeat(1 + (index % 7))}**fin**`;
          const response = await fetch(`/v1/rooms/${roomId}/messages`, { method: 'POST', headers, body: JSON.stringify({ text }) });
          if (!response.ok) throw new Error(`POST message ${index}: ${response.status} ${await response.text()}`);
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
    },
    { roomId, count, prefix },
  );
}

try {
  const camille = await pageAs('camille');
  const karim = await pageAs('karim');
  const room = await camille.evaluate(async () => {
    const { csrfToken } = await (await fetch('/v1/session')).json();
    const response = await fetch('/v1/spaces/espace-rh-360/rooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: JSON.stringify({ name: `banc-${Date.now()}`, topic: 'Banc de rendu' }),
    });
    return response.json();
  });
  const seedStart = performance.now();
  await Promise.all([postMessages(camille, room.id, Math.ceil(total / 2), 'Camille'), postMessages(karim, room.id, Math.floor(total / 2), 'Karim')]);
  console.log(`seeded ${total} messages in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  /** Inserts <bureau-chat> for the room in `page` and measures its first rows. */
  const firstRows = (page) =>
    page.evaluate(
      async ({ roomId, total }) => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        await import('/bureau.js');
        document.body.innerHTML = '';
        document.body.style.margin = '0';
        const client = document.createElement('bureau-client');
        const chat = document.createElement('bureau-chat');
        chat.style.setProperty('--bureau-chat-block-size', '700px');
        chat.setAttribute('room', roomId);
        client.append(chat);
        const start = performance.now();
        document.body.append(client);
        const rows = () => chat.shadowRoot?.querySelectorAll('.log [part~="message"]') ?? [];
        const newest = () => [...rows()].some((row) => row.textContent.includes(`n° ${Math.floor(total / 2)} :`) || row.textContent.includes(`n° ${Math.ceil(total / 2)} :`));
        while (rows().length === 0) await frame();
        return { ms: performance.now() - start, rows: rows().length, newestShown: newest() };
      },
      { roomId: room.id, total },
    );
  const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  const firstVisits = [];
  const fromCache = [];
  for (let run = 0; run < runs; run += 1) {
    // A first visit: a browser that never saw the room; then a reload, the room in its cache.
    const visitor = await pageAs('camille');
    firstVisits.push(await firstRows(visitor));
    // Let the first visit write its cache (the latest page), then reload.
    await visitor.waitForTimeout(500);
    await visitor.reload();
    fromCache.push(await firstRows(visitor));
    await visitor.context().close();
  }

  const firstProfile = profiling ? await startProfile(camille) : null;
  const figures = await camille.evaluate(
    async ({ roomId, total }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      await (await import('/bureau.js')).preload('bureau-client', 'bureau-chat');
      document.body.innerHTML = '';
      document.body.style.margin = '0';
      const client = document.createElement('bureau-client');
      const chat = document.createElement('bureau-chat');
      chat.style.setProperty('--bureau-chat-block-size', '700px');
      chat.setAttribute('room', roomId);
      client.append(chat);
      const start = performance.now();
      document.body.append(client);
      const rows = () => chat.shadowRoot?.querySelectorAll('.log [part~="message"]') ?? [];
      const newest = () => [...rows()].some((row) => row.textContent.includes(`n° ${Math.floor(total / 2)} :`) || row.textContent.includes(`n° ${Math.ceil(total / 2)} :`));
      while (rows().length === 0) await frame();
      const firstPaint = performance.now() - start;
      const rowsAtFirstPaint = rows().length;
      const newestShown = newest();

      // Load every older page with the keyboard users' button, as a reader scrolling up would.
      const loadStart = performance.now();
      let pages = 0;
      let lastProgress = performance.now();
      for (;;) {
        const button = chat.shadowRoot.querySelector('[part~="older-button"]');
        if (button === null) break;
        if (!button.disabled) {
          button.click();
          pages += 1;
          lastProgress = performance.now();
        }
        // A page that never answers ends the measure rather than the bench.
        if (performance.now() - lastProgress > 60_000) {
          console.error(`loading older pages stalled after ${pages} pages`);
          break;
        }
        await frame();
      }
      const loadAll = performance.now() - loadStart;
      await frame();
      const rowsAllLoaded = rows().length;
      const domNodes = chat.shadowRoot.querySelectorAll('*').length;

      const log = chat.shadowRoot.querySelector('.log');
      const box = log.getBoundingClientRect();
      return {
        firstPaint,
        rowsAtFirstPaint,
        newestShown,
        pages,
        loadAll,
        rowsAllLoaded,
        domNodes,
        center: { x: box.left + box.width / 2, y: box.top + box.height / 2 },
      };
    },
    { roomId: room.id, total },
  );

  if (firstProfile) printProfile('first paint and loading every page', await firstProfile.stop());
  // Scroll the whole room with the mouse wheel (a reader's scrolling): up to the oldest message, then
  // down to the newest, recording frame times and the rows mounted in the page.
  await camille.mouse.move(figures.center.x, figures.center.y);
  const position = () =>
    camille.evaluate(() => {
      const log = document.querySelector('bureau-chat').shadowRoot.querySelector('.log');
      return { top: log.scrollTop, end: log.scrollHeight - log.clientHeight };
    });
  /** Wheels by `step` px until the list stops moving at one end (twice in a row: it may still grow). */
  async function wheelThrough(step) {
    await camille.evaluate(() => {
      const state = { frames: [], maxRows: 0, running: true };
      globalThis.benchScroll = state;
      const chat = document.querySelector('bureau-chat');
      let last = performance.now();
      const tick = (now) => {
        state.frames.push(now - last);
        last = now;
        // Rows of every kind (day separators too): counted without a selector query in the frame.
        state.maxRows = Math.max(state.maxRows, chat.shadowRoot.querySelector('.log .rows').childElementCount);
        if (state.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const atEnd = ({ top, end }) => (step < 0 ? top < 1 : top > end - 1);
    let ends = 0;
    let wheels = 0;
    for (; wheels < 10_000 && ends < 2; wheels += 1) {
      await camille.mouse.wheel(0, step);
      if (wheels % 10 === 9) ends = atEnd(await position()) ? ends + 1 : 0;
    }
    return camille.evaluate((wheels) => {
      const state = globalThis.benchScroll;
      state.running = false;
      const frames = state.frames.slice(1).sort((a, b) => a - b);
      const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
      return { wheels, frames: frames.length, p50: at(0.5), p95: at(0.95), max: frames.at(-1), maxRows: state.maxRows };
    }, wheels);
  }
  const scrollProfile = profiling ? await startProfile(camille) : null;
  const up = await wheelThrough(-400);
  const down = await wheelThrough(400);
  if (scrollProfile) printProfile('wheel scrolling', await scrollProfile.stop());
  figures.maxRows = Math.max(up.maxRows, down.maxRows);

  // A burst of 200 messages from Karim into the room, all 10,000 loaded and the list at the bottom:
  // long tasks (over 50 ms) on Camille's main thread meanwhile.
  const burst = 200;
  await camille.evaluate((burst) => {
    const state = { long: [], seen: 0 };
    globalThis.benchBurst = state;
    new PerformanceObserver((list) => state.long.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: 'longtask' });
  }, burst);
  const burstProfile = profiling ? await startProfile(camille) : null;
  await postMessages(karim, room.id, burst, 'Rafale');
  const burstFigures = await camille.evaluate(async (burst) => {
    const chat = document.querySelector('bureau-chat');
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const started = performance.now();
    // Every message of the burst arrived (bounded: a lost one ends the wait, reported).
    while (performance.now() - started < 60_000 && !chat.messageList.some((m) => m.text.startsWith(`Rafale n° ${burst} :`))) await frame();
    const arrived = chat.messageList.filter((m) => m.text.startsWith('Rafale n°')).length;
    await frame();
    const long = globalThis.benchBurst.long;
    return { arrived, long: long.length, longest: long.length === 0 ? 0 : Math.max(...long), total: long.reduce((a, b) => a + b, 0) };
  }, burst);
  if (burstProfile) printProfile(`a burst of ${burst} incoming messages`, await burstProfile.stop());

  const ms = (value) => `${value.toFixed(1)} ms`;
  const line = (goal, figure, pass) => console.log(`${pass ? 'goal met ' : 'goal MISSED'}  ${goal}: ${figure}`);
  const firstVisit = median(firstVisits.map((run) => run.ms));
  const cached = median(fromCache.map((run) => run.ms));
  line(`first rows of a ${total}-message room, first visit ≤ 100 ms (median of ${runs})`, `${ms(firstVisit)} [${firstVisits.map((run) => run.ms.toFixed(0)).join(', ')}]`, firstVisit <= 100);
  line(`first rows from the cache (a reload) ≤ 50 ms (median of ${runs})`, `${ms(cached)} [${fromCache.map((run) => run.ms.toFixed(0)).join(', ')}]`, cached <= 50);
  line('rows mounted ≤ 100 (any kind, while scrolling the whole room)', `${figures.maxRows}`, figures.maxRows <= 100);
  line('scroll frame p95 ≤ 16 ms (wheel, both ways)', `${ms(up.p95)} up, ${ms(down.p95)} down`, Math.max(up.p95, down.p95) <= 16.7);
  line(`a burst of ${burst} incoming messages: no long task over 50 ms`, `${burstFigures.long} long tasks, longest ${ms(burstFigures.longest)}, ${ms(burstFigures.total)} in all (${burstFigures.arrived}/${burst} arrived)`, burstFigures.long === 0);
  console.log(`first paint of the latest page: ${ms(figures.firstPaint)} (${figures.rowsAtFirstPaint} rows mounted; newest message shown: ${figures.newestShown})`);
  console.log(`loaded ${figures.pages} older pages (all ${total} messages) in ${(figures.loadAll / 1000).toFixed(1)} s`);
  console.log(`DOM rows mounted with ${total} messages loaded: ${figures.rowsAllLoaded} (at most ${figures.maxRows} while scrolling; ${figures.domNodes} elements in the shadow root)`);
  for (const [name, run] of [['newest → oldest', up], ['oldest → newest', down]]) {
    console.log(`scroll ${name} with the wheel (${run.wheels} steps of 400 px, ${run.frames} frames): p50 ${ms(run.p50)}, p95 ${ms(run.p95)}, max ${ms(run.max)}`);
  }
} finally {
  await close();
}
