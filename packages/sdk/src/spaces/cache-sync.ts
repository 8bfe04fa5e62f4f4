import type { BureauEvent, EventOf, Member, Space } from '@bureau/api';
import type { Identity } from '../auth/identity.js';
import type { Cache } from '../cache/cache.js';
import type { EventStream } from '../stream/stream.js';
import { spaceKeys } from './keys.js';

/**
 * Keeps the cached spaces and members in step with the event stream while something watches
 * them: applies changes in place where the event carries enough, refetches where it does not
 * (a space created for me: my role is not in the event), refetches everything on `reset`.
 * @internal
 */
export class SpacesCacheSync {
  readonly #cache: Cache;
  readonly #identity: Identity;
  readonly #stream: EventStream;
  #users = 0;
  #unsubscribe: (() => void) | undefined;

  constructor(cache: Cache, identity: Identity, stream: EventStream) {
    this.#cache = cache;
    this.#identity = identity;
    this.#stream = stream;
  }

  /** Follows the stream until the returned function is called (reference-counted). */
  retain(): () => void {
    this.#users += 1;
    this.#unsubscribe ??= this.#stream.subscribe('*', (event) => {
      this.#apply(event).catch((error: unknown) => reportError(error));
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#users -= 1;
      if (this.#users === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
    };
  }

  async #apply(event: BureauEvent): Promise<void> {
    switch (event.type) {
      case 'space.created':
      case 'space.updated':
        return this.#spaceChanged(event);
      case 'member.added':
      case 'member.updated':
        return this.#memberChanged(event);
      case 'member.removed':
        return this.#memberRemoved(event);
      case 'reset':
        this.#cache.refresh('spaces:');
        return;
    }
  }

  async #spaceChanged(event: EventOf<'space.created'> | EventOf<'space.updated'>): Promise<void> {
    const snapshot = event.data;
    await this.#cache.update<Space>(spaceKeys.space(snapshot.id), (space) => ({ ...space, ...snapshot }));
    let listed = false;
    await this.#cache.update<Space[]>(spaceKeys.list, (spaces) => {
      listed = spaces.some((space) => space.id === snapshot.id);
      return listed ? spaces.map((space) => (space.id === snapshot.id ? { ...space, ...snapshot } : space)) : undefined;
    });
    // A space I was not shown yet: my role is not in the event, ask the server.
    if (!listed) this.#cache.refresh(spaceKeys.list);
  }

  async #memberChanged(event: EventOf<'member.added'> | EventOf<'member.updated'>): Promise<void> {
    const member = event.data;
    const spaceId = event.spaceId;
    if (spaceId === null) return;
    await this.#cache.update<Member[]>(spaceKeys.members(spaceId), (members) =>
      members.some((m) => m.userId === member.userId)
        ? members.map((m) => (m.userId === member.userId ? member : m))
        : [...members, member],
    );
    if (member.userId === this.#identity.session?.user.id) {
      this.#cache.refresh(spaceKeys.list);
      this.#cache.refresh(spaceKeys.space(spaceId));
    }
  }

  async #memberRemoved(event: EventOf<'member.removed'>): Promise<void> {
    const spaceId = event.spaceId;
    if (spaceId === null) return;
    if (event.data.userId === this.#identity.session?.user.id) {
      await this.#cache.update<Space[]>(spaceKeys.list, (spaces) => spaces.filter((space) => space.id !== spaceId));
      await this.#cache.delete(spaceKeys.space(spaceId));
      await this.#cache.delete(spaceKeys.members(spaceId));
      return;
    }
    await this.#cache.update<Member[]>(spaceKeys.members(spaceId), (members) =>
      members.filter((m) => m.userId !== event.data.userId),
    );
  }
}
