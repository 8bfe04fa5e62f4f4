#!/usr/bin/env node
// Renders a board of 2,000 cards with <bureau-board> in Chromium and prints what it costs, as the
// median of `--runs` first visits (each in a fresh browser context: empty HTTP cache and IndexedDB):
// - time to first paint (from inserting the element to every column showing its cards),
// - cards and elements in the shadow root,
// - frame times while dragging a card with the pointer across three columns, and the time until
//   the drop shows in its new column.
// Prints each goal on a line (`goal met` / `goal MISSED`); exits 1 when the drop does not land.
// Needs `npm run build` (server dist and bureau.js).
// Usage: node bench/board-render.js [--cards 2000] [--runs 5] [--profile]
// --profile prints the CPU hot spots of the first paint and of the drag (self time per source line,
// through the source maps).
import { startBench } from './chromium.js';
import { printProfile, startProfile } from './profile.js';

const profiling = process.argv.includes('--profile');

const total = Number(process.argv[process.argv.indexOf('--cards') + 1]) || 2_000;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const { origin, browser, close } = await startBench('board-render');

try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${origin}/?as=karim`);

  const seedStart = performance.now();
  const seeded = await page.evaluate(async (total) => {
    const { csrfToken } = await (await fetch('/v1/session')).json();
    const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken };
    const post = async (path, body) => {
      const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const board = await post('/v1/spaces/espace-rh-360/boards', {
      name: `Banc ${Date.now()}`,
      labels: [
        { name: 'Urgent', color: '#b3261e' },
        { name: 'Managers', color: '#2f4fb0' },
      ],
    });
    const columns = [];
    for (const name of ['À faire', 'En cours', 'En validation', 'Terminé']) columns.push(await post(`/v1/boards/${board.id}/columns`, { name }));
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const index = (next += 1);
        const column = columns[index % columns.length];
        await post(`/v1/boards/${board.id}/cards`, {
          columnId: column.id,
          title: `Entretien annuel n° ${index} — ${'agent du service '.repeat(1 + (index % 3))}`,
          description: 'Préparer la **grille** et fixer la date.',
          labelIds: index % 5 === 0 ? [board.labels[index % 2].id] : [],
          dueDate: index % 4 === 0 ? '2027-01-15' : undefined,
          checklist: index % 6 === 0 ? [{ text: 'Convocation' }, { text: 'Compte rendu' }] : undefined,
        });
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return { boardId: board.id, columnIds: columns.map((c) => c.id) };
  }, total);
  console.log(`seeded ${total} cards in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  // The raw limit, in the same run: the board's one GET and its JSON parse, with nothing drawn.
  const rawMs = await page.evaluate(async (boardId) => {
    const times = [];
    for (let run = 0; run < 5; run += 1) {
      const start = performance.now();
      await (await fetch(`/v1/boards/${boardId}`, { cache: 'no-store' })).json();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[2];
  }, seeded.boardId);
  await page.context().close();

  /** One first visit in a fresh context: first paint, then a pointer drag of the first card of « À faire ». */
  const measure = async (profile) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`${origin}/?as=karim`);
    const paintProfile = profile ? await startProfile(page) : undefined;
    const figures = await page.evaluate(async ({ boardId, columnIds }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      await (await import('/bureau.js')).preload('bureau-client', 'bureau-board');
      document.body.innerHTML = '';
      document.body.style.margin = '0';
      const client = document.createElement('bureau-client');
      const board = document.createElement('bureau-board');
      board.style.setProperty('--bureau-board-block-size', '860px');
      board.setAttribute('board', boardId);
      client.append(board);
      const start = performance.now();
      document.body.append(client);
      const shown = () => columnIds.every((id) => board.shadowRoot?.querySelector(`ul[data-column-list="${id}"] li[data-card]`));
      // Bounded: a board that never shows fails the bench instead of holding it for ever.
      while (!shown()) {
        if (performance.now() - start > 60_000) throw new Error('The board did not show its cards within 60 s');
        await frame();
      }
      await frame();
      const firstPaint = performance.now() - start;
      const root = board.shadowRoot;
      const card = root.querySelector(`ul[data-column-list="${columnIds[0]}"] li[data-card]`);
      const from = card.getBoundingClientRect();
      const target = root.querySelector(`ul[data-column-list="${columnIds[3]}"]`).getBoundingClientRect();
      return {
        firstPaint,
        cards: root.querySelectorAll('li[data-card]').length,
        elements: root.querySelectorAll('*').length,
        cardId: card.dataset.card,
        from: { x: from.left + 20, y: from.top + 10 },
        to: { x: target.left + target.width / 2, y: target.top + 200 },
      };
    }, seeded);

    if (paintProfile) printProfile('first paint', await paintProfile.stop());
    const dragProfile = profile ? await startProfile(page) : undefined;
    // Drag the first card of « À faire » to « Terminé » with the pointer, recording frame times in the page.
    await page.evaluate(() => {
      const state = { frames: [], running: true };
      globalThis.benchDrag = state;
      let last = performance.now();
      const tick = (now) => {
        state.frames.push(now - last);
        last = now;
        if (state.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // Pressed where the card is now, as a person aims at what they see: the editing tools that come
    // after the first paint (for those who may write) may have moved it a few pixels since.
    const now = await page.evaluate(({ cardId }) => {
      const box = document.querySelector('bureau-board').shadowRoot.querySelector(`li[data-card="${cardId}"]`).getBoundingClientRect();
      return { x: box.left + 20, y: box.top + 10 };
    }, figures);
    const shift = Math.hypot(now.x - figures.from.x, now.y - figures.from.y);
    if (shift > 0) console.log(`the card moved ${shift.toFixed(0)} px between the first paint and the press (layout shift)`);
    await page.mouse.move(now.x, now.y);
    await page.mouse.down();
    await page.mouse.move(figures.to.x, figures.to.y, { steps: 120 });
    const dropStart = await page.evaluate(() => performance.now());
    await page.mouse.up();
    const drag = await page.evaluate(
      async ({ cardId, columnId, dropStart }) => {
        const root = document.querySelector('bureau-board').shadowRoot;
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        // Bounded: a drop that never shows ends the measure (reported), not the bench.
        while (!root.querySelector(`ul[data-column-list="${columnId}"] li[data-card="${cardId}"]`) && performance.now() - dropStart < 10_000) await frame();
        const landed = root.querySelector(`ul[data-column-list="${columnId}"] li[data-card="${cardId}"]`) !== null;
        const dropShown = performance.now() - dropStart;
        const state = globalThis.benchDrag;
        state.running = false;
        const frames = state.frames.slice(1).sort((a, b) => a - b);
        const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
        // What the person was told (the live region), and where the card is: why a drop did not land.
        const announced = root.querySelector('[part="announcer"]')?.textContent?.trim() ?? '';
        const where = root.querySelector(`li[data-card="${cardId}"]`)?.closest('ul')?.dataset.columnList ?? 'not mounted';
        return { frames: frames.length, p50: at(0.5), p95: at(0.95), max: frames.at(-1), dropShown, landed, announced, where };
      },
      { cardId: figures.cardId, columnId: seeded.columnIds[3], dropStart },
    );

    if (dragProfile) printProfile('drag and drop', await dragProfile.stop());
    await context.close();
    return { ...figures, drag };
  };
  const results = [];
  for (let run = 0; run < runs; run += 1) {
    const result = await measure(profiling && run === runs - 1);
    if (!result.drag.landed) console.log(`run ${run + 1}: the drop did not show in « Terminé » (card in ${result.drag.where}; announced: « ${result.drag.announced} »)`);
    results.push(result);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const figures = { firstPaint: median(results.map((r) => r.firstPaint)), cards: results[0].cards, elements: results[0].elements };
  const drag = {
    frames: median(results.map((r) => r.drag.frames)),
    p50: median(results.map((r) => r.drag.p50)),
    p95: median(results.map((r) => r.drag.p95)),
    max: median(results.map((r) => r.drag.max)),
    dropShown: median(results.map((r) => r.drag.dropShown)),
    landed: results.every((r) => r.drag.landed),
  };
  const ms = (value) => `${value.toFixed(1)} ms`;
  const line = (goal, figure, pass) => console.log(`${pass ? 'goal met ' : 'goal MISSED'}  ${goal}: ${figure}`);
  console.log(`runs: ${runs} first visits; each figure is the median (first paints: ${results.map((r) => r.firstPaint.toFixed(0)).join(', ')} ms; drag p95: ${results.map((r) => r.drag.p95.toFixed(1)).join(', ')} ms)`);
  line(`board of ${total} cards, first paint ≤ 100 ms`, `${ms(figures.firstPaint)} (raw limit: GET of the board and its JSON, nothing drawn, ${ms(rawMs)}; ratio ${(figures.firstPaint / rawMs).toFixed(2)})`, figures.firstPaint <= 100);
  line('drag frame p95 ≤ 16 ms', ms(drag.p95), drag.p95 <= 16.7);
  line('a drag started right after first paint lands', drag.landed ? `shown after ${ms(drag.dropShown)} (median)` : 'not shown after 10 s in some run', drag.landed);
  console.log(`first paint of ${total} cards in 4 columns: ${ms(figures.firstPaint)} (${figures.cards} cards, ${figures.elements} elements in the shadow root)`);
  console.log(`pointer drag across 3 columns (${drag.frames} frames): p50 ${ms(drag.p50)}, p95 ${ms(drag.p95)}, max ${ms(drag.max)}`);
  if (!drag.landed) process.exitCode = 1;
} finally {
  await close();
}
