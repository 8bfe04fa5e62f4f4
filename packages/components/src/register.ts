import { BureauClientElement } from './client/client.component.js';
import { BureauChatElement } from './chat/chat.component.js';
import { BureauRoomListElement } from './chat/room-list.component.js';
import { BureauBoardElement } from './board/board.component.js';
import { BureauFilesElement } from './files/files.component.js';
import { BureauInboxElement } from './inbox/inbox.component.js';
import { define } from './internal/define.js';

/** Every component, by the tag suffix it is registered under (`<prefix>-<suffix>`). */
const components: ReadonlyArray<readonly [suffix: string, ctor: CustomElementConstructor]> = [
  ['client', BureauClientElement],
  ['chat', BureauChatElement],
  ['room-list', BureauRoomListElement],
  ['board', BureauBoardElement],
  ['files', BureauFilesElement],
  ['inbox', BureauInboxElement],
];

const subclasses = new Map<string, CustomElementConstructor>();

/** What `register()` accepts. */
export interface RegisterOptions {
  /**
   * The first part of every tag: `register({ prefix: 'mairie' })` defines `<mairie-client>`, and so
   * on. Lowercase letters, digits and hyphens, starting with a letter.
   */
  prefix: string;
}

/**
 * Defines every Bureau component under another prefix, for pages where `bureau-*` tags are taken or
 * where two integrations must not share them. Each prefix gets its own subclasses, since a class can
 * be defined only once. Calling it again with the same prefix does nothing.
 *
 * @example
 * ```js
 * import { register } from '@bureau/components';
 * register({ prefix: 'mairie' }); // <mairie-client base-url="…">
 * ```
 */
export function register({ prefix }: RegisterOptions): void {
  if (!/^[a-z][a-z0-9-]*$/.test(prefix)) {
    throw new TypeError(`Bureau: register(): "${prefix}" is not a valid tag prefix (a-z, 0-9 and -, starting with a letter).`);
  }
  for (const [suffix, ctor] of components) {
    const tag = `${prefix}-${suffix}`;
    let subclass = subclasses.get(tag);
    if (subclass === undefined) {
      subclass = class extends (ctor as typeof HTMLElement) {};
      subclasses.set(tag, subclass);
    }
    define(tag, subclass);
  }
}
