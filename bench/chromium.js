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
