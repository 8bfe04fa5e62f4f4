import { openIdbStore } from './idb-store.js';
import type { OpenStore, StorageKind } from './kv-store.js';
import { openMemoryStore } from './memory-store.js';

/**
 * The store opener for a storage kind; without a choice, IndexedDB when the environment has it.
 * @internal
 */
export function storeOpener(kind: StorageKind | undefined): OpenStore {
  const chosen = kind ?? (typeof indexedDB === 'undefined' ? 'memory' : 'indexeddb');
  return chosen === 'indexeddb' ? openIdbStore : openMemoryStore;
}
