import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { chatDomain, spacesDomain, searchDomain, fileContentUrl, isHttpError, isOfflineError, type BureauClient, type ChatMessage, type StreamStatus, type Timeline } from '@bureau/sdk';
import { chatCatalogue } from '../i18n/chat.fr.js';
import { documentsCatalogue } from '../i18n/documents.fr.js';
import type { Attachment, Member, MessageHit, Role, Room } from '@bureau/api';
import { BureauElement } from '../internal/bureau-element.js';
import { BureauMessageSendEvent } from './events/message-send.js';
import { BureauMessageEditEvent } from './events/message-edit.js';
import { BureauMessageDeleteEvent } from './events/message-delete.js';
import { BureauReactionToggleEvent } from './events/reaction-toggle.js';
import { BureauThreadOpenEvent } from './events/thread-open.js';
import { BureauRoomOpenEvent } from './events/room-open.js';
import { BureauRoomSelectEvent } from './events/room-select.js';
import { Composer } from './internal/composer.js';
import { renderDeleteDialog, renderRow, renderState, type LoadState } from './internal/chat-view.js';
import { membersOf } from '../internal/members.js';
import type { MessageContext } from './internal/message-view.js';
import { ReadMarks } from './internal/read-marks.js';
import { messageKey, RowBuilder, type Row } from './internal/rows.js';
import { followMembership, isNoAccess } from '../internal/membership.js';
import { roleIn } from '../internal/role.js';
import { RoomHeader } from './internal/room-header.js';
import { ThreadPanel } from './internal/thread-panel.js';
import { RowWindow } from './internal/window.js';
import type { MessageFeed } from './internal/feed.js';
import type { ChatSearch } from './internal/search.js';
import { focusSearchOn, searchField } from './internal/search-field.js';
import { formatDate } from '../i18n/format.js';
import { chatStyles } from './chat.styles.js';

/** Everything opened for one room, closed together when the room or the client changes. */
interface Opened {
  roomId: string;
  /** The message asked to open the room at (`message`), if any. */
  message: string | undefined;
  /** The thread asked to open with it (`thread`), if any. */
  thread: string | undefined;
  client: BureauClient;
  abort: AbortController;
  timeline: Timeline;
}

let instances = 0;

/**
 * A chat room: its messages, live, and a field to write. The list is windowed (a few screens of
 * rows around the reader are in the DOM, however long the room), stays at the bottom while new
 * messages arrive if the reader is there, keeps its position when older messages load, groups
 * consecutive messages of one author, separates days and marks where the unread messages start.
 * With `message`, the room opens at that message (highlighted, announced, its neighbours around
 * it), and the reader scrolls both ways from there. The search field (`/` or Ctrl+K in the chat)
 * finds messages of the room or of its whole space and opens them so.
 * Messages written offline are shown at once and sent when the network returns; a refused one
 * stays with its text and a Retry button. Text is rendered from a safe Markdown subset, never as
 * HTML.
 *
 * @tagname bureau-chat
 * @summary The messages of a room, live, with a composer, reactions, threads, edit and delete.
 *
 * @event {BureauMessageSendEvent} bureau-message-send - A message is about to be sent. Cancelable.
 * @event {BureauMessageEditEvent} bureau-message-edit - An edit is about to be saved. Cancelable.
 * @event {BureauMessageDeleteEvent} bureau-message-delete - A deletion was confirmed. Cancelable.
 * @event {BureauReactionToggleEvent} bureau-reaction-toggle - A reaction is about to be added or removed. Cancelable.
 * @event {BureauThreadOpenEvent} bureau-thread-open - The thread panel opened (`messageId`) or closed (`null`).
 * @event {BureauRoomOpenEvent} bureau-room-open - Another room opened (`roomId`): picked in a list, a search result, or set by the host.
 * @event {BureauRoomSelectEvent} bureau-room-select - A search result is about to open its room at the message (`roomId`, `messageId`). Cancelable: the chat stays as it is.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The room's name, topic, who is online and its buttons.
 * @csspart presence - Who is online now: a count, the names as its text alternative.
 * @csspart archived-badge - « Archivé » next to the name of an archived room.
 * @csspart members-button - Opens the space's members.
 * @csspart room-settings-button - « Gérer le salon »: rename, topic, archive (owners and the room's creator).
 * @csspart room-dialog - The dialog that changes the room.
 * @csspart unarchive-button - Brings an archived room back, for those allowed.
 * @csspart search - The search: field, scope and results.
 * @csspart search-field - The search field (a combobox).
 * @csspart search-scope - Where to search: this room or the whole space (a `<select>`).
 * @csspart search-status - How many messages were found, or why none.
 * @csspart search-results - The results (a listbox).
 * @csspart search-result - One result; also `search-result-active`.
 * @csspart search-author - The author of a result.
 * @csspart search-room - The room of a result.
 * @csspart search-date - The date of a result.
 * @csspart search-text - The text of a result.
 * @csspart search-match - A matching word in a result (`<mark>`).
 * @csspart found-status - Announces the message the room was opened at.
 * @csspart offline-banner - Shown while the connection to the server is lost.
 * @csspart state - The loading, empty, error or no-room message.
 * @csspart older-button - Loads older messages (they also load on scrolling to the top).
 * @csspart log - The scrolling, windowed message list (`role="log"`, polite live region).
 * @csspart day-separator - The date between two days of messages.
 * @csspart new-marker - Where the unread messages start.
 * @csspart message - A message; also `message-own`, `message-continued`, `message-pending`, `message-failed`, `message-found` (opened at).
 * @csspart author - The author's name.
 * @csspart time - The time of a message.
 * @csspart text - The text of a message.
 * @csspart edited - The "edited" mark.
 * @csspart pending - The "sending" mark.
 * @csspart failure - Why a message was not sent, with its buttons.
 * @csspart retry-button - Sends a failed message again.
 * @csspart discard-button - Gives a failed message up.
 * @csspart reactions - The reactions of a message.
 * @csspart reaction - One reaction, a toggle button; also `reaction-mine`.
 * @csspart actions - The buttons of a message (shown on hover and keyboard focus).
 * @csspart react-button - A quick reaction.
 * @csspart reply-button - Opens the thread panel to reply.
 * @csspart edit-button - Edits an own message in place.
 * @csspart delete-button - Deletes a message, after confirmation.
 * @csspart thread-button - The reply count; opens the thread panel.
 * @csspart edit-form - Editing a message in place.
 * @csspart edit-field - The field of the edit form.
 * @csspart save-button - Saves an edit.
 * @csspart cancel-button - Cancels an edit.
 * @csspart typing - Who is typing.
 * @csspart attachments - The documents of a message (a list).
 * @csspart attachment - One document of a message (« Document plus disponible » when it is gone).
 * @csspart attachment-link - The download link of a document, its name as text.
 * @csspart attach-button - « Joindre un document »: opens the file picker.
 * @csspart attachments-draft - The documents chosen for the next message, above the field.
 * @csspart attachment-chip - One chosen document, with its remove button.
 * @csspart attachment-remove-button - Removes a chosen document.
 * @csspart file-picker - The file picker: folder list and files.
 * @csspart picker-folder - The picker's folder `<select>`.
 * @csspart picker-file - A file of the chosen folder (a button).
 * @csspart picker-close - Closes the picker.
 * @csspart composer - The message form.
 * @csspart composer-label - The label of the message field.
 * @csspart composer-field - The message field.
 * @csspart composer-hint - How to send, add a line, mention.
 * @csspart send-button - Sends the message.
 * @csspart mentions - The `@mention` suggestions (a listbox).
 * @csspart mention-option - One suggestion; also `mention-option-active`.
 * @csspart read-only - Replaces the composer for people who may not write, or in an archived room.
 * @csspart thread - The thread panel.
 * @csspart thread-replies - The replies of the thread.
 * @csspart close-thread-button - Closes the thread panel.
 * @csspart delete-dialog - Asks to confirm a deletion (a native modal `<dialog>`).
 * @csspart paragraph - A paragraph of message text.
 * @csspart code - Inline code in message text.
 * @csspart code-block - A code block in message text.
 * @csspart link - A link in message text (http, https and mailto only).
 * @csspart mention - A mention in message text; also `mention-self` for the reader.
 *
 * @cssproperty --bureau-chat-block-size - Height of the chat (default 32rem).
 * @cssproperty --bureau-chat-background - Background of the message list.
 * @cssproperty --bureau-chat-own-background - Background of the reader's own messages.
 * @cssproperty --bureau-chat-mention-background - Background of a mention of the reader.
 * @cssproperty --bureau-chat-new-marker-color - Colour of the "new messages" marker.
 * @cssproperty --bureau-chat-presence-color - Colour of the dot before who is online.
 * @cssproperty --bureau-chat-thread-inline-size - Width of the thread panel (default 22rem).
 */
export class BureauChatElement extends BureauElement {
  // The files domain is the document picker's (a lazy chunk); a message's attachment only needs a URL.
  static override domains = [chatDomain, spacesDomain, searchDomain];
  static override catalogues = [chatCatalogue, documentsCatalogue];

  static override styles = [...BureauElement.styles, chatStyles];

  static override properties: PropertyDeclarations = {
    room: { reflect: true },
    message: { reflect: true },
    thread: { reflect: true },
    loadState: { state: true, attribute: false },
    messageList: { state: true, attribute: false },
  };

  /** The id of the room shown. */
  declare room: string | undefined;
  /**
   * A top-level message of the room to open it at (a search result, a notification's target):
   * shown highlighted in the middle, with its neighbours; unset to open at the latest messages.
   */
  declare message: string | undefined;
  /**
   * With `message` a reply of that thread (a reply's notification: `thread={threadId}` in the
   * inbox's `message-href`): the room opens at the thread's first message, the thread beside it
   * with the reply highlighted and announced. Empty or unset: `message` is a message of the room.
   */
  declare thread: string | undefined;

  private declare loadState: LoadState;
  private declare messageList: readonly ChatMessage[];

  readonly #id = `bureau-chat-${(instances += 1)}`;
  #opened: Opened | undefined;
  #roomInfo: Room | undefined;
  #members: readonly Member[] = [];
  #selfId: string | undefined;
  #role: Role | undefined;
  #canWrite = false;
  #isOwner = false;
  /** The reader's marker and unread count when the room was opened: where "new messages" starts. */
  #unread: { after: string | null; count: number } = { after: null, count: 0 };
  /** The room whose `#unread` was read from the server: the read marker moves only after. */
  #unreadOf: string | undefined;
  #typing: readonly string[] = [];
  #streamStatus: StreamStatus = 'connecting';
  #hasOlder = false;
  #loadingOlder = false;
  #editing: string | undefined;
  #deleting: ChatMessage | undefined;
  #rows: Row[] = [];
  /**
   * Where the timeline's changes since the rows were last built start (its events' `from`), or
   * undefined when the list was set otherwise (the rows builder then compares the messages itself).
   */
  #changedFrom: number | undefined;
  /** Builds the rows again after each change, from the first message that changed. */
  readonly #rowBuilder = new RowBuilder();
  readonly #window = new RowWindow(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.log'),
    viewed: (newestInView, nearOldest) => {
      if (newestInView) this.#markRead();
      if (newestInView && this.loadState === 'ready') void this.#loadNewer();
      if (nearOldest && !this.#window.stick && this.loadState === 'ready') void this.#loadOlder();
    },
    canStick: () => this.#opened?.timeline.hasNewer !== true,
  });
  /** The message the room was opened at, highlighted; what was said of it to screen readers. */
  #found: string | undefined;
  #announcement = '';
  #loadingNewer = false;
  /** The search of the room or space: a lazy chunk fetched when a room opens. */
  #search: ChatSearch | undefined;
  /** The list as one tab stop, arrows between messages: a lazy chunk fetched when a room opens. */
  #feed: MessageFeed | undefined;
  #lastMarked: string | undefined;
  readonly #readMarks = new ReadMarks();
  #draftWrites: Promise<void> = Promise.resolve();
  readonly #thread: ThreadPanel;
  readonly #composer: Composer;
  readonly #header = new RoomHeader({
    id: `${this.#id}-room`,
    element: this,
    language: () => this.resolvedLanguage,
    changed: (room) => this.#roomChanged(room),
  });

  constructor() {
    super();
    this.loadState = 'idle';
    this.messageList = [];
    this.#composer = new Composer(this, {
      id: `${this.#id}-composer`,
      members: () => this.#members,
      selfId: () => this.#selfId,
      send: (text, attachments) => this.#send(text, null, attachments),
      changed: (text) => this.#draftChanged(text),
      attach: () => this.#attachFrom(),
    });
    this.addEventListener('keydown', (event) => focusSearchOn(event, this.renderRoot));
    this.#thread = new ThreadPanel(this, {
      id: `${this.#id}-thread`,
      members: () => this.#members,
      selfId: () => this.#selfId,
      send: (text, threadId, attachments) => this.#send(text, threadId, attachments),
      attach: () => this.#attachFrom(),
      context: (inThread) => this.#messageContext(inThread),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    const opened = this.#opened;
    // Another room (picked in a room list) without a message of its own opens at its latest messages.
    if (changed.has('room') && !changed.has('message') && this.message !== undefined) this.message = undefined;
    if (changed.has('room') && !changed.has('thread') && this.thread !== undefined) this.thread = undefined;
    const message = this.message === '' || this.message === null ? undefined : this.message;
    const thread = this.thread === '' || this.thread === null || message === undefined ? undefined : this.thread;
    if (this.isConnected && (opened?.client !== client || opened?.roomId !== this.room || opened?.message !== message || opened?.thread !== thread)) {
      this.#close();
      if (client !== undefined && this.room !== undefined && this.room !== '') {
        this.#open(client, this.room, message, thread ?? message, thread);
        if (opened?.roomId !== this.room) this.dispatchEvent(new BureauRoomOpenEvent(this.room));
      }
    }
    if ((changed as Map<PropertyKey, unknown>).has('messageList')) this.#layoutRows();
  }

  /**
   * Opens a room: its timeline (at the message `around`, or at the latest messages), its details,
   * the people who may be mentioned, who is typing. `message` is what was asked (`around` unless
   * that message is gone).
   */
  #open(client: BureauClient, roomId: string, message: string | undefined, around: string | undefined, thread?: string): void {
    const abort = new AbortController();
    const { signal } = abort;
    const timeline = client.chat.timeline(roomId, { around });
    this.#loadChunks();
    this.#opened = { roomId, message, thread, client, abort, timeline };
    this.loadState = 'loading';
    this.messageList = timeline.messages;
    if (around === undefined) this.#window.follow();
    else this.#window.reveal(around);
    this.#lastMarked = undefined;
    this.#changedFrom = 0;
    timeline.addEventListener('change', (event) => {
      // Changes that come before the next update add up: the rows are built again from the first.
      this.#changedFrom = Math.min(this.#changedFrom ?? event.from, event.from);
      this.messageList = event.messages;
      this.#hasOlder = timeline.hasOlder;
    });
    timeline.ready.then(
      () => {
        if (signal.aborted) return;
        this.#hasOlder = timeline.hasOlder;
        this.loadState = 'ready';
        const found = around === undefined ? undefined : timeline.messages.find((shown) => shown.id === around);
        if (thread !== undefined && found !== undefined) this.#openThreadAt(client, roomId, found, message, signal);
        else if (around !== undefined) this.#arrived(found);
      },
      (error: unknown) => {
        if (signal.aborted) return;
        if (around !== undefined && isHttpError(error) && error.status === 404) {
          // The message is gone (or was never in this room): the room at its latest messages.
          this.#close();
          this.#open(client, roomId, message, undefined, thread);
          this.#announcement = this.messages.chatFoundMissing;
          return;
        }
        if (isNoAccess(error)) this.#noAccess();
        else this.loadState = this.messageList.length > 0 ? 'ready' : 'error';
        this.#report(error, signal);
      },
    );
    followMembership(
      client,
      signal,
      () => {
        if (this.loadState === 'no-access') this.#retryLoad();
      },
      (spaceId) => {
        if (spaceId === this.#roomInfo?.spaceId) this.#noAccess();
      },
    );
    this.#streamStatus = client.stream.status;
    const onStatus = (): void => {
      this.#streamStatus = client.stream.status;
      this.requestUpdate();
    };
    client.stream.addEventListener('status', onStatus);
    signal.addEventListener('abort', () => client.stream.removeEventListener('status', onStatus), { once: true });
    client.chat.typing.watch(
      roomId,
      (users) => {
        this.#typing = users.map((user) => user.name);
        this.requestUpdate();
      },
      { signal },
    );
    void this.#loadContext(client, roomId, signal);
    client.chat.drafts.get(roomId, { signal }).then(
      (draft) => {
        if (!signal.aborted && this.#composer.text === '') this.#composer.text = draft;
      },
      (error: unknown) => this.#report(error, signal),
    );
  }

  /** The chunks of what is not needed for the first paint: keyboard moves in the list, the search. */
  #loadChunks(): void {
    if (this.#feed === undefined) {
      void import('./internal/feed.js').then(({ MessageFeed }) => {
        this.#feed ??= new MessageFeed(this, () => this.renderRoot.querySelector<HTMLElement>('.log'));
        this.requestUpdate();
      });
    }
    if (this.#search === undefined) {
      void import('./internal/search.js').then(({ ChatSearch }) => {
        this.#search ??= new ChatSearch(this, {
          id: `${this.#id}-search`,
          scope: () => {
            const opened = this.#opened;
            const spaceId = this.#roomInfo?.spaceId;
            return opened === undefined || spaceId === undefined ? undefined : { client: opened.client, spaceId, roomId: opened.roomId };
          },
          choose: (hit) => this.#openAt(hit),
        });
        // Words typed before the chunk came are searched now.
        const typed = this.renderRoot.querySelector<HTMLInputElement>('[part~="search-field"]')?.value ?? '';
        if (typed !== '') this.#search.input(typed);
        this.requestUpdate();
      });
    }
  }

  /** Opens the room of a search result at its message; the focus goes to that message. */
  #openAt(hit: MessageHit): void {
    if (!this.dispatchEvent(new BureauRoomSelectEvent(hit.message.roomId, false, hit.message.id))) return;
    this.#focusFound = true;
    this.room = hit.message.roomId;
    this.message = hit.message.id;
    // The same message again: the room is already there, only bring it back into view.
    if (this.#opened?.message === hit.message.id && this.#opened.roomId === hit.message.roomId) {
      this.#window.reveal(hit.message.id);
      this.#arrived(this.messageList.find((shown) => shown.id === hit.message.id));
    }
  }

  #focusFound = false;

  /** Opens the thread of `root` beside the room, `replyId` highlighted and announced (the thread's root if that reply is gone). */
  #openThreadAt(client: BureauClient, roomId: string, root: ChatMessage, replyId: string | undefined, signal: AbortSignal): void {
    const replies = this.#thread.open(client, roomId, root, 'none');
    replies.ready.then(
      () => {
        if (signal.aborted) return;
        this.#arrived(replies.messages.find((reply) => reply.id === replyId) ?? root);
      },
      () => undefined /* reported by the thread panel */,
    );
  }

  /** The room is shown at `found`: highlighted, announced, focused if the reader chose it. */
  #arrived(found: ChatMessage | undefined): void {
    if (found === undefined) return;
    this.#found = found.id;
    this.#announcement = this.messages.chatFound(found.author.name, formatDate(found.createdAt, this.resolvedLanguage));
    this.requestUpdate();
    if (!this.#focusFound) return;
    this.#focusFound = false;
    void this.updateComplete.then(() => {
      const row = this.renderRoot.querySelector<HTMLElement>(`.log [data-key="${CSS.escape(messageKey(found))}"]`);
      if (row === null) return;
      if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
      row.focus({ preventScroll: true });
    });
  }

  /** The room's details, the reader, their role and the space's members. */
  async #loadContext(client: BureauClient, roomId: string, signal: AbortSignal): Promise<void> {
    try {
      const [session, room] = await Promise.all([client.auth.session({ signal }), client.chat.room(roomId, { signal })]);
      if (signal.aborted) return;
      this.#selfId = session?.user.id;
      this.#roomInfo = room;
      this.#unread = { after: room.lastReadMessageId, count: room.unreadCount };
      this.#unreadOf = roomId;
      this.#layoutRows();
      this.requestUpdate();
      this.#role = await roleIn(client, room.spaceId, signal);
      this.#isOwner = this.#role === 'owner';
      this.#roomChanged(room);
      this.#header.open(client, room, this.#role, this.#selfId, signal);
      this.#members = await membersOf(client, room.spaceId, signal);
      this.#composer.membersChanged();
      this.#thread.membersChanged();
      this.requestUpdate();
    } catch (error) {
      this.#report(error, signal);
    }
  }

  /** The room's details changed (here or live): an archived room is read-only for everyone. */
  #roomChanged(room: Room): void {
    this.#roomInfo = room;
    this.#canWrite = (this.#role === 'owner' || this.#role === 'member') && !room.archived;
    this.requestUpdate();
  }

  /** Not (or no longer) a member: the room stays opened (to come back when re-added) but shows nothing. */
  #noAccess(): void {
    this.#opened?.timeline.close();
    this.#roomInfo = undefined;
    this.#canWrite = false;
    this.messageList = [];
    this.loadState = 'no-access';
  }

  #close(): void {
    const opened = this.#opened;
    if (opened === undefined) return;
    this.#opened = undefined;
    this.#found = undefined;
    this.#announcement = '';
    this.#search?.close();
    this.#readMarks.flush();
    opened.abort.abort();
    opened.timeline.close();
    this.#thread.close();
    this.#roomInfo = undefined;
    this.#unreadOf = undefined;
    this.#role = undefined;
    this.#members = [];
    this.#typing = [];
    this.#unread = { after: null, count: 0 };
    this.#editing = undefined;
    this.#composer.text = '';
    this.#rows = [];
    this.loadState = 'idle';
    this.messageList = [];
  }

  /**
   * Reports an unexpected failure: not a refusal of the server (shown as a state or on its message),
   * not a cancellation (the room or the client closed).
   */
  #report(error: unknown, signal: AbortSignal): void {
    if (signal.aborted || isHttpError(error) || (error instanceof Error && error.name === 'AbortError')) return;
    reportError(error);
  }

  /** Recomputes the rows, and which of them are mounted. */
  #layoutRows(): void {
    const { rows, keys } = this.#rowBuilder.build(this.messageList, this.#unread, this.#selfId, this.#changedFrom);
    this.#changedFrom = undefined;
    this.#rows = rows;
    this.#window.rows(keys);
  }

  /** Where the composers pick documents from: the room's space. */
  #attachFrom() {
    const opened = this.#opened;
    const spaceId = this.#roomInfo?.spaceId;
    return opened === undefined || spaceId === undefined ? undefined : { client: opened.client, spaceId, language: this.resolvedLanguage };
  }

  /** Sends a message (or a reply), unless the host page cancels `bureau-message-send`. */
  #send(text: string, threadId: string | null, attachments: readonly Attachment[]): boolean {
    const opened = this.#opened;
    if (opened === undefined || !this.#canWrite) return false;
    const fileIds = attachments.map((file) => file.fileId);
    if (!this.dispatchEvent(new BureauMessageSendEvent(opened.roomId, threadId, text, fileIds))) return false;
    const options = { attachments };
    const sending =
      threadId === null ? opened.client.chat.send(opened.roomId, text, options) : opened.client.chat.reply(opened.roomId, threadId, text, options);
    sending.catch(this.#writeFailed);
    // Far from the latest messages (opened at an old one): back to the latest, where it shows.
    if (threadId === null && opened.timeline.hasNewer) this.message = undefined;
    else if (threadId === null) this.#window.follow();
    return true;
  }

  /**
   * A write the server refused is shown on its message (failed, with the reason and Retry), so an
   * `HttpError` needs nothing more; anything else but a cancellation is unexpected and reported.
   */
  readonly #writeFailed = (error: unknown): void => {
    // A write stays in the outbox when the client closes: its promise is cancelled, not failed. The
    // typing signal, the one write not queued, is worthless later: offline, it is dropped.
    if (isHttpError(error) || isOfflineError(error) || (error instanceof Error && error.name === 'AbortError')) return;
    reportError(error);
  };

  #draftChanged(text: string): void {
    const opened = this.#opened;
    if (opened === undefined) return;
    const { client, roomId, abort } = opened;
    this.#draftWrites = this.#draftWrites
      .then(() => client.chat.drafts.set(roomId, text))
      .catch((error: unknown) => this.#report(error, abort.signal));
    if (text.trim() !== '') client.chat.typing.notify(roomId).catch(this.#writeFailed);
  }

  #messageContext(inThread: boolean): MessageContext {
    const opened = this.#opened;
    return {
      t: this.messages,
      language: this.resolvedLanguage,
      selfId: this.#selfId,
      canWrite: this.#canWrite,
      isOwner: this.#isOwner,
      inThread,
      editing: this.#editing,
      found: this.#found,
      nameOf: (userId) => this.#members.find((member) => member.userId === userId)?.name,
      members: this.#members,
      fileUrl: (fileId) => (opened ? fileContentUrl(opened.client, fileId) : ''),
      react: (message, emoji) => {
        if (opened === undefined || !this.dispatchEvent(new BureauReactionToggleEvent(message.id, emoji))) return;
        opened.client.chat.react(message, emoji).catch(this.#writeFailed);
      },
      reply: (message) => this.#openThread(message),
      startEdit: (message) => {
        this.#editing = messageKey(message);
        this.requestUpdate();
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="edit-field"]')?.focus());
      },
      saveEdit: (message, text) => {
        this.#stopEditing(message);
        if (opened === undefined || text === message.text || !this.dispatchEvent(new BureauMessageEditEvent(message.id, text))) return;
        opened.client.chat.edit(message.id, text).catch(this.#writeFailed);
      },
      cancelEdit: (message) => this.#stopEditing(message),
      askDelete: (message) => {
        this.#deleting = message;
        this.renderRoot.querySelector<HTMLDialogElement>('dialog[part="delete-dialog"]')?.showModal();
      },
      retry: (message) => {
        if (opened !== undefined && message.writeId !== undefined) opened.client.chat.retry(message.writeId).catch(this.#writeFailed);
      },
      discard: (message) => {
        if (opened !== undefined && message.writeId !== undefined) opened.client.chat.discard(message.writeId).catch(this.#writeFailed);
      },
    };
  }

  #openThread(message: ChatMessage): void {
    const opened = this.#opened;
    if (opened === undefined) return;
    this.#thread.open(opened.client, opened.roomId, message);
    this.dispatchEvent(new BureauThreadOpenEvent(message.id));
  }

  /** Leaves the edit form; the focus goes back to the message's Edit button, where it came from. */
  #stopEditing(message: ChatMessage): void {
    const key = messageKey(message);
    this.#editing = undefined;
    this.requestUpdate();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"] [part~="edit-button"]`)?.focus(),
    );
  }

  readonly #onDeleteClosed = (event: Event): void => {
    const dialog = event.currentTarget as HTMLDialogElement;
    const message = this.#deleting;
    this.#deleting = undefined;
    const opened = this.#opened;
    if (dialog.returnValue !== 'delete' || message === undefined || opened === undefined) return;
    if (!this.dispatchEvent(new BureauMessageDeleteEvent(message.id))) return;
    opened.client.chat.delete(message.id).catch(this.#writeFailed);
    // The deleted message loses its buttons: the focus goes to the list rather than to the page.
    this.renderRoot.querySelector<HTMLElement>('.log')?.focus();
  };

  /** Moves the read marker to the latest message (the bottom of the list is in view). */
  #markRead(): void {
    const opened = this.#opened;
    // Not before the room's details: they say where « Nouveaux messages » starts, and a marker moved
    // first (the first page now comes before them) would leave nothing unread to show.
    if (opened === undefined || this.#unreadOf !== opened.roomId) return;
    const latest = this.messageList.findLast((message) => message.status === 'sent' && message.threadId === null);
    if (latest === undefined || latest.id === this.#lastMarked || latest.id === this.#roomInfo?.lastReadMessageId) return;
    this.#lastMarked = latest.id;
    this.#readMarks.mark(() => {
      opened.client.chat.markRead(opened.roomId, latest.id).catch((error: unknown) => this.#report(error, opened.abort.signal));
    });
  }

  async #loadOlder(): Promise<void> {
    const opened = this.#opened;
    if (opened === undefined || this.#loadingOlder || !this.#hasOlder) return;
    this.#loadingOlder = true;
    // Reading older messages: stop following the bottom (the first row in view stays where it is).
    this.#window.stick = false;
    this.requestUpdate();
    try {
      await opened.timeline.loadOlder({ signal: opened.abort.signal });
    } catch (error) {
      this.#report(error, opened.abort.signal);
    } finally {
      this.#loadingOlder = false;
      this.#hasOlder = opened.timeline.hasOlder;
      this.requestUpdate();
    }
  }

  /** Loads the page after the newest message shown (the room was opened at an older one). */
  async #loadNewer(): Promise<void> {
    const opened = this.#opened;
    if (opened === undefined || this.#loadingNewer || !opened.timeline.hasNewer) return;
    this.#loadingNewer = true;
    try {
      await opened.timeline.loadNewer({ signal: opened.abort.signal });
    } catch (error) {
      this.#report(error, opened.abort.signal);
    } finally {
      this.#loadingNewer = false;
      this.requestUpdate();
    }
  }

  #retryLoad(): void {
    const opened = this.#opened;
    if (opened === undefined) return;
    this.#close();
    this.#open(opened.client, opened.roomId, opened.message, opened.message);
  }

  override render(): TemplateResult {
    const t = this.messages;
    if (this.#opened === undefined || this.loadState === 'no-access') {
      return html`<div part="base" class="base"><p part="state" class="state">${this.#opened ? this.noAccessText : t.chatNoRoom}</p></div>`;
    }
    const room = this.#roomInfo;
    const roomName = room?.name ?? '';
    const context = this.#messageContext(false);
    return html`
      <div part="base" class="base">
        <div class="main">
          ${this.#header.render(t, this.#opened.client, room, this.#members, searchField(`${this.#id}-search`, t, this.#search, this.resolvedLanguage))}
          <p part="found-status" class="visually-hidden" role="status">${this.#announcement}</p>
          ${this.#streamStatus === 'offline' ? html`<p part="offline-banner" class="offline" role="status">${t.chatOffline}</p>` : nothing}
          ${this.messageList.length > 0 ? nothing : renderState(this.loadState, t, () => this.#retryLoad())}
          ${this.#hasOlder
            ? html`<button part="older-button" class="older" type="button" ?disabled=${this.#loadingOlder} @click=${this.#loadOlder}>
                ${this.#loadingOlder ? t.chatLoadingOlder : t.chatOlder}
              </button>`
            : nothing}
          <div
            part="log"
            class="log"
            role="log"
            aria-live="polite"
            aria-label=${t.chatLog(roomName)}
            tabindex="0"
            @scroll=${this.#window.onScroll}
            @wheel=${this.#window.onUserIntent}
            @touchmove=${this.#window.onUserIntent}
            @keydown=${this.#window.onUserIntent}
            @pointerdown=${this.#window.onUserIntent}
          >
            <div class="rows">
              ${repeat(
                this.#rows.slice(this.#window.start, this.#window.end),
                (row) => row.key,
                (row) => renderRow(row, context, this.resolvedLanguage),
              )}
            </div>
          </div>
          <p part="typing" class="typing" aria-live="polite">${this.#typing.length > 0 ? t.chatTyping(this.#typing) : nothing}</p>
          ${this.#canWrite || room === undefined
            ? this.#composer.render(t.chatComposerLabel(roomName), t, !this.#canWrite)
            : room.archived
              ? this.#header.renderArchived(t, room)
              : html`<p part="read-only" class="read-only">${t.chatReadOnly}</p>`}
        </div>
        ${this.#thread.render(t, this.messageList, this.#canWrite, () => this.dispatchEvent(new BureauThreadOpenEvent(null)))}
        ${renderDeleteDialog(this.#id, t, this.#onDeleteClosed)}
        ${this.#header.renderDialog(room)}
      </div>
    `;
  }
}
