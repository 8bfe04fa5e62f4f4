import type { Identity } from '../auth/identity.js';
import { BureauError } from '../errors/BureauError.js';
import type { KvStore } from '../storage/kv-store.js';
import type { CallOptions } from '../types/call-options.js';
import { chatKeys } from './keys.js';

/**
 * Unsent text per room (`client.chat.drafts`), kept in the signed-in person's own store: it
 * survives a reload and is wiped with the rest of their local data by `signOut()`. Never in
 * `localStorage`, never sent to the server.
 *
 * @example
 * ```ts
 * textarea.value = await client.chat.drafts.get(roomId);
 * textarea.addEventListener('input', () => void client.chat.drafts.set(roomId, textarea.value));
 * ```
 */
export class Drafts {
  readonly #identity: Identity;

  constructor(identity: Identity) {
    this.#identity = identity;
  }

  /**
   * The draft of a room, or `''`.
   * @example
   * ```ts
   * const text = await client.chat.drafts.get(roomId);
   * ```
   */
  async get(roomId: string, options: CallOptions = {}): Promise<string> {
    const store = await this.#store(options.signal);
    return (await store?.get<string>(chatKeys.draft(roomId))) ?? '';
  }

  /**
   * Keeps the draft of a room; an empty text (or only white space) forgets it.
   * @example
   * ```ts
   * await client.chat.drafts.set(roomId, 'À relire avant envoi…');
   * ```
   */
  async set(roomId: string, text: string, options: CallOptions = {}): Promise<void> {
    const store = await this.#store(options.signal);
    if (!store) throw new BureauError('unauthenticated', 'Sign in before keeping a draft: drafts belong to a person');
    if (text.trim() === '') await store.delete(chatKeys.draft(roomId));
    else await store.set(chatKeys.draft(roomId), text);
  }

  /**
   * Forgets the draft of a room (after sending it).
   * @example
   * ```ts
   * await client.chat.drafts.clear(roomId);
   * ```
   */
  async clear(roomId: string, options: CallOptions = {}): Promise<void> {
    const store = await this.#store(options.signal);
    await store?.delete(chatKeys.draft(roomId));
  }

  /** The person's store: the remembered one (a reload, even offline), or after asking who is signed in. */
  async #store(signal: AbortSignal | undefined): Promise<KvStore | null> {
    await this.#identity.ready;
    if (this.#identity.store === null && this.#identity.session === undefined) await this.#identity.load(signal);
    signal?.throwIfAborted();
    return this.#identity.session === null ? null : this.#identity.store;
  }
}
