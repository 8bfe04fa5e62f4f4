// Helpers of the components' browser tests (not part of the package): signed-in clients of the real
// reference server that the root web-test-runner config starts, on the SDK's own test helpers.
import type { BureauClient } from '@bureau/sdk';
import { closeClients, signedIn as signedInClient } from '../../../sdk/src/test/helpers.js';

export { closeClients };

/** A client signed in as the seeded `userId`, keeping nothing on disk; closed by `closeClients()`. */
export const signedIn = (userId: string): Promise<BureauClient> => signedInClient(userId, { storage: 'memory' });
