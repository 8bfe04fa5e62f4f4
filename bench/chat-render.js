#!/usr/bin/env node
// Renders a room of 10,000 messages with <bureau-chat> in Chromium and prints what it costs, each
// goal of docs/chat.md on a line (`goal met` / `goal MISSED`):
// - first rows from inserting the element, on a first visit and from the cache (a reload), medians of 5,
// - a burst of 200 incoming messages with all 10,000 loaded: long tasks (over 50 ms),
// - then messages arriving one at a time: main-thread time per message, beside a bare DOM append,
// - time to first paint of the latest page (from inserting the element to the newest message in the DOM),
// - DOM rows mounted after the first paint and once all 10,000 are loaded (bounded: the list is windowed),
// - frame times while scrolling with the wheel from the newest message to the oldest, and back.
// Figures only, no assertion on times. Needs `npm run build` (server dist and bureau.js).
// Usage: node bench/chat-render.js [--messages 10000] [--runs 5] [--profile] [--no-scroll]
// --profile prints the CPU hot spots (self time per source line, through the source maps).
// --no-scroll leaves out the wheel through the whole room (the longest part on a loaded machine).
import { acceptRules, mountTimed, recordFrames, startBench, stopFrames } from './chromium.js';
import { printProfile, startProfile } from './profile.js';

const profiling = process.argv.includes('--profile');
const scrolling = !process.argv.includes('--no-scroll');
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
  // As people who use the space: its rules of use accepted (their dialog would cover the chat).
  await acceptRules(camille, 'espace-rh-360');
  await acceptRules(karim, 'espace-rh-360');
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

  /** <bureau-chat> on the room, 700 px high, timed to its first message rows (see `mountTimed`). */
  const chatOf = (preload) => ({
    tag: 'bureau-chat',
    attributes: { room: room.id },
    style: { '--bureau-chat-block-size': '700px' },
    ready: '.log [part~="message"]',
    // The newest message, by either author.
    text: [`n° ${Math.floor(total / 2)} :`, `n° ${Math.ceil(total / 2)} :`],
    preload,
  });
  const firstRows = (page) => mountTimed(page, chatOf(false));
  const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  const firstVisits = [];
  const fromCache = [];
  const rawFirst = [];
  for (let run = 0; run < runs; run += 1) {
    // A first visit: a browser that never saw the room; then a reload, the room in its cache.
    const visitor = await pageAs('camille');
    firstVisits.push(await firstRows(visitor));
    // The raw reference, same page: the latest page fetched bare and its texts appended, to a frame.
    rawFirst.push(
      await visitor.evaluate(async (roomId) => {
        const start = performance.now();
        const page = await (await fetch(`/v1/rooms/${roomId}/messages`)).json();
        const list = document.createElement('div');
        list.append(...page.items.map((message) => Object.assign(document.createElement('p'), { textContent: message.text })));
        document.body.append(list);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const ms = performance.now() - start;
        list.remove();
        return ms;
      }, room.id),
    );
    // Let the first visit write its cache (the latest page), then reload.
    await visitor.waitForTimeout(500);
    await visitor.reload();
    fromCache.push(await firstRows(visitor));
    await visitor.context().close();
  }

  const firstProfile = profiling ? await startProfile(camille) : null;
  const shown = await mountTimed(camille, chatOf(true));
  const figures = await camille.evaluate(
    async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const chat = document.querySelector('bureau-chat');
      const rows = () => chat.shadowRoot.querySelectorAll('.log [part~="message"]');

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
        pages,
        loadAll,
        rowsAllLoaded,
        domNodes,
        center: { x: box.left + box.width / 2, y: box.top + box.height / 2 },
      };
    },
  );
  Object.assign(figures, { firstPaint: shown.ms, rowsAtFirstPaint: shown.count, newestShown: shown.textShown });

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
    // Rows of every kind (day separators too): counted without a selector query in the frame.
    await recordFrames(camille, 'wheel', { host: 'bureau-chat', selector: '.log .rows' });
    const atEnd = ({ top, end }) => (step < 0 ? top < 1 : top > end - 1);
    let ends = 0;
    let wheels = 0;
    for (; wheels < 10_000 && ends < 2; wheels += 1) {
      await camille.mouse.wheel(0, step);
      if (wheels % 10 === 9) ends = atEnd(await position()) ? ends + 1 : 0;
    }
    const frames = await stopFrames(camille, 'wheel');
    // A list that never reached its end did not move under the wheel: its frames measure no scrolling.
    return { wheels, ...frames, maxRows: frames.most, reached: ends >= 2 };
  }
  const unmeasured = { wheels: 0, frames: 0, p50: Number.NaN, p95: Number.NaN, max: Number.NaN, maxRows: 0, reached: false };
  const scrollProfile = profiling && scrolling ? await startProfile(camille) : null;
  const up = scrolling ? await wheelThrough(-400) : unmeasured;
  const down = scrolling ? await wheelThrough(400) : unmeasured;
  if (scrollProfile) printProfile('wheel scrolling', await scrollProfile.stop());
  figures.maxRows = Math.max(up.maxRows, down.maxRows);

  // The raw reference of scrolling, same page, same run: a plain box of as many bare rows of text in
  // the chat's place, wheeled up by 300 steps of 400 px.
  await camille.evaluate((total) => {
    const box = document.querySelector('bureau-chat').shadowRoot.querySelector('.log').getBoundingClientRect();
    const list = document.createElement('div');
    list.id = 'raw-scroll';
    list.style.cssText = `position: fixed; left: ${box.left}px; top: ${box.top}px; inline-size: ${box.width}px; block-size: ${box.height}px; overflow: auto; background: white`;
    list.append(...Array.from({ length: total }, (_, index) => Object.assign(document.createElement('p'), { textContent: `Message brut n° ${index} : ${'point à l’ordre du jour, '.repeat(1 + (index % 7))}` })));
    document.body.append(list);
    list.scrollTop = list.scrollHeight;
  }, total);
  await recordFrames(camille, 'raw-wheel');
  for (let wheel = 0; scrolling && wheel < 300; wheel += 1) await camille.mouse.wheel(0, -400);
  const rawScroll = await stopFrames(camille, 'raw-wheel');
  await camille.evaluate(() => document.getElementById('raw-scroll').remove());

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

  // One message at a time (each arrives alone, as in a room's ordinary life), all 10,000 loaded and
  // the list at the bottom: the main thread's busy time in Camille's page (Chromium's TaskDuration
  // metric) per message. The raw reference, same page, same run: per message, parse its event and
  // append a bare <p> to a list of 10,000 <p>s kept at the bottom (a forced layout), one task each.
  const singles = 40;
  const metrics = await camille.context().newCDPSession(camille);
  await metrics.send('Performance.enable');
  const busy = async () => (await metrics.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration').value * 1000;
  const singleProfile = profiling ? await startProfile(camille) : null;
  let before = await busy();
  for (let index = 1; index <= singles; index += 1) {
    await postMessages(karim, room.id, 1, `Seul ${index}`);
    await camille.waitForFunction((text) => document.querySelector('bureau-chat').messageList.at(-1)?.text.startsWith(text), `Seul ${index} n° 1 :`, { timeout: 30_000, polling: 'raf' });
  }
  const perMessage = ((await busy()) - before) / singles;
  if (singleProfile) printProfile(`${singles} incoming messages one at a time`, await singleProfile.stop());
  await camille.evaluate((total) => {
    const list = document.createElement('div');
    list.id = 'raw-list';
    list.style.cssText = 'position: fixed; inset: 0 0 auto auto; inline-size: 400px; block-size: 700px; overflow: auto';
    list.append(...Array.from({ length: total }, (_, index) => Object.assign(document.createElement('p'), { textContent: `Message brut n° ${index}` })));
    document.body.append(list);
    // Laid out once before the measure: each append then costs what it adds.
    list.scrollTop = list.scrollHeight;
  }, total);
  await camille.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  before = await busy();
  for (let index = 1; index <= singles; index += 1) {
    await camille.evaluate((index) => {
      const event = JSON.stringify({ type: 'message.created', data: { id: `brut-${index}`, text: `Message brut ${index} : ${'point à l’ordre du jour, '.repeat(3)}` } });
      const list = document.getElementById('raw-list');
      list.append(Object.assign(document.createElement('p'), { textContent: JSON.parse(event).data.text }));
      list.scrollTop = list.scrollHeight;
      return new Promise((resolve) => requestAnimationFrame(() => resolve()));
    }, index);
  }
  const perRawAppend = ((await busy()) - before) / singles;
  await camille.evaluate(() => document.getElementById('raw-list').remove());
  await metrics.detach();

  const ms = (value) => `${value.toFixed(1)} ms`;
  const line = (goal, figure, pass) => console.log(`${pass ? 'goal met ' : 'goal MISSED'}  ${goal}: ${figure}`);
  const firstVisit = median(firstVisits.map((run) => run.ms));
  const cached = median(fromCache.map((run) => run.ms));
  line(`first rows of a ${total}-message room, first visit ≤ 100 ms (median of ${runs})`, `${ms(firstVisit)} [${firstVisits.map((run) => run.ms.toFixed(0)).join(', ')}]`, firstVisit <= 100);
  console.log(`    raw reference, same runs: the latest page fetched bare and appended, to a frame: ${ms(median(rawFirst))} [${rawFirst.map((value) => value.toFixed(0)).join(', ')}]`);
  line(`first rows from the cache (a reload) ≤ 50 ms (median of ${runs})`, `${ms(cached)} [${fromCache.map((run) => run.ms.toFixed(0)).join(', ')}]`, cached <= 50);
  if (!scrolling) console.log('scroll not measured (--no-scroll)');
  else line('rows mounted ≤ 100 (any kind, while scrolling the whole room)', `${figures.maxRows}`, figures.maxRows <= 100);
  if (scrolling) line(
    'scroll frame p95 ≤ 16 ms (wheel, both ways)',
    `${ms(up.p95)} up, ${ms(down.p95)} down; raw reference, same run: a plain list of ${total} rows ${ms(rawScroll.p95)} (${rawScroll.frames} frames)${
      up.reached && down.reached ? '' : ' — the wheel did not take the list to its end: not a scroll measure'
    }`,
    up.reached && down.reached && Math.max(up.p95, down.p95) <= 16.7,
  );
  line(`a burst of ${burst} incoming messages: no long task over 50 ms`, `${burstFigures.long} long tasks, longest ${ms(burstFigures.longest)}, ${ms(burstFigures.total)} in all (${burstFigures.arrived}/${burst} arrived)`, burstFigures.long === 0);
  line(
    `an incoming message with ${total} loaded: ≤ 4 ms of main thread (${singles} one at a time)`,
    `${ms(perMessage)} per message; raw reference, same run: a bare <p> appended to ${total} (event parsed, kept at the bottom) ${ms(perRawAppend)}`,
    perMessage <= 4,
  );
  console.log(`first paint of the latest page: ${ms(figures.firstPaint)} (${figures.rowsAtFirstPaint} rows mounted; newest message shown: ${figures.newestShown})`);
  console.log(`loaded ${figures.pages} older pages (all ${total} messages) in ${(figures.loadAll / 1000).toFixed(1)} s`);
  console.log(`DOM rows mounted with ${total} messages loaded: ${figures.rowsAllLoaded} (at most ${figures.maxRows} while scrolling; ${figures.domNodes} elements in the shadow root)`);
  for (const [name, run] of scrolling ? [['newest → oldest', up], ['oldest → newest', down]] : []) {
    console.log(`scroll ${name} with the wheel (${run.wheels} steps of 400 px, ${run.frames} frames): p50 ${ms(run.p50)}, p95 ${ms(run.p95)}, max ${ms(run.max)}`);
  }
} finally {
  await close();
}
