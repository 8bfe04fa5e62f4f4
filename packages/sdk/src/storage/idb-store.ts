import { clear, del, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { KvStore, OpenStore } from './kv-store.js';

/**
 * A store backed by its own IndexedDB database (`idb-keyval` operations), one object store named
 * `data`. Unlike `idb-keyval`'s `createStore`, the connection gives way when another page or
 * client deletes the database (sign-out elsewhere) and is reopened on next use, and it can be
 * closed with the client.
 * @internal
 */
export const openIdbStore: OpenStore = (name) => {
  const connection = new Connection(name, 'data');
  const use = connection.use;
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
      await connection.close();
      await deleteDatabase(name);
    },
    close: () => connection.close(),
  };
  return store;
};

class Connection {
  readonly #dbName: string;
  readonly #storeName: string;
  #db: Promise<IDBDatabase> | undefined;

  constructor(dbName: string, storeName: string) {
    this.#dbName = dbName;
    this.#storeName = storeName;
  }

  readonly use: UseStore = (mode, callback) =>
    this.#open().then((db) => callback(db.transaction(this.#storeName, mode).objectStore(this.#storeName)));

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    if (db) (await db).close();
  }

  #open(): Promise<IDBDatabase> {
    if (this.#db) return this.#db;
    const request = indexedDB.open(this.#dbName);
    request.onupgradeneeded = () => request.result.createObjectStore(this.#storeName);
    const db = promisifyRequest(request).then((opened) => {
      opened.onversionchange = () => {
        opened.close();
        if (this.#db === db) this.#db = undefined;
      };
      opened.onclose = () => {
        if (this.#db === db) this.#db = undefined;
      };
      return opened;
    });
    this.#db = db;
    db.catch(() => {
      if (this.#db === db) this.#db = undefined;
    });
    return db;
  }
}

/**
 * Deletes a database. Connections of this SDK give way at once; if an older page still holds it,
 * the deletion completes when that page lets go (its data is cleared already).
 */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete the IndexedDB database ${name}`));
  });
}
