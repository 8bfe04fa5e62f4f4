import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Room } from '@bureau/api';
import { chatDomain, spacesDomain, isHttpError, type BureauClient } from '@bureau/sdk';
import { chatCatalogue } from '../i18n/chat.fr.js';
import { documentsCatalogue } from '../i18n/documents.fr.js';
import { BureauElement } from '../internal/bureau-element.js';
import { followMembership, isNoAccess } from '../internal/membership.js';
import { BureauRoomOpenEvent } from './events/room-open.js';
import { BureauRoomSelectEvent } from './events/room-select.js';
import type { RoomEditor } from './internal/room-editor.js';
import { roomListStyles } from './room-list.styles.js';

type LoadState = 'loading' | 'ready' | 'error' | 'no-access';

/** Something with a `room` to set: a `<bureau-chat>`, under any prefix. */
interface RoomShower extends Element {
  room: string | undefined;
}

const showsRooms = (element: Element | null): element is RoomShower => element !== null && 'room' in element;

/**
 * The rooms of a space, live, with the reader's unread messages and mentions. Picking one shows
 * it in the `<bureau-chat>` whose id is in the `chat` attribute (and fires `bureau-room-select`,
 * which the host page may cancel to do something else). With `chat` set and no room shown yet,
 * the first room is shown.
 *
 * @tagname bureau-room-list
 * @summary The rooms of a space with unread counts, driving a `<bureau-chat>`.
 *
 * The list follows its chat: when the chat opens another room (a search result, a notification),
 * that room is the one shown as selected.
 *
 * @event {BureauRoomSelectEvent} bureau-room-select - The person picked a room. Cancelable.
 *
 * @csspart base - The navigation landmark around the list.
 * @csspart title - The list's title.
 * @csspart list - The list of rooms.
 * @csspart room - The button of a room; also `room-selected` for the one shown.
 * @csspart name - A room's name.
 * @csspart preview - The last message of a room, as plain text.
 * @csspart unread - The unread count badge; also `unread-mentions` when someone mentioned the reader.
 * @csspart archived - The collapsed group of archived rooms (a `<details>`), shown when there are some.
 * @csspart archived-summary - The title of that group, with the number of archived rooms.
 * @csspart archived-list - The list of archived rooms.
 * @csspart archived-room - The button of an archived room (read-only when shown); also `room-selected`.
 * @csspart new-room-button - « Nouveau salon », for members who may create rooms.
 * @csspart room-dialog - The dialog that creates a room.
 * @csspart state - The loading, empty or error message.
 *
 * @cssproperty --bureau-room-list-selected-background - Background of the room shown.
 * @cssproperty --bureau-room-list-badge-background - Background of the unread badge.
 * @cssproperty --bureau-room-list-badge-color - Text colour of the unread badge.
 */
export class BureauRoomListElement extends BureauElement {
  static override domains = [chatDomain, spacesDomain];
  static override catalogues = [chatCatalogue, documentsCatalogue];

  static override styles = [...BureauElement.styles, roomListStyles];

  static override properties: PropertyDeclarations = {
    space: { reflect: true },
    chat: { reflect: true },
    selected: { reflect: true },
    rooms: { state: true, attribute: false },
    archivedRooms: { state: true, attribute: false },
    loadState: { state: true, attribute: false },
  };

  /** The id of the space whose rooms are listed. */
  declare space: string | undefined;
  /** The id of the `<bureau-chat>` (in the same document or shadow root) that shows the room picked. */
  declare chat: string | undefined;
  /** The id of the room shown. */
  declare selected: string | undefined;

  private declare rooms: readonly Room[];
  /** The archived rooms, listed apart in a collapsed group. */
  private declare archivedRooms: readonly Room[];
  private declare loadState: LoadState;

  #watching: { client: BureauClient; space: string; abort: AbortController } | undefined;
  /** « Nouveau salon », loaded for people who may create rooms (a lazy chunk). */
  #editor: RoomEditor | undefined;

  constructor() {
    super();
    this.rooms = [];
    this.archivedRooms = [];
    this.loadState = 'loading';
  }

  /** Where the chat's `bureau-room-open` events are heard: the root the list and its chat share. */
  #heard: Node | undefined;

  readonly #onRoomOpen = (event: BureauRoomOpenEvent): void => {
    const target = this.#target();
    if (target !== undefined && event.composedPath().includes(target)) this.selected = event.roomId;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#heard = this.getRootNode();
    this.#heard.addEventListener(BureauRoomOpenEvent.eventName, this.#onRoomOpen as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#heard?.removeEventListener(BureauRoomOpenEvent.eventName, this.#onRoomOpen as EventListener);
    this.#heard = undefined;
    this.#stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    const watching = this.#watching;
    if (this.isConnected && (watching?.client !== client || watching?.space !== this.space)) {
      this.#stop();
      if (client !== undefined && this.space !== undefined && this.space !== '') this.#watch(client, this.space);
    }
  }

  #watch(client: BureauClient, space: string): void {
    const abort = new AbortController();
    this.#watching = { client, space, abort };
    this.loadState = 'loading';
    client.chat
      .watchRooms(
        space,
        ({ value }) => {
          if (this.loadState === 'no-access') return;
          this.rooms = value;
          this.loadState = 'ready';
          this.#showFirstRoom();
        },
        { signal: abort.signal, onError: (error) => this.#failed(error, abort.signal) },
      )
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        if (isNoAccess(error)) this.#noAccess();
        else if (this.rooms.length === 0) this.loadState = 'error';
        this.#failed(error, abort.signal);
      });
    client.chat
      .watchRooms(
        space,
        ({ value }) => {
          if (this.loadState !== 'no-access') this.archivedRooms = value;
        },
        { signal: abort.signal, archived: true, onError: (error) => this.#failed(error, abort.signal) },
      )
      // The archive is a side list: when it cannot load, the active rooms still show.
      .catch((error: unknown) => this.#failed(error, abort.signal));
    void import('./internal/room-editor.js')
      .then(({ roomEditorFor }) => roomEditorFor(this, client, space, abort.signal, () => this.resolvedLanguage, (room) => this.#pick(room)))
      .then((editor) => {
        this.#editor = editor;
        this.requestUpdate();
      });
    followMembership(
      client,
      abort.signal,
      () => {
        if (this.loadState !== 'no-access') return;
        this.#stop();
        this.#watch(client, space);
      },
      (spaceId) => {
        if (spaceId === space) this.#noAccess();
      },
    );
  }

  #noAccess(): void {
    this.#editor = undefined;
    this.rooms = [];
    this.archivedRooms = [];
    this.loadState = 'no-access';
  }

  #failed(error: unknown, signal: AbortSignal): void {
    // A refusal (not a member, signed out) is shown as the error state; anything else is a bug.
    if (!signal.aborted && !isHttpError(error)) reportError(error);
  }

  #stop(): void {
    this.#editor = undefined;
    this.#watching?.abort.abort();
    this.#watching = undefined;
    this.rooms = [];
    this.archivedRooms = [];
  }

  /** The chat this list drives, if any. */
  #target(): RoomShower | undefined {
    if (this.chat === undefined || this.chat === '') return undefined;
    const root = this.getRootNode() as Document | ShadowRoot;
    const element = root.getElementById(this.chat);
    return showsRooms(element) ? element : undefined;
  }

  #showFirstRoom(): void {
    const target = this.#target();
    const first = this.rooms[0];
    if (target === undefined || first === undefined) return;
    if (target.room === undefined || target.room === null || target.room === '') {
      if (!this.dispatchEvent(new BureauRoomSelectEvent(first.id, true))) return;
      target.room = first.id;
    }
    this.selected ??= target.room;
  }

  #pick(room: Room): void {
    if (!this.dispatchEvent(new BureauRoomSelectEvent(room.id))) return;
    this.selected = room.id;
    const target = this.#target();
    if (target !== undefined) target.room = room.id;
  }

  /**
   * One tab stop for the whole list (the room shown), archived rooms included, so that the chat's
   * composer stays a few Tab presses away: arrows, Home and End move between the rooms, then to
   * « Salons archivés » (Enter or Space opens it) and the archived rooms when it is open.
   */
  readonly #onKey = (event: KeyboardEvent): void => {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="room"], [part="archived-summary"], details[open] [part~="archived-room"]')];
    const at = buttons.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    const next = to === undefined ? undefined : buttons[to];
    if (next === undefined) return;
    event.preventDefault();
    for (const button of buttons) button.tabIndex = button === next ? 0 : -1;
    next.focus();
  };

  override render(): TemplateResult {
    const t = this.messages;
    return html`
      <nav part="base" aria-labelledby="title" @keydown=${this.#onKey}>
        <p part="title" id="title" class="title">${t.roomList}</p>
        ${this.#editor?.createButton() ?? nothing}
        ${this.#renderBody()}
        ${this.#renderArchived()}
        ${this.space ? this.#editor?.dialog(this.space) : nothing}
      </nav>
    `;
  }

  /** The archived rooms, in a collapsed group (a native disclosure); none, no group. */
  #renderArchived(): TemplateResult | typeof nothing {
    if (this.archivedRooms.length === 0) return nothing;
    const t = this.messages;
    // The list's one tab stop is here only when the room shown is archived.
    const stop = this.selected;
    return html`<details part="archived" class="archived" ?open=${this.archivedRooms.some((room) => room.id === this.selected)}>
      <summary part="archived-summary" tabindex=${this.rooms.length > 0 || this.archivedRooms.some((room) => room.id === this.selected) ? -1 : 0}>${t.roomListArchived} (${this.archivedRooms.length})</summary>
      <ul part="archived-list">
        ${this.archivedRooms.map((room) => {
          const current = room.id === this.selected;
          return html`<li>
            <button part=${current ? 'archived-room room-selected' : 'archived-room'} type="button" tabindex=${room.id === stop ? 0 : -1} aria-current=${current ? 'true' : 'false'} @click=${() => this.#pick(room)}>
              <span part="name" class="name">${room.name}</span>
            </button>
          </li>`;
        })}
      </ul>
    </details>`;
  }

  #renderBody(): TemplateResult {
    const t = this.messages;
    if (this.rooms.length === 0) {
      if (this.loadState === 'no-access') return html`<p part="state" class="state">${this.noAccessText}</p>`;
      if (this.loadState === 'error') return html`<p part="state" class="state error" role="alert">${t.roomListFailed}</p>`;
      if (this.loadState === 'loading') return html`<p part="state" class="state" role="status">${t.roomListLoading}</p>`;
      return html`<p part="state" class="state">${t.roomListEmpty}</p>`;
    }
    return html`
      <ul part="list">
        ${this.rooms.map((room, index) => {
          const current = room.id === this.selected;
          const stop = current || (index === 0 && ![...this.rooms, ...this.archivedRooms].some((each) => each.id === this.selected));
          const last = room.lastMessage;
          const preview = last === null || last.deletedAt !== null ? '' : `${last.author.name} : ${last.text}`;
          return html`<li>
            <button part=${current ? 'room room-selected' : 'room'} type="button" tabindex=${stop ? 0 : -1} aria-current=${current ? 'true' : 'false'} @click=${() => this.#pick(room)}>
              <span part="name" class="name">${room.name}</span>
              ${room.unreadCount > 0
                ? html`<span part=${room.unreadMentions > 0 ? 'unread unread-mentions' : 'unread'} class="badge">
                    <span aria-hidden="true">${room.unreadMentions > 0 ? `@ ${room.unreadCount}` : room.unreadCount}</span>
                    <span class="visually-hidden">${t.roomUnread(room.unreadCount)}${room.unreadMentions > 0 ? `, ${t.roomMentions(room.unreadMentions)}` : nothing}</span>
                  </span>`
                : nothing}
              ${preview !== '' ? html`<span part="preview" class="preview">${preview}</span>` : nothing}
            </button>
          </li>`;
        })}
      </ul>
    `;
  }
}
