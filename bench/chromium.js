// How Bureau's browser tests and benchmarks start Chromium: Debian's /usr/bin/chromium unless
// CHROME_PATH says otherwise, headless, as root, with the background networking that a closed
// network would refuse switched off.

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
