import type { KvStore, OpenStore } from './kv-store.js';

/**
 * In-memory stores for environments without IndexedDB. They live as long as the page, shared by
 * every client of that page, so that a second client behaves like a reload would.
 * @internal
 */
const stores = new Map<string, Map<string, unknown>>();

export const openMemoryStore: OpenStore = (name) => {
  const map = (): Map<string, unknown> => {
    let m = stores.get(name);
    if (!m) {
      m = new Map();
      stores.set(name, m);
    }
    return m;
  };
  const store: KvStore = {
    get: async <T>(key: string) => structuredClone(map().get(key)) as T | undefined,
    set: async (key, value) => {
      map().set(key, structuredClone(value));
    },
    delete: async (key) => {
      map().delete(key);
    },
    entries: async <T>(prefix: string) =>
      [...map().entries()]
        .filter(([key]) => key.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => [key, structuredClone(value) as T] as [string, T]),
    destroy: async () => {
      stores.delete(name);
    },
    close: async () => undefined,
  };
  return store;
};
