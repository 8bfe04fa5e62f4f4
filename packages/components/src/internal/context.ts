import { createContext } from '@lit/context';
import type { BureauClient } from '@bureau/sdk';

/**
 * The context through which `<bureau-client>` hands its SDK client to every Bureau element inside it.
 * The key is a global symbol, so that two copies of the bundle on one page still find each other.
 */
export const clientContext = createContext<BureauClient | undefined>(Symbol.for('bureau-client'));
