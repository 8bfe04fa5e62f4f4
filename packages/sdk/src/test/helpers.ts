// Helpers of the SDK's browser tests (not part of the package). They talk to the real reference
// server that the root web-test-runner config starts.
import { apiUrl } from '/__bureau__/config.js';
import { createClient, type BureauClient, type ClientOptions, type EventStream } from '../index.js';

export { apiUrl };

const open = new Set<BureauClient>();

/** A client of the test server, closed by `closeClients()`. */
export function makeClient(options: Partial<ClientOptions> = {}): BureauClient {
  const client = createClient({ baseUrl: apiUrl, ...options });
  open.add(client);
  return client;
}

/** Closes every client a test made (call in `afterEach`). */
export function closeClients(): void {
  for (const client of open) client.close();
  open.clear();
}

/** Deletes every local Bureau database, so that a test starts like a first visit. */
export async function wipeLocalData(): Promise<void> {
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .filter((db) => db.name?.startsWith('bureau'))
      .map(
        (db) =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase(db.name as string);
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error);
          }),
      ),
  );
}

/** A signed-in client of `userId` whose local data starts empty. */
export async function signedIn(userId: string, options: Partial<ClientOptions> = {}): Promise<BureauClient> {
  const client = makeClient(options);
  await client.auth.signInDev(userId);
  return client;
}

/** A unique name for things a test creates on the shared server. */
export function unique(prefix: string): string {
  return `${prefix} ${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * A `fetch` whose network can be cut: while `offline` is set, every request rejects with a
 * `TypeError`, as `fetch` does when the network is down.
 */
export function cuttableFetch(): { fetch: typeof fetch; offline: boolean; requests: Request[] } {
  const state = {
    offline: false,
    requests: [] as Request[],
    fetch: async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      state.requests.push(request);
      if (state.offline) throw new TypeError('Failed to fetch');
      return fetch(request);
    },
  };
  return state;
}

/**
 * A `fetch` that lets a test cut the event stream's connection as a network drop would
 * (`drop()`), while other requests go through.
 */
export function droppableStreamFetch(): { fetch: typeof fetch; drop: () => void; connections: number } {
  let current: AbortController | undefined;
  const state = {
    connections: 0,
    drop: () => current?.abort(new TypeError('network connection lost')),
    fetch: async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (!new URL(request.url).pathname.endsWith('/v1/events')) return fetch(request);
      state.connections += 1;
      const controller = new AbortController();
      current = controller;
      return fetch(request, { signal: AbortSignal.any([request.signal, controller.signal]) });
    },
  };
  return state;
}

/** Resolves when the stream reports `status`. */
export function streamStatus(stream: EventStream, status: EventStream['status']): Promise<void> {
  if (stream.status === status) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (event: { status: string }): void => {
      if (event.status !== status) return;
      stream.removeEventListener('status', listener);
      resolve();
    };
    stream.addEventListener('status', listener);
  });
}

/**
 * `promise`, or a rejection naming `step` (a function: what it says when the time is up) if it has not settled within `ms`: a test that waits on
 * several things in turn says which one never came, where the test's own timeout would only say
 * that something did not.
 */
export function step<T>(promise: Promise<T>, step: string | (() => string), ms = 8_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Still waiting after ${ms} ms: ${typeof step === 'string' ? step : step()}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A promise with its resolve function exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Every space named `name` that `client`'s person sees on the server. */
export async function spacesNamed(client: BureauClient, name: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await client.spaces.list({ limit: 100, cursor });
    count += page.items.filter((space) => space.name === name).length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return count;
}

/**
 * Makes the browser report being offline (`navigator.onLine === false`) until the returned
 * function is called, which also fires `online` as the browser would.
 */
export function reportOffline(): () => void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
  return () => {
    delete (navigator as { onLine?: boolean }).onLine;
    window.dispatchEvent(new Event('online'));
  };
}
