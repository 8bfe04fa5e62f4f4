import { css, html, nothing, type TemplateResult } from 'lit';
import { addStyles } from '../../internal/add-styles.js';
import type { BureauClient } from '@bureau/sdk';
import type { Room } from '@bureau/api';
import type { ReactiveElement } from 'lit';
import type { Language } from '../../i18n/catalogues.js';
import { roleIn } from '../../internal/role.js';
import { failureText, selfServiceMessages } from '../../i18n/self-service.js';

const styles = css`
  .room-form { display: grid; gap: 0.4rem; min-inline-size: min(22rem, 80vw); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-block-start: 0.5rem; }
`;

/** What the room editor needs from its element. */
export interface RoomEditorHost {
  readonly id: string;
  requestUpdate(): void;
  updateComplete(): Promise<boolean>;
  root(): ShadowRoot;
  language(): Language;
  client(): BureauClient | undefined;
  /** A room was created: show it. */
  created(room: Room): void;
}

/**
 * The editor of a room list, for a person who may create rooms in `space` (members and owners);
 * undefined for guests and non-members.
 */
export async function roomEditorFor(
  el: ReactiveElement,
  client: BureauClient,
  space: string,
  signal: AbortSignal,
  language: () => Language,
  created: (room: Room) => void,
): Promise<RoomEditor | undefined> {
  const role = await roleIn(client, space, signal).catch(() => undefined);
  if (signal.aborted || (role !== 'owner' && role !== 'member')) return undefined;
  return new RoomEditor({
    id: 'rooms',
    requestUpdate: () => el.requestUpdate(),
    updateComplete: () => el.updateComplete,
    root: () => el.renderRoot as ShadowRoot,
    language,
    client: () => client,
    created,
  });
}

/**
 * « Nouveau salon » (a lazy chunk, loaded for people who may create rooms): a button that opens a
 * native modal dialog asking for a name and a topic; with `room` set, the same dialog renames the
 * room, changes its topic, archives or unarchives it. Errors are told in the person's language and
 * their text stays in the fields.
 */
export class RoomEditor {
  readonly #host: RoomEditorHost;
  #editing: Room | undefined;
  #error = '';
  #busy = false;

  constructor(host: RoomEditorHost) {
    this.#host = host;
    addStyles(host.root(), styles);
  }

  /** The « Nouveau salon » button. */
  createButton(): TemplateResult {
    return html`<button type="button" part="new-room-button" class="new-room" @click=${() => this.#open(undefined)}>+ ${selfServiceMessages(this.#host.language()).newRoom}</button>`;
  }

  /** The « Gérer le salon » button, for a room the person may change. */
  settingsButton(room: Room): TemplateResult {
    return html`<button type="button" part="room-settings-button" @click=${() => this.#open(room)}>${selfServiceMessages(this.#host.language()).roomSettings}</button>`;
  }

  /**
   * « Désarchiver le salon » outside the dialog (where an archived room's composer would be), with
   * the reason if it fails; on success the focus goes to « Gérer le salon ».
   */
  unarchiveButton(room: Room): TemplateResult {
    const s = selfServiceMessages(this.#host.language());
    const open = this.#element()?.open === true;
    return html`<button type="button" part="unarchive-button" ?disabled=${this.#busy} @click=${async () => {
        if (await this.#archive(room)) {
          await this.#host.updateComplete();
          this.#host.root().querySelector<HTMLElement>('button[part="room-settings-button"]')?.focus();
        }
      }}>${s.unarchiveRoom}</button>
      ${this.#error === '' || open ? nothing : html`<p part="room-error" role="alert">${this.#error}</p>`}`;
  }

  dialog(spaceId: string): TemplateResult {
    const s = selfServiceMessages(this.#host.language());
    const id = this.#host.id;
    const room = this.#editing;
    return html`<dialog part="room-dialog" aria-labelledby="${id}-room-title" @close=${() => this.#closed()}>
      <form method="dialog" class="room-form" @submit=${(event: Event) => this.#submit(event, spaceId)}>
        <h2 id="${id}-room-title">${room === undefined ? s.newRoom : s.roomSettings}</h2>
        <label for="${id}-room-name">${s.roomName}</label>
        <input id="${id}-room-name" name="name" required maxlength="80" autocomplete="off" .value=${room?.name ?? ''} />
        <label for="${id}-room-topic">${s.roomTopic}</label>
        <input id="${id}-room-topic" name="topic" maxlength="500" autocomplete="off" .value=${room?.topic ?? ''} />
        ${this.#error === '' ? nothing : html`<p part="room-error" role="alert">${this.#error}</p>`}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.#busy}>${room === undefined ? s.createRoom : s.save}</button>
          ${room === undefined
            ? nothing
            : html`<button type="button" ?disabled=${this.#busy} @click=${() => this.#archive(room)}>${room.archived ? s.unarchiveRoom : s.archiveRoom}</button>`}
          <button type="button" @click=${() => this.#element()?.close()}>${s.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }

  #element(): HTMLDialogElement | null {
    return this.#host.root().querySelector<HTMLDialogElement>('dialog[part="room-dialog"]');
  }

  #open(room: Room | undefined): void {
    this.#editing = room;
    this.#error = '';
    this.#host.requestUpdate();
    void this.#host.updateComplete().then(() => {
      const dialog = this.#element();
      dialog?.querySelector('form')?.reset();
      // A reset empties the fields: editing starts from the room as it is now.
      const name = dialog?.querySelector<HTMLInputElement>('input[name="name"]');
      const topic = dialog?.querySelector<HTMLInputElement>('input[name="topic"]');
      if (name && topic) [name.value, topic.value] = [room?.name ?? '', room?.topic ?? ''];
      dialog?.showModal();
      name?.focus();
    });
  }

  #closed(): void {
    const selector = this.#editing === undefined ? 'button[part="new-room-button"]' : 'button[part="room-settings-button"]';
    this.#editing = undefined;
    this.#host.root().querySelector<HTMLElement>(selector)?.focus();
  }

  async #submit(event: Event, spaceId: string): Promise<void> {
    event.preventDefault();
    const client = this.#host.client();
    if (client === undefined || this.#busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    const topic = (form.elements.namedItem('topic') as HTMLInputElement).value.trim();
    if (name === '') return;
    const room = this.#editing;
    await this.#run(async () => {
      if (room === undefined) {
        const created = await client.chat.createRoom(spaceId, { name, topic });
        this.#element()?.close();
        this.#host.created(created);
      } else {
        await client.chat.updateRoom(room.id, { name, topic }, { ifMatch: room.version });
        this.#element()?.close();
      }
    });
  }

  /** Archives or brings back `room`; whether it worked. */
  async #archive(room: Room): Promise<boolean> {
    const client = this.#host.client();
    if (client === undefined) return false;
    return this.#run(async () => {
      await client.chat.updateRoom(room.id, { archived: !room.archived }, { ifMatch: room.version });
      this.#element()?.close();
    });
  }

  async #run(action: () => Promise<void>): Promise<boolean> {
    this.#busy = true;
    this.#error = '';
    this.#host.requestUpdate();
    try {
      await action();
      return true;
    } catch (error) {
      this.#error = failureText(selfServiceMessages(this.#host.language()), error);
      return false;
    } finally {
      this.#busy = false;
      this.#host.requestUpdate();
    }
  }
}
