// How Bureau's browser tests and benchmarks start Chromium: Debian's /usr/bin/chromium unless
// CHROME_PATH says otherwise, headless, as root, with the background networking that a closed
// network would refuse switched off. The render benchmarks also get their demo server here.

/** The Chromium executable. */
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Command-line flags for every headless Chromium we start. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * A demo-mode reference server on a fresh data folder (on tmpfs when there is one: seeding writes one
 * transaction per item, and fsync is not what a render benchmark measures), limits raised for seeding,
 * and a headless Chromium. `close()` stops both and removes the folder. Needs `npm run build`.
 * @param {string} name names the data folder
 * @param {Record<string, unknown>} [options] more server options
 */
export async function startBench(name, options = {}) {
  const [{ existsSync, mkdtempSync, rmSync }, { tmpdir }, { join }, { chromium }, { startServer }] = await Promise.all([
    import('node:fs'),
    import('node:os'),
    import('node:path'),
    import('playwright-core'),
    import('../packages/server/dist/index.js'),
  ]);
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `bureau-${name}-`));
  const server = await startServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    demo: true,
    logger: false,
    rateLimit: { max: 1_000_000, windowMs: 60_000 },
    ...options,
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  return {
    origin: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Empties `page`'s body and puts `<bureau-client><tag …></bureau-client>` in it, then waits (a frame
 * at a time, 60 s at most) until the element's shadow root holds an element matching `ready`.
 * Resolves with the time from the insertion, how many elements match `ready` then, and whether one
 * of them contains `text` (when given). Loads `/bureau.js` first; with `preload`, the element's
 * chunks too, so that the time leaves out their download (a first visit's figure keeps it).
 * @param {import('playwright-core').Page} page
 * @param {{ tag: string, attributes?: Record<string, string>, style?: Record<string, string>, ready: string, text?: string[], preload?: boolean }} what
 * @returns {Promise<{ ms: number, count: number, textShown: boolean }>}
 */
export function mountTimed(page, what) {
  return page.evaluate(async ({ tag, attributes = {}, style = {}, ready, text = [], preload = false }) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const bureau = await import('/bureau.js');
    if (preload) await bureau.preload('bureau-client', tag);
    document.body.innerHTML = '';
    document.body.style.margin = '0';
    const client = document.createElement('bureau-client');
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(style)) element.style.setProperty(name, value);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    client.append(element);
    // Marked for traces and resource timings: where the figure starts.
    const start = performance.mark('bench:insert').startTime;
    document.body.append(client);
    const matching = () => element.shadowRoot?.querySelectorAll(ready) ?? [];
    // Bounded: an element that never shows fails the bench instead of holding it for ever.
    while (matching().length === 0) {
      if (performance.now() - start > 60_000) throw new Error(`<${tag}> showed no ${ready} within 60 s`);
      await frame();
    }
    const ms = performance.now() - start;
    const found = [...matching()];
    return { ms, count: found.length, textShown: found.some((node) => text.some((part) => node.textContent.includes(part))) };
  }, what);
}

/**
 * Starts recording frame times in `page` (one `requestAnimationFrame` after another) under `name`;
 * with `count`, also the most children of one element in a frame (found once per frame, in the
 * shadow root of the page's first `count.host`: keep it cheap). `stopFrames(page, name)` ends it.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {{ host: string, selector: string }} [count] e.g. `{ host: 'bureau-chat', selector: '.log .rows' }`
 */
export function recordFrames(page, name, count) {
  return page.evaluate(
    ({ name, count }) => {
      // Found once (and again only if it left the page): a query per frame would be the bench's own cost.
      let element;
      const counted =
        count === undefined
          ? undefined
          : () => {
              if (!element?.isConnected) element = document.querySelector(count.host)?.shadowRoot?.querySelector(count.selector);
              return element;
            };
      const state = { frames: [], most: 0, running: true };
      globalThis.benchFrames = { ...globalThis.benchFrames, [name]: state };
      let last = performance.now();
      const tick = (now) => {
        state.frames.push(now - last);
        last = now;
        if (counted) state.most = Math.max(state.most, counted()?.childElementCount ?? 0);
        if (state.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    { name, count },
  );
}

/**
 * Stops the recording `name` of `recordFrames`: how many frames, their p50, p95 and longest, and the
 * most children counted in a frame.
 * @returns {Promise<{ frames: number, p50: number, p95: number, max: number, most: number }>}
 */
export function stopFrames(page, name) {
  return page.evaluate((name) => {
    const state = globalThis.benchFrames[name];
    state.running = false;
    // The first frame's time is from the start of the recording, not a frame's.
    const frames = state.frames.slice(1).sort((a, b) => a - b);
    const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
    return { frames: frames.length, p50: at(0.5), p95: at(0.95), max: frames.at(-1), most: state.most };
  }, name);
}

/**
 * Has the person signed in on `page` accept the current rules of use of `spaceId`, if it has any
 * and they have not: until then `<bureau-client>` shows them in a modal dialog, which covers the
 * element measured (it takes the wheel, and the layout of a page nobody can use is not the figure).
 * @param {import('playwright-core').Page} page
 * @param {string} spaceId
 */
export function acceptRules(page, spaceId) {
  return page.evaluate(async (spaceId) => {
    const rules = await (await fetch(`/v1/spaces/${spaceId}/rules`)).json();
    if (!rules.mustAccept) return;
    const { csrfToken } = await (await fetch('/v1/session')).json();
    const response = await fetch(`/v1/spaces/${spaceId}/rules/acceptance`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: JSON.stringify({ version: rules.version }),
    });
    if (!response.ok) throw new Error(`accepting the rules of ${spaceId}: ${response.status} ${await response.text()}`);
  }, spaceId);
}
