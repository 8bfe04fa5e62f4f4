import { define } from './internal/define.js';

/**
 * The eager part of the drop-in `bureau.js`: it defines no component itself. It watches the page for
 * Bureau tags and fetches a component family's code the first time one of its tags appears, so a
 * page that shows only a chat loads the chat, and a page with nothing of Bureau loads almost nothing.
 *
 * A family is the code one or more tags need (the chat and its room list share it). Families load in
 * parallel; `<bureau-client>` is always defined before the elements of the same batch, since they
 * find their client through a context that a provider upgraded later could not answer.
 */

type Definitions = ReadonlyArray<readonly [suffix: string, ctor: CustomElementConstructor]>;

/** Tag suffix → the family that defines it. */
const families: Record<string, () => Promise<Definitions>> = {};

/** Adds a family of components, loaded by `load` on the first use of one of its tags. */
function family(suffixes: readonly string[], load: () => Promise<Definitions>): void {
  let loading: Promise<Definitions> | undefined;
  const once = (): Promise<Definitions> => (loading ??= load());
  for (const suffix of suffixes) families[suffix] = once;
}

family(['client'], async () => [['client', (await import('./client/client.component.js')).BureauClientElement]]);
family(['chat', 'room-list'], async () => {
  const chat = await import('./chat/chat.elements.js');
  return [
    ['chat', chat.BureauChatElement],
    ['room-list', chat.BureauRoomListElement],
  ];
});
family(['board'], async () => [['board', (await import('./board/board.component.js')).BureauBoardElement]]);
family(['inbox'], async () => [['inbox', (await import('./inbox/inbox.component.js')).BureauInboxElement]]);
family(['files'], async () => [['files', (await import('./files/files.component.js')).BureauFilesElement]]);
family(['insights'], async () => [['insights', (await import('./insights/insights.component.js')).BureauInsightsElement]]);
family(['members'], async () => [['members', (await import('./members/members.component.js')).BureauMembersElement]]);

/** Prefixes watched: `bureau` and those given to `register()`. */
const prefixes = new Set<string>(['bureau']);
/** Subclasses made for other prefixes (a class can be defined under one tag only). */
const subclasses = new Map<string, CustomElementConstructor>();
/** Tags whose definition is under way or done. */
const started = new Map<string, Promise<void>>();

/** The prefix and suffix of a Bureau tag on this page, or `undefined` for any other tag. */
function split(tag: string): readonly [prefix: string, suffix: string] | undefined {
  for (const prefix of prefixes) {
    if (tag.startsWith(`${prefix}-`)) {
      const suffix = tag.slice(prefix.length + 1);
      if (suffix in families) return [prefix, suffix];
    }
  }
  return undefined;
}

function defineAs(prefix: string, suffix: string, ctor: CustomElementConstructor): void {
  const tag = `${prefix}-${suffix}`;
  if (prefix === 'bureau') return define(tag, ctor);
  let subclass = subclasses.get(tag);
  if (subclass === undefined) {
    subclass = class extends (ctor as typeof HTMLElement) {};
    subclasses.set(tag, subclass);
  }
  define(tag, subclass);
}

/** Loads and defines the families of `tags`, the client's first. Tags already under way are shared. */
function loadTags(tags: Iterable<string>): Promise<void> {
  const pending: Promise<void>[] = [];
  const fresh: Array<readonly [string, string]> = [];
  for (const tag of tags) {
    const known = started.get(tag);
    if (known !== undefined) pending.push(known);
    else {
      const parts = split(tag);
      if (parts !== undefined && customElements.get(tag) === undefined) fresh.push(parts);
    }
  }
  const track = (tag: string, done: Promise<void>): void => {
    // A failed load (network cut) is tried again when the tag appears again.
    const tracked = done.catch((error: unknown) => {
      started.delete(tag);
      console.error(`Bureau: the code of <${tag}> could not be loaded.`, error);
      throw error;
    });
    started.set(tag, tracked);
    pending.push(tracked);
  };
  const defineAll = (prefix: string, definitions: Definitions): void => {
    for (const [suffix, ctor] of definitions) defineAs(prefix, suffix, ctor);
  };
  for (const [prefix, suffix] of fresh) {
    if (suffix === 'client') track(`${prefix}-client`, families[suffix]!().then((definitions) => defineAll(prefix, definitions)));
  }
  for (const [prefix, suffix] of fresh) {
    if (suffix === 'client') continue;
    // Fetched at once, defined once the client of the same prefix (if one is coming) is defined.
    const client = started.get(`${prefix}-client`)?.catch(() => undefined);
    track(`${prefix}-${suffix}`, Promise.all([families[suffix]!(), client]).then(([definitions]) => defineAll(prefix, definitions)));
  }
  return Promise.all(pending).then(() => undefined);
}

/** The undefined Bureau tags in `root` (itself included when it is an element). */
function undefinedTags(root: ParentNode): Set<string> {
  const tags = new Set<string>();
  const consider = (element: Element): void => {
    const tag = element.localName;
    if (tag.includes('-') && split(tag) !== undefined && customElements.get(tag) === undefined) tags.add(tag);
  };
  if (root instanceof Element) consider(root);
  for (const element of root.querySelectorAll(':not(:defined)')) consider(element);
  return tags;
}

/**
 * Loads the code of every Bureau tag not yet defined in `root`. The loader watches the document by
 * itself; call this for tags inside a shadow root of your own, which it cannot see.
 */
export function discover(root: ParentNode): Promise<void> {
  return loadTags(undefinedTags(root)).catch(() => undefined);
}

/**
 * Loads and defines the given tags now, before they are on the page, e.g. to start fetching a chat's
 * code before the person opens the panel that shows it. Resolves when they are defined.
 *
 * @example
 * ```js
 * import { preload } from 'https://bureau.example.fr/bureau.js';
 * await preload('bureau-client', 'bureau-chat');
 * ```
 */
export function preload(...tags: string[]): Promise<void> {
  const unknown = tags.filter((tag) => split(tag) === undefined);
  if (unknown.length > 0) return Promise.reject(new TypeError(`Bureau: preload(): ${unknown.join(', ')} is not a Bureau tag.`));
  return loadTags(tags);
}

/**
 * Watches for Bureau tags under another prefix too, for pages where `bureau-*` tags are taken or
 * where two integrations must not share them: `register({ prefix: 'mairie' })` makes `<mairie-chat>`
 * and its siblings load and work like `<bureau-chat>`.
 *
 * @example
 * ```js
 * import { register } from 'https://bureau.example.fr/bureau.js';
 * register({ prefix: 'mairie' }); // <mairie-client base-url="…">
 * ```
 */
export function register({ prefix }: { prefix: string }): void {
  if (!/^[a-z][a-z0-9-]*$/.test(prefix)) {
    throw new TypeError(`Bureau: register(): "${prefix}" is not a valid tag prefix (a-z, 0-9 and -, starting with a letter).`);
  }
  prefixes.add(prefix);
  void discover(document);
}

if (typeof document !== 'undefined') {
  new MutationObserver((records) => {
    const tags = new Set<string>();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element) for (const tag of undefinedTags(node)) tags.add(tag);
      }
    }
    if (tags.size > 0) void loadTags(tags).catch(() => undefined);
  }).observe(document, { childList: true, subtree: true });
  void discover(document);
}
