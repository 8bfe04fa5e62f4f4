import { html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import type { Member, Role, Room } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import { membersButton } from '../../internal/members-button.js';
import type { RoomEditor } from './room-editor.js';
import type { MuteToggle } from '../../internal/mute-toggle.js';

/** Whether a person may rename, re-topic, archive and unarchive a room (the server checks it too). */
export const mayManage = (room: Room, role: Role | undefined, selfId: string | undefined): boolean =>
  role === 'owner' || (role === 'member' && room.createdBy !== null && room.createdBy === selfId);

/** What the header needs from its `<bureau-chat>`. */
export interface RoomHeaderHost {
  readonly id: string;
  readonly element: ReactiveElement;
  language(): Language;
  /** The room changed on the server (renamed, re-topiced, archived or brought back). */
  changed(room: Room): void;
}

/**
 * The header of a chat room: its name, topic, who is online now, « Membres », « Sourdine » (a
 * lazy chunk), and « Gérer le salon » for those who may change the room (the room editor, a lazy chunk). Follows the room's
 * `room.updated` events so that a rename or an archive shows at once for everyone. Presence comes
 * from the server (members with an open event stream: docs/api/chat.md, « Presence »); it is shown
 * as a count, with the names as its text alternative. Its buttons are one toolbar, one Tab stop
 * (arrows, Home and End move between them), so that the composer stays a few Tab presses from the
 * room list however many tools the room has.
 */
export class RoomHeader implements ReactiveController {
  readonly #host: RoomHeaderHost;
  #online: ReadonlySet<string> = new Set();
  #editor: RoomEditor | undefined;
  /** « Sourdine », for everyone who reads the room (a lazy chunk, with the notifications' SDK code). */
  #mute: MuteToggle | undefined;

  /** Which of the toolbar's buttons holds its Tab stop. */
  #stop = 0;

  constructor(host: RoomHeaderHost) {
    this.#host = host;
    host.element.addController(this);
  }

  hostUpdated(): void {
    this.#rove();
  }

  #tools(): HTMLElement[] {
    return [...(this.#host.element.renderRoot as ShadowRoot).querySelectorAll<HTMLElement>('.header-tools > button')];
  }

  /** One button of the toolbar in the Tab order, the others reached by the arrows. */
  #rove(): void {
    const tools = this.#tools();
    this.#stop = Math.min(this.#stop, Math.max(0, tools.length - 1));
    tools.forEach((tool, index) => (tool.tabIndex = index === this.#stop ? 0 : -1));
  }

  #onKeydown(event: KeyboardEvent): void {
    const tools = this.#tools();
    const at = tools.indexOf((this.#host.element.renderRoot as ShadowRoot).activeElement as HTMLElement);
    if (at === -1) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tools.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.#stop = (to + tools.length) % tools.length;
    this.#rove();
    tools[this.#stop]?.focus();
  }

  #onFocusin(event: FocusEvent): void {
    const at = this.#tools().indexOf(event.target as HTMLElement);
    if (at === -1 || at === this.#stop) return;
    this.#stop = at;
    this.#rove();
  }

  /** Follows `room` until `signal` aborts: its changes, who is online, and the editor if allowed. */
  open(client: BureauClient, room: Room, role: Role | undefined, selfId: string | undefined, signal: AbortSignal): void {
    const off = client.stream.subscribe('room.updated', (event) => {
      if (event.data.id === room.id) this.#host.changed({ ...room, ...event.data });
    });
    signal.addEventListener('abort', off, { once: true });
    signal.addEventListener('abort', () => this.close(), { once: true });
    client.chat
      .watchPresence(
        room.spaceId,
        (online) => {
          this.#online = online;
          this.#host.element.requestUpdate();
        },
        // Presence is a nicety: the room stands without it.
        { signal, onError: () => undefined },
      )
      .catch(() => undefined);
    const element = this.#host.element;
    void import('../../internal/mute-toggle.js').then(({ MuteToggle }) => {
      if (signal.aborted) return;
      this.#mute = new MuteToggle({ id: this.#host.id, requestUpdate: () => element.requestUpdate(), language: () => this.#host.language() }, client, room.id, 'room', signal);
    });
    if (!mayManage(room, role, selfId)) return;
    void import('./room-editor.js').then(({ RoomEditor }) => {
      if (signal.aborted) return;
      this.#editor = new RoomEditor({
        id: this.#host.id,
        requestUpdate: () => element.requestUpdate(),
        updateComplete: () => element.updateComplete,
        root: () => element.renderRoot as ShadowRoot,
        language: () => this.#host.language(),
        client: () => client,
        created: () => undefined,
      });
      element.requestUpdate();
    });
  }

  close(): void {
    this.#online = new Set();
    this.#editor = undefined;
    this.#mute = undefined;
  }

  render(t: Messages, client: BureauClient, room: Room | undefined, members: readonly Member[], search: TemplateResult | typeof nothing = nothing): TemplateResult {
    // A <div>, not a <header>: several chats on a page must not make several banner landmarks.
    return html`<div part="header" class="header">
      <span class="room-name" id="${this.#host.id}-room-name">${room?.name ?? ''}</span>
      ${room?.topic ? html`<span class="topic">${room.topic}</span>` : nothing}
      ${room?.archived ? html`<span part="archived-badge" class="archived-badge">${t.chatArchivedBadge}</span>` : nothing}
      <span
        class="header-tools"
        role="toolbar"
        aria-labelledby="${this.#host.id}-room-name"
        @keydown=${(event: KeyboardEvent) => this.#onKeydown(event)}
        @focusin=${(event: FocusEvent) => this.#onFocusin(event)}
      >
        ${this.#renderPresence(t, members)}
        ${room ? membersButton(t.members, client, room.spaceId, this.#host.language()) : nothing}
        ${room ? (this.#mute?.render() ?? nothing) : nothing}
        ${room && this.#editor ? this.#editor.settingsButton(room) : nothing}
      </span>
      ${search}
    </div>`;
  }

  /** « Gérer le salon »'s dialog, for those allowed (rendered last: after the chat's own dialogs). */
  renderDialog(room: Room | undefined): TemplateResult | typeof nothing {
    return room && this.#editor ? this.#editor.dialog(room.spaceId) : nothing;
  }

  /** Replaces the composer in an archived room: why, and « Désarchiver » for those allowed. */
  renderArchived(t: Messages, room: Room): TemplateResult {
    return html`<div part="read-only" class="read-only archived-notice">
      <p>${t.chatArchived}</p>
      ${this.#editor?.unarchiveButton(room) ?? nothing}
    </div>`;
  }

  #renderPresence(t: Messages, members: readonly Member[]): TemplateResult | typeof nothing {
    const online = members.filter((member) => this.#online.has(member.userId));
    if (online.length === 0) return nothing;
    const names = new Intl.ListFormat(this.#host.language(), { type: 'conjunction' }).format(online.map((member) => member.name));
    return html`<span part="presence" class="presence" title=${names}>
      <span class="presence-dot" aria-hidden="true"></span>
      <span aria-hidden="true">${t.chatOnlineShort(online.length)}</span>
      <span class="visually-hidden">${t.chatOnline(online.length, names)}</span>
    </span>`;
  }
}
