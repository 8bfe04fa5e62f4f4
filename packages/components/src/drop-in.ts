// What the drop-in `bureau.js` exports (bureau.ts re-exports it for rollup; tsc emits its types,
// dist/drop-in.d.ts, which the package gives for `@bureau/components/bureau.js`). Eagerly it is only
// the loader (loader.ts): each component family's code is a chunk fetched when its tag first appears.
// Its types are those of every component (all.ts), so a page that imports it gets the tag maps.
import type { BureauClient, ClientOptions } from '@bureau/sdk';

export { discover, preload, register } from './loader.js';
export type * from './all.js';
export type { AccessTokenResult, BureauClient, ClientOptions, GetToken } from '@bureau/sdk';

/**
 * The SDK's `createClient`, for a page without a bundler that wants the SDK besides the elements:
 * the same copy of the SDK the elements use, with every domain service (`client.chat`,
 * `client.files`…), fetched on the first call (hence the `await`).
 *
 * @example
 * ```js
 * import { createClient } from 'https://bureau.agglo.fr/bureau.js';
 * const client = await createClient({ baseUrl: 'https://bureau.agglo.fr', getToken });
 * ```
 */
export async function createClient(options: ClientOptions): Promise<BureauClient> {
  return (await import('./client/sdk-client.js')).createClient(options);
}
