import type * as Tus from 'tus-js-client';

/** The parts of tus-js-client the upload manager uses. @internal */
export type TusModule = Pick<typeof Tus, 'Upload'>;

type WithTus = typeof globalThis & { tus?: TusModule };

let loading: Promise<TusModule> | undefined;

/**
 * Loads tus-js-client on first use (a separate chunk of the bundle: pages that never upload never
 * download it). Unbundled, its browser build announces itself as `globalThis.tus`; whatever the
 * page had under that name is put back at once.
 * @internal
 */
export function loadTus(): Promise<TusModule> {
  loading ??= (async () => {
    const scope = globalThis as WithTus;
    const previous = scope.tus;
    try {
      // Loaded as is (the browser tests' dev server), the UMD sets `globalThis.tus`; bundled, it is
      // wrapped as CommonJS and becomes the chunk's default export.
      const imported = (await import('tus-js-client/dist/tus.min.js')) as { default?: TusModule };
      const loaded = imported.default ?? scope.tus;
      if (loaded === undefined || typeof loaded.Upload !== 'function') throw new Error('tus-js-client did not load');
      return loaded;
    } finally {
      if (previous === undefined) delete scope.tus;
      else scope.tus = previous;
    }
  })();
  loading.catch(() => {
    // A failed load (network) may succeed on the next upload.
    loading = undefined;
  });
  return loading;
}
