import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isBureauError, isHttpError, type BureauClient, type ChatMessage, type StreamStatus, type Timeline } from '@bureau/sdk';
import type { Attachment, Member, Room } from '@bureau/api';
import { BureauElement } from '../internal/bureau-element.js';
import { BureauMessageSendEvent } from './events/message-send.js';
import { BureauMessageEditEvent } from './events/message-edit.js';
import { BureauMessageDeleteEvent } from './events/message-delete.js';
import { BureauReactionToggleEvent } from './events/reaction-toggle.js';
import { BureauThreadOpenEvent } from './events/thread-open.js';
import { Composer } from './internal/composer.js';
import { renderDeleteDialog, renderRow, renderState, type LoadState } from './internal/chat-view.js';
import { membersOf } from './internal/members.js';
import type { MessageContext } from './internal/message-view.js';
import { ReadMarks } from './internal/read-marks.js';
import { buildRows, messageKey, type Row } from './internal/rows.js';
import { followMembership, isNoAccess } from '../internal/membership.js';
import { membersButton } from '../internal/members-button.js';
import { roleIn } from '../internal/role.js';
import { ThreadPanel } from './internal/thread-panel.js';
import { RowWindow } from './internal/window.js';
import type { MessageFeed } from './internal/feed.js';
import { chatStyles } from './chat.styles.js';

/** Everything opened for one room, closed together when the room or the client changes. */
interface Opened {
  roomId: string;
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
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The room's name and topic.
 * @csspart offline-banner - Shown while the connection to the server is lost.
 * @csspart state - The loading, empty, error or no-room message.
 * @csspart older-button - Loads older messages (they also load on scrolling to the top).
 * @csspart log - The scrolling, windowed message list (`role="log"`, polite live region).
 * @csspart day-separator - The date between two days of messages.
 * @csspart new-marker - Where the unread messages start.
 * @csspart message - A message; also `message-own`, `message-continued`, `message-pending`, `message-failed`.
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
 * @csspart read-only - Replaces the composer for people who may not write.
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
 * @cssproperty --bureau-chat-thread-inline-size - Width of the thread panel (default 22rem).
 */
export class BureauChatElement extends BureauElement {
  static override styles = [...BureauElement.styles, chatStyles];

  static override properties: PropertyDeclarations = {
    room: { reflect: true },
    loadState: { state: true, attribute: false },
    messageList: { state: true, attribute: false },
  };

  /** The id of the room shown. */
  declare room: string | undefined;

  private declare loadState: LoadState;
  private declare messageList: readonly ChatMessage[];

  readonly #id = `bureau-chat-${(instances += 1)}`;
  #opened: Opened | undefined;
  #roomInfo: Room | undefined;
  #members: readonly Member[] = [];
  #selfId: string | undefined;
  #canWrite = false;
  #isOwner = false;
  /** The reader's marker and unread count when the room was opened: where "new messages" starts. */
  #unread: { after: string | null; count: number } = { after: null, count: 0 };
  #typing: readonly string[] = [];
  #streamStatus: StreamStatus = 'connecting';
  #hasOlder = false;
  #loadingOlder = false;
  #editing: string | undefined;
  #deleting: ChatMessage | undefined;
  #rows: Row[] = [];
  readonly #window = new RowWindow(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.log'),
    viewed: (newestInView, nearOldest) => {
      if (newestInView) this.#markRead();
      if (nearOldest && !this.#window.stick && this.loadState === 'ready') void this.#loadOlder();
    },
  });
  /** The list as one tab stop, arrows between messages: a lazy chunk fetched when a room opens. */
  #feed: MessageFeed | undefined;
  #lastMarked: string | undefined;
  readonly #readMarks = new ReadMarks();
  #draftWrites: Promise<void> = Promise.resolve();
  readonly #thread: ThreadPanel;
  readonly #composer: Composer;

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

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    const opened = this.#opened;
    if (this.isConnected && (opened?.client !== client || opened?.roomId !== this.room)) {
      this.#close();
      if (client !== undefined && this.room !== undefined && this.room !== '') this.#open(client, this.room);
    }
    if ((changed as Map<PropertyKey, unknown>).has('messageList')) this.#layoutRows();
  }

  /** Opens a room: its timeline, its details, the people who may be mentioned, who is typing. */
  #open(client: BureauClient, roomId: string): void {
    const abort = new AbortController();
    const { signal } = abort;
    const timeline = client.chat.timeline(roomId);
    if (this.#feed === undefined) {
      void import('./internal/feed.js').then(({ MessageFeed }) => {
        this.#feed ??= new MessageFeed(this, () => this.renderRoot.querySelector<HTMLElement>('.log'));
        this.requestUpdate();
      });
    }
    this.#opened = { roomId, client, abort, timeline };
    this.loadState = 'loading';
    this.messageList = timeline.messages;
    this.#window.stick = true;
    this.#lastMarked = undefined;
    timeline.addEventListener('change', (event) => {
      this.messageList = event.messages;
      this.#hasOlder = timeline.hasOlder;
    });
    timeline.ready.then(
      () => {
        if (signal.aborted) return;
        this.#hasOlder = timeline.hasOlder;
        this.loadState = 'ready';
      },
      (error: unknown) => {
        if (signal.aborted) return;
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

  /** The room's details, the reader, their role and the space's members. */
  async #loadContext(client: BureauClient, roomId: string, signal: AbortSignal): Promise<void> {
    try {
      const [session, room] = await Promise.all([client.auth.session({ signal }), client.chat.room(roomId, { signal })]);
      if (signal.aborted) return;
      this.#selfId = session?.user.id;
      this.#roomInfo = room;
      this.#unread = { after: room.lastReadMessageId, count: room.unreadCount };
      this.#layoutRows();
      this.requestUpdate();
      const role = await roleIn(client, room.spaceId, signal);
      this.#canWrite = (role === 'owner' || role === 'member') && !room.archived;
      this.#isOwner = role === 'owner';
      this.requestUpdate();
      this.#members = await membersOf(client, room.spaceId, signal);
      this.#composer.membersChanged();
      this.#thread.membersChanged();
      this.requestUpdate();
    } catch (error) {
      this.#report(error, signal);
    }
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
    this.#readMarks.flush();
    opened.abort.abort();
    opened.timeline.close();
    this.#thread.close();
    this.#roomInfo = undefined;
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
    // Another person signed in on this browser: this person's queued writes (a read marker) wait for
    // them; nothing to report on a page that now shows someone else.
    if (isBureauError(error) && error.code === 'signed-out') return;
    reportError(error);
  }

  /** Recomputes the rows, and which of them are mounted. */
  #layoutRows(): void {
    this.#rows = buildRows(this.messageList, this.#unread, this.#selfId);
    this.#window.rows(this.#rows.map((row) => row.key));
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
    if (threadId === null) this.#window.follow();
    return true;
  }

  /**
   * A write the server refused is shown on its message (failed, with the reason and Retry), so an
   * `HttpError` needs nothing more; anything else but a cancellation is unexpected and reported.
   */
  readonly #writeFailed = (error: unknown): void => {
    // A write stays in the outbox when the client closes: its promise is cancelled, not failed.
    if (isHttpError(error) || (error instanceof Error && error.name === 'AbortError')) return;
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
      nameOf: (userId) => this.#members.find((member) => member.userId === userId)?.name,
      fileUrl: (fileId) => opened?.client.files.contentUrl(fileId) ?? '',
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
        this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal();
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
    if (opened === undefined) return;
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

  #retryLoad(): void {
    const opened = this.#opened;
    if (opened === undefined) return;
    this.#close();
    this.#open(opened.client, opened.roomId);
  }

  override render(): TemplateResult {
    const t = this.messages;
    if (this.#opened === undefined || this.loadState === 'no-access') {
      return html`<div part="base" class="base"><p part="state" class="state">${this.#opened ? t.noAccess : t.chatNoRoom}</p></div>`;
    }
    const roomName = this.#roomInfo?.name ?? '';
    const context = this.#messageContext(false);
    return html`
      <div part="base" class="base">
        <div class="main">
          <header part="header" class="header">
            <span class="room-name">${roomName}</span>
            ${this.#roomInfo?.topic ? html`<span class="topic">${this.#roomInfo.topic}</span>` : nothing}
            ${this.#roomInfo ? membersButton(t.members, this.#opened.client, this.#roomInfo.spaceId, this.resolvedLanguage) : nothing}
          </header>
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
          ${this.#canWrite || this.#roomInfo === undefined
            ? this.#composer.render(t.chatComposerLabel(roomName), t, !this.#canWrite)
            : html`<p part="read-only" class="read-only">${t.chatReadOnly}</p>`}
        </div>
        ${this.#thread.render(t, this.messageList, this.#canWrite, () => this.dispatchEvent(new BureauThreadOpenEvent(null)))}
        ${renderDeleteDialog(this.#id, t, this.#onDeleteClosed)}
      </div>
    `;
  }
}
