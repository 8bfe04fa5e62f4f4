// Not a test: opening the demo's Espace RH 360 page as a seeded person, shared by the e2e tests.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Long enough for a loaded shared machine; a live change normally shows within milliseconds. */
export const LIVE = 15_000;

/** What `bench/chromium.js`'s `startBench` gives: the demo server's origin and a headless Chromium. */
export interface Bench {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/** A text no other run wrote, so that a test finds its own. */
export const unique = (words: string): string => `${words} ${Math.random().toString(36).slice(2, 8)}`;

/** Seeded members who have not accepted the « Bon usage » of Espace RH 360 yet (Karim wrote it). */
const mustAcceptRules = new Set(['camille', 'lea', 'ines']);

/** The rules of use come first, in a modal dialog; the person accepts them and the page is theirs. */
export async function acceptRules(page: Page): Promise<void> {
  const dialog = page.locator('bureau-client [part="rules-dialog"]');
  await dialog.waitFor({ timeout: LIVE });
  assert.match((await dialog.textContent()) ?? '', /Pas de données de santé/);
  await page.locator('bureau-client [part="rules-accept-button"]').click();
  await dialog.waitFor({ state: 'detached', timeout: LIVE });
}

export interface DemoPages {
  /**
   * The Espace RH 360 page as `person`, in a browser context of their own (own cookies, as two
   * agents' machines), past the rules of use; any page error fails the run.
   */
  openAs(person: string, options?: { timezoneId?: string }): Promise<Page>;
  /** Closes every context opened. */
  close(): Promise<void>;
}

export function demoPages(bench: Bench): DemoPages {
  const contexts: BrowserContext[] = [];
  return {
    async openAs(person, options = {}) {
      const context = await bench.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => assert.fail(`page error as ${person}: ${error.message}`));
      await page.goto(`${bench.origin}/espace-rh-360.html?as=${person}`, { waitUntil: 'load' });
      if (mustAcceptRules.has(person)) await acceptRules(page);
      return page;
    },
    async close() {
      for (const context of contexts.splice(0)) await context.close();
    },
  };
}
