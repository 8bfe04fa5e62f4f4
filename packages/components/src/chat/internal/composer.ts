import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Member } from '@bureau/api';
import type { Messages } from '../../i18n/fr.js';
import type { PickedFile } from '../../internal/file-picker.js';
import type { AttachFrom, AttachmentDraft } from './attachment-draft.js';
import { matchMembers, mentionQueryAt } from './mentions.js';

/** What a composer needs from the element that shows it. */
export interface ComposerHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface ComposerOptions {
  /** A unique prefix for the ids of its parts (listbox, options, hint). */
  id: string;
  /** Space members offered by the `@mention` autocomplete. */
  members: () => readonly Member[];
  /** The reader's id, left out of the suggestions. */
  selfId: () => string | undefined;
  /** Sends the text and the documents attached; false when the host page vetoed it (both are then kept). */
  send: (text: string, attachments: readonly PickedFile[]) => boolean;
  /** Where documents can be attached from (the room's space), once known; no « Joindre » button without it. */
  attach?: () => AttachFrom | undefined;
  /** Called on every change of the text (drafts, typing notifications). */
  changed: (text: string) => void;
}

/**
 * The message field of a chat: a labelled `<textarea>` where Enter sends and Shift+Enter starts a
 * new line, with an `@mention` autocomplete (a listbox the field controls through
 * `aria-activedescendant`: arrows move, Enter or Tab pick, Escape closes).
 */
export class Composer implements ReactiveController {
  readonly #host: ComposerHost;
  readonly #options: ComposerOptions;
  #text = '';
  #suggestions: Member[] = [];
  #active = 0;
  #mentionStart = -1;
  /** Documents chosen for the next message and the picker (a lazy chunk), once « Joindre » is used. */
  #draft: AttachmentDraft | undefined;

  constructor(host: ComposerHost, options: ComposerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The text being written. */
  get text(): string {
    return this.#text;
  }

  /** Replaces the text (a draft restored, or cleared after sending). */
  set text(value: string) {
    this.#text = value;
    this.#closeSuggestions();
    this.#host.requestUpdate();
  }

  get #field(): HTMLTextAreaElement | null {
    return this.#host.renderRoot.querySelector<HTMLTextAreaElement>(`#${this.#options.id}-field`);
  }

  /** Moves the focus to the field. */
  focus(): void {
    this.#field?.focus();
  }

  /** Opens the file picker, loading the attachments' code the first time. */
  async #attach(t: Messages): Promise<void> {
    const from = this.#options.attach?.();
    if (from === undefined) return;
    if (this.#draft === undefined) {
      const { AttachmentDraft } = await import('./attachment-draft.js');
      this.#draft ??= new AttachmentDraft({
        requestUpdate: () => this.#host.requestUpdate(),
        focus: async (part) => {
          this.#host.requestUpdate();
          await this.#host.updateComplete;
          this.#host.renderRoot.querySelector<HTMLElement>(`#${this.#options.id}-form [part="${part}"]`)?.focus();
        },
      });
    }
    await this.#draft.open(t, from);
  }

  render(label: string, t: Messages, disabled: boolean): TemplateResult {
    const id = this.#options.id;
    const open = this.#suggestions.length > 0;
    return html`
      <form part="composer" class="composer" id="${id}-form" @submit=${this.#onSubmit}>
        <label part="composer-label" for="${id}-field">${label}</label>
        ${this.#draft?.render(t, id) ?? nothing}
        <div class="composer-row">
          <textarea
            id="${id}-field"
            part="composer-field"
            rows="2"
            .value=${this.#text}
            ?disabled=${disabled}
            aria-describedby="${id}-hint"
            aria-autocomplete="list"
            aria-controls=${open ? `${id}-mentions` : nothing}
            aria-activedescendant=${open ? `${id}-mention-${this.#active}` : nothing}
            @input=${this.#onInput}
            @keydown=${this.#onKeyDown}
            @blur=${this.#onBlur}
          ></textarea>
          ${this.#options.attach
            ? html`<button part="attach-button" type="button" ?disabled=${disabled} @click=${() => void this.#attach(t)}>${t.chatAttach}</button>`
            : nothing}
          <button part="send-button" class="primary" type="submit" ?disabled=${disabled}>${t.chatSend}</button>
        </div>

        <p id="${id}-hint" part="composer-hint" class="hint">${t.chatComposerHint}</p>
        ${open
          ? html`<ul id="${id}-mentions" part="mentions" class="mentions" role="listbox" aria-label=${t.chatMentions}>
              ${this.#suggestions.map(
                (member, index) => html`<li
                  id="${id}-mention-${index}"
                  part=${index === this.#active ? 'mention-option mention-option-active' : 'mention-option'}
                  role="option"
                  aria-selected=${index === this.#active ? 'true' : 'false'}
                  @mousedown=${(event: Event) => event.preventDefault()}
                  @click=${() => this.#pick(member)}
                >
                  ${member.name} <span class="mention-id">@${member.userId}</span>
                </li>`,
              )}
            </ul>`
          : nothing}
      </form>
    `;
  }

  /**
   * The space's members arrived (or changed): an `@` typed before them gets its suggestions now,
   * not at the next keystroke.
   */
  membersChanged(): void {
    const field = this.#field;
    if (field === null || (field.getRootNode() as Document | ShadowRoot).activeElement !== field) return;
    this.#suggest(field);
    this.#host.requestUpdate();
  }

  readonly #onInput = (event: Event): void => {
    const field = event.target as HTMLTextAreaElement;
    this.#text = field.value;
    this.#suggest(field);
    this.#options.changed(this.#text);
    this.#host.requestUpdate();
  };

  readonly #onBlur = (): void => {
    if (this.#suggestions.length === 0) return;
    this.#closeSuggestions();
    this.#host.requestUpdate();
  };

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    const open = this.#suggestions.length > 0;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.#active = (this.#active + step + this.#suggestions.length) % this.#suggestions.length;
      this.#host.requestUpdate();
      return;
    }
    if (open && (event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      event.preventDefault();
      const member = this.#suggestions[this.#active];
      if (member !== undefined) this.#pick(member);
      return;
    }
    if (open && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#closeSuggestions();
      this.#host.requestUpdate();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.#submit();
    }
  };

  readonly #onSubmit = (event: Event): void => {
    event.preventDefault();
    this.#submit();
  };

  #submit(): void {
    const text = this.#text;
    if (text.trim() === '') return;
    if (!this.#options.send(text, this.#draft?.files ?? [])) return;
    this.#draft?.clear();
    this.text = '';
    this.#options.changed('');
  }

  #suggest(field: HTMLTextAreaElement): void {
    const found = mentionQueryAt(field.value, field.selectionStart ?? field.value.length);
    if (found === undefined) {
      this.#closeSuggestions();
      return;
    }
    this.#mentionStart = found.start;
    this.#suggestions = matchMembers(this.#options.members(), found.query, this.#options.selfId());
    this.#active = 0;
  }

  #pick(member: Member): void {
    const field = this.#field;
    const caret = field?.selectionStart ?? this.#text.length;
    const inserted = `@${member.userId} `;
    this.#text = `${this.#text.slice(0, this.#mentionStart)}${inserted}${this.#text.slice(caret)}`;
    const at = this.#mentionStart + inserted.length;
    this.#closeSuggestions();
    this.#options.changed(this.#text);
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#field?.setSelectionRange(at, at));
  }

  #closeSuggestions(): void {
    this.#suggestions = [];
    this.#active = 0;
    this.#mentionStart = -1;
  }
}
