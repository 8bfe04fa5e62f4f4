// Helpers of the components' browser tests (not part of the package): signed-in clients of the real
// reference server that the root web-test-runner config starts, on the SDK's own test helpers.
import type { BureauClient } from '@bureau/sdk';
import { apiUrl, closeClients, makeClient, signedIn as signedInClient } from '../../../sdk/src/test/helpers.js';

export { closeClients };

/** A client signed in as the seeded `userId`, keeping nothing on disk; closed by `closeClients()`. */
export const signedIn = (userId: string): Promise<BureauClient> => signedInClient(userId, { storage: 'memory' });

/**
 * A client of `userId` by bearer tokens (`/v1/auth/dev-token`), not the browser's one session cookie:
 * it acts beside the page's signed-in person without signing them out.
 */
export const bearer = (userId: string): BureauClient =>
  makeClient({
    storage: 'memory',
    getToken: async () =>
      (await fetch(`${apiUrl}/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })).json(),
  });
