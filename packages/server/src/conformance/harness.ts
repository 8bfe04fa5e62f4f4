import { openTarget as openConformanceTarget, targetUrl, useTargets } from '@bureau/conformance/harness';
import { freshTestDatabase } from '../db/testing.js';
import type { ServerOptions } from '../options.js';
import { startServer } from '../server.js';

export { call, createSpace, Person, signInWithSpace, type CallOptions, type Reply } from '@bureau/conformance/harness';

/**
 * The server a test of the reference server talks to. The conformance checks live in
 * `@bureau/conformance` (run against any backend with `bureau-conformance --url`); here they run
 * against the reference server, started in-process in demo mode on a fresh temporary data folder and
 * a fresh database (PostgreSQL when `BUREAU_TEST_DATABASE_URL` is set, else SQLite) for each suite.
 */
export interface Target {
  baseUrl: string;
  /** True when the reference server runs in this process (tests of its own options may run). */
  inProcess: boolean;
  close(): Promise<void>;
}

/** Makes every conformance suite of this process open a fresh reference server. */
export function useReferenceTargets(): void {
  useTargets(() => startReference());
}

/** Opens the target; `options` only apply to the in-process reference server. */
export async function openTarget(options: Partial<Omit<ServerOptions, 'dataDir'>> = {}): Promise<Target> {
  if (targetUrl() !== undefined) return { ...(await openConformanceTarget()), inProcess: false };
  return startReference(options);
}

/** Always the in-process reference server, for tests of its own options. */
export async function startReference(options: Partial<Omit<ServerOptions, 'dataDir'>> = {}): Promise<Target> {
  const database = await freshTestDatabase();
  let server;
  try {
    server = await startServer({
      demo: true,
      port: 0,
      rateLimit: { max: 100_000, windowMs: 60_000 },
      ...options,
      ...database.options,
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const started = server;
  return {
    baseUrl: started.url,
    inProcess: true,
    close: async () => {
      await started.close();
      await database.drop();
    },
  };
}
