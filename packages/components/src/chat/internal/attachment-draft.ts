import { html, nothing, type TemplateResult } from 'lit';
import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import { FilePicker, type PickedFile } from '../../internal/file-picker.js';

/** Where a composer attaches documents from: the room's space. */
export interface AttachFrom {
  client: BureauClient;
  spaceId: string;
  language: Language;
}

/** What the draft needs from its composer. */
export interface AttachmentDraftHost {
  requestUpdate(): void;
  /** Moves the focus to a part of the composer once it has rendered. */
  focus(part: 'composer-field' | 'attach-button' | 'picker-folder'): Promise<void>;
}

/**
 * The documents chosen for a composer's next message: removable chips above the field and the
 * file picker that adds them. A lazy chunk (with the picker), loaded on the first « Joindre un
 * document », so that a chat nobody attaches from never downloads it.
 */
export class AttachmentDraft {
  readonly #host: AttachmentDraftHost;
  #files: PickedFile[] = [];
  #picker: FilePicker | undefined;
  #from: AttachFrom | undefined;

  constructor(host: AttachmentDraftHost) {
    this.#host = host;
  }

  /** The documents chosen, in order. */
  get files(): readonly PickedFile[] {
    return this.#files;
  }

  /** Forgets the chosen documents (they went with a message) and closes the picker. */
  clear(): void {
    this.#files = [];
    this.#close();
  }

  /** Opens the picker on the space's folders and gives it the focus. */
  async open(t: Messages, from: AttachFrom): Promise<void> {
    this.#picker?.dispose();
    this.#from = from;
    this.#picker = new FilePicker(
      {
        requestUpdate: () => this.#host.requestUpdate(),
        pick: (file) => {
          this.#files = [...this.#files, file];
          this.#close();
          void this.#host.focus('composer-field');
        },
        close: () => {
          this.#close();
          void this.#host.focus('attach-button');
        },
      },
      from.client,
      from.spaceId,
    );
    const loaded = this.#picker.load(t);
    await this.#host.focus('picker-folder');
    await loaded;
  }

  #close(): void {
    this.#picker?.dispose();
    this.#picker = undefined;
    this.#host.requestUpdate();
  }

  /** The chips of the chosen documents, then the picker while it is open. */
  render(t: Messages, id: string): TemplateResult {
    const chips =
      this.#files.length === 0
        ? nothing
        : html`<ul part="attachments-draft" class="attachments" aria-label=${t.chatAttachments}>
            ${this.#files.map(
              (file) => html`<li part="attachment-chip">${file.name}
                <button type="button" class="small" part="attachment-remove-button" aria-label=${t.documentRemove(file.name)}
                  @click=${() => {
                    this.#files = this.#files.filter((each) => each !== file);
                    void this.#host.focus('composer-field');
                  }}>×</button></li>`,
            )}
          </ul>`;
    const picker = this.#picker && this.#from ? this.#picker.render(t, this.#from.language, id, this.#files.map((file) => file.fileId)) : nothing;
    return html`${chips}${picker}`;
  }
}
