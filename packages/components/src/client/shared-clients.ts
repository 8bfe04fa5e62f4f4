import { createCoreClient, type BureauClient, type GetToken } from '@bureau/sdk';

interface Held {
  client: BureauClient;
  baseUrl: string;
  getToken: GetToken | undefined;
  /** The elements holding it. */
  users: number;
}

/**
 * The SDK clients of the page's `<bureau-client>` elements: one per API and source of credentials
 * (the session cookie, or one host's `getToken`), that is per API and person. Two elements of one
 * page (the header's inbox and the body's chat) share one session, one event stream, one cache and
 * each read, instead of asking the server everything twice (ADR 0022).
 */
const current = new Map<string, Map<GetToken | undefined, Held>>();
const holds = new Map<BureauClient, Held>();

/** The page's client of `baseUrl` with `getToken`, made at the first ask; give it back with `releaseClient`. */
export function holdClient(baseUrl: string, getToken: GetToken | undefined): BureauClient {
  let byToken = current.get(baseUrl);
  if (byToken === undefined) {
    byToken = new Map();
    current.set(baseUrl, byToken);
  }
  let held = byToken.get(getToken);
  if (held === undefined) {
    // The core only: each element registers the SDK domains it uses (ADR 0020).
    held = { client: createCoreClient({ baseUrl, getToken }), baseUrl, getToken, users: 0 };
    byToken.set(getToken, held);
    holds.set(held.client, held);
  }
  held.users += 1;
  return held.client;
}

/** Gives a client back: closed once no element holds it. */
export function releaseClient(client: BureauClient): void {
  const held = holds.get(client);
  if (held === undefined) return;
  held.users -= 1;
  if (held.users > 0) return;
  holds.delete(client);
  retireClient(client, held);
  client.close();
}

/**
 * After a sign-out: the next element to ask gets a fresh client (nothing of the previous person's
 * carries over); those holding this one keep it until they give it back.
 */
export function retireClient(client: BureauClient, held = holds.get(client)): void {
  const byToken = held === undefined ? undefined : current.get(held.baseUrl);
  if (held !== undefined && byToken?.get(held.getToken) === held) byToken.delete(held.getToken);
}
