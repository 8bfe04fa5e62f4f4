// CPU profiles of a page for the render benchmarks (`--profile`): Chromium's sampling profiler over
// the Chrome DevTools Protocol, self time summed per source location, mapped through the bundles'
// source maps so that a line names `packages/sdk/src/chat/timeline.ts:348`, not `bureau.js:1:52311`.
import { readFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';

const dist = new URL('../packages/components/dist/', import.meta.url);

/**
 * Starts the sampling profiler of `page`; the returned `stop()` ends it and resolves with the hot spots.
 * @param {import('playwright-core').Page} page
 */
export async function startProfile(page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    /** @returns {Promise<{ totalMs: number, top: { where: string, ms: number }[] }>} */
    async stop(limit = 15) {
      const { profile } = await session.send('Profiler.stop');
      await session.detach();
      return summarise(profile, limit);
    },
  };
}

const maps = new Map();

/** The source map of a script URL (fetched once), or null. */
async function sourceMapOf(url) {
  if (!/^https?:/.test(url)) return null;
  if (!maps.has(url)) {
    maps.set(
      url,
      // The bundles' maps as built (the server does not send them).
      readFile(new URL(`.${new URL(url).pathname}.map`, dist), 'utf8')
        .then((text) => new SourceMap(JSON.parse(text)))
        .catch(() => null),
    );
  }
  return maps.get(url);
}

async function summarise(profile, limit) {
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  const byNode = new Map();
  for (let index = 0; index < profile.samples.length; index += 1) {
    const id = profile.samples[index];
    byNode.set(id, (byNode.get(id) ?? 0) + (deltas[index + 1] ?? 0));
  }
  let total = 0;
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    total += us;
    if (us === 0) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    let where = `${functionName || '(anonymous)'} ${url.split('/').pop() || '(native)'}:${lineNumber + 1}`;
    const map = await sourceMapOf(url);
    const entry = map?.findEntry(lineNumber, columnNumber);
    if (entry?.originalSource) {
      const source = entry.originalSource.replace(/^.*?(packages|node_modules)\//, '$1/');
      where = `${entry.name ?? functionName ?? ''} ${source}:${entry.originalLine + 1}`.trim();
    } else if (!url) where = functionName || '(program)';
    selfUs.set(where, (selfUs.get(where) ?? 0) + us);
  }
  const top = [...selfUs]
    .filter(([where]) => !['(idle)', '(program)'].includes(where))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, us]) => ({ where, ms: us / 1000 }));
  return { totalMs: total / 1000, top };
}

/** Prints a profile summary under a title. */
export function printProfile(title, { totalMs, top }) {
  console.log(`profile: ${title} (${totalMs.toFixed(0)} ms sampled), self time by source line:`);
  for (const { where, ms } of top) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${where}`);
}
