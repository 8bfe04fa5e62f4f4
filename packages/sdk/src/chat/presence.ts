import type { PresenceList } from '@bureau/api';
import type { WatchOptions } from '../cache/snapshot.js';
import type { EventStream } from '../stream/stream.js';

/**
 * Follows who in a space is online: the server's list once the stream listens, then the ephemeral
 * `presence` events. Those carry no space (`spaceId` null: they go to everyone sharing a space
 * with the person), so an `online` one is checked against the space's list; an `offline` one
 * applies at once.
 * @internal
 */
export async function followPresence(
  stream: EventStream,
  load: (signal: AbortSignal) => Promise<PresenceList>,
  spaceId: string,
  onOnline: (online: ReadonlySet<string>) => void,
  options: WatchOptions,
): Promise<void> {
  const { signal } = options;
  signal.throwIfAborted();
  let online = new Set<string>();
  let loaded = false;
  let stale = false;
  const report = (error: unknown): void => {
    if (signal.aborted) return;
    if (options.onError) options.onError(error);
    else reportError(error);
  };
  const refetch = (): void => {
    load(signal).then((list) => {
      online = new Set(list.online);
      onOnline(new Set(online));
    }, report);
  };
  const unsubscribe = stream.subscribe('presence', (event) => {
    if (event.spaceId !== null && event.spaceId !== spaceId) return;
    if (!loaded) {
      stale = true;
      return;
    }
    if (event.data.status === 'offline') {
      if (online.delete(event.data.userId)) onOnline(new Set(online));
    } else if (event.spaceId === spaceId) {
      online.add(event.data.userId);
      onOnline(new Set(online));
    } else {
      refetch();
    }
  });
  signal.addEventListener('abort', unsubscribe, { once: true });
  await stream.whenListening(signal);
  const list = await load(signal);
  online = new Set(list.online);
  loaded = true;
  onOnline(new Set(online));
  // A change arrived while the list was on its way: it may predate it or not, ask again.
  if (stale) refetch();
}
