import { clear, createStore, del, get, promisifyRequest, set } from 'idb-keyval';
import type { KvStore, OpenStore } from './kv-store.js';

/**
 * A store backed by its own IndexedDB database (`idb-keyval`), one object store named `data`.
 * @internal
 */
export const openIdbStore: OpenStore = (name) => {
  const use = createStore(name, 'data');
  const store: KvStore = {
    get: <T>(key: string) => get<T>(key, use),
    set: (key, value) => set(key, value, use),
    delete: (key) => del(key, use),
    entries: <T>(prefix: string) =>
      use('readonly', async (objects) => {
        const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
        const [keys, values] = await Promise.all([
          promisifyRequest(objects.getAllKeys(range)),
          promisifyRequest(objects.getAll(range)),
        ]);
        return keys.map((key, i) => [String(key), values[i] as T] as [string, T]);
      }),
    destroy: async () => {
      await clear(use);
      const db = await use('readonly', (objects) => objects.transaction.db);
      db.close();
      await deleteDatabase(name);
    },
  };
  return store;
};

/** Deletes a database; resolves when done or when another tab still holds it open (cleared anyway). */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete the IndexedDB database ${name}`));
  });
}
