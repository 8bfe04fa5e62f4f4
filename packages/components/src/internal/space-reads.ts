import type { BureauClient } from '@bureau/sdk';

interface Entry {
  spaceId: string;
  value: Promise<unknown>;
  readers: number;
}

/**
 * Reads of a space's details and members shared by the elements of one client: the chat, the
 * board and the files of a page each want the reader's role and the space's members, at different
 * moments of the page load (too far apart for the HTTP layer's sharing of concurrent GETs). A read
 * is kept while an element that asked for it is open, and dropped as soon as the event stream says
 * the space or its members changed, replays (`reset`), or stops (a sign-out, another person, a lost
 * connection): the next element then reads afresh.
 */
class SpaceReads {
  readonly #client: BureauClient;
  readonly #entries = new Map<string, Entry>();
  #off: (() => void) | undefined;
  #wasOpen = false;

  constructor(client: BureauClient) {
    this.#client = client;
  }

  /** The value under `key` (a read of `spaceId`), loading it with `load` unless it is kept. */
  read<T>(key: string, spaceId: string, load: () => Promise<T>, signal: AbortSignal): Promise<T> {
    signal.throwIfAborted();
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      const created: Entry = { spaceId, value: load(), readers: 0 };
      entry = created;
      this.#entries.set(key, created);
      // A failed read is not kept: the next element tries again.
      created.value.catch(() => this.#drop(key, created));
      this.#follow();
    }
    const kept = entry;
    kept.readers += 1;
    const release = (): void => {
      kept.readers -= 1;
      if (kept.readers === 0) this.#drop(key, kept);
    };
    signal.addEventListener('abort', release, { once: true });
    return new Promise<T>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      (kept.value as Promise<T>).then(resolve, reject);
    });
  }

  #drop(key: string, entry: Entry): void {
    if (this.#entries.get(key) === entry) this.#entries.delete(key);
    if (this.#entries.size === 0) this.#unfollow();
  }

  #dropSpace(spaceId: string | null): void {
    for (const [key, entry] of [...this.#entries]) if (spaceId === null || entry.spaceId === spaceId) this.#drop(key, entry);
  }

  #follow(): void {
    if (this.#off !== undefined) return;
    const stream = this.#client.stream;
    this.#wasOpen = stream.status === 'open';
    const unsubscribe = stream.subscribe('*', (event) => {
      if (event.type === 'reset') this.#dropSpace(null);
      else if (event.type.startsWith('space.') || event.type.startsWith('member.')) this.#dropSpace(event.spaceId);
    });
    const onStatus = (): void => {
      if (stream.status === 'open') this.#wasOpen = true;
      else if (this.#wasOpen) this.#dropSpace(null);
    };
    stream.addEventListener('status', onStatus);
    this.#off = () => {
      unsubscribe();
      stream.removeEventListener('status', onStatus);
    };
  }

  #unfollow(): void {
    const off = this.#off;
    this.#off = undefined;
    off?.();
  }
}

const readsOf = new WeakMap<BureauClient, SpaceReads>();

/**
 * Reads `key` of `spaceId` once for all the elements of `client` that are open (see
 * {@link SpaceReads}); `signal` is the asking element's: when it aborts, the element no longer
 * holds the read, and its promise rejects with the signal's reason.
 */
export function sharedSpaceRead<T>(client: BureauClient, spaceId: string, key: string, load: () => Promise<T>, signal: AbortSignal): Promise<T> {
  let reads = readsOf.get(client);
  if (reads === undefined) {
    reads = new SpaceReads(client);
    readsOf.set(client, reads);
  }
  return reads.read(`${spaceId}|${key}`, spaceId, load, signal);
}
