/**
 * Waits `ms` milliseconds, or less: until `signal` aborts or the browser fires `online` (a
 * reconnection is worth trying at once). Resolves in every case; callers check their signal.
 * @internal
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      globalThis.removeEventListener?.('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    globalThis.addEventListener?.('online', done, { once: true });
  });
}

/** Whether the browser says it is offline (never true outside a browser). @internal */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** Resolves when the browser fires `online`, or `signal` aborts. @internal */
export function untilOnline(signal: AbortSignal): Promise<void> {
  return untilEvent(globalThis, 'online', signal);
}

/** Resolves on the next `type` event of `target`, or when `signal` aborts. @internal */
export function untilEvent(target: EventTarget, type: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      target.removeEventListener(type, done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    target.addEventListener(type, done, { once: true });
    signal.addEventListener('abort', done, { once: true });
  });
}

/** `promise`, or the abort reason of `signal` if it aborts first. @internal */
export function untilSettledOrAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
