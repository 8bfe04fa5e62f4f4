import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { ShareLink } from '@bureau/api';
import { formatDate } from '../../i18n/format.js';
import { filesDialogsText } from '../../i18n/files-dialogs.js';
import type { Entry } from './entries.js';
import type { DialogsHost, FileDialogsOptions } from './file-dialogs.js';

const DAY_MS = 24 * 3600_000;

/** `YYYY-MM-DD` of a date, in the person's time zone (the value of a date input). */
function dateInputValue(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The share-link dialog of `<bureau-files>` (a native modal `<dialog>`): creates a public
 * read-only link to a file or folder with an expiry date (a week by default, a year at most) and
 * an optional password, lists the item's active links with their expiry, copies and revokes them.
 */
export class ShareDialog implements ReactiveController {
  readonly #host: DialogsHost;
  readonly #options: FileDialogsOptions;
  #entry: Entry | undefined;
  #links: readonly ShareLink[] = [];
  #opener: HTMLElement | null = null;

  constructor(host: DialogsHost, options: FileDialogsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  async open(entry: Entry): Promise<void> {
    const active = this.#host.shadowRoot?.activeElement;
    this.#opener = active instanceof HTMLElement ? active : null;
    this.#entry = entry;
    await this.#load();
    await this.#host.updateComplete;
    const dialog = this.#dialog();
    if (dialog && !dialog.open) dialog.showModal();
  }

  render(): TemplateResult | typeof nothing {
    const entry = this.#entry;
    if (entry === undefined) return nothing;
    const t = filesDialogsText(this.#options.messages(), this.#options.language());
    const language = this.#options.language();
    const id = this.#options.id;
    const today = new Date();
    return html`<dialog part="dialog share-dialog" class="share" aria-labelledby="${id}-share-title" @close=${this.#closed}>
      <h2 id="${id}-share-title">${t.filesShareTitle(entry.name)}</h2>
      <form part="share-form" @submit=${this.#create}>
        <label for="${id}-share-expiry">${t.filesShareExpiry}</label>
        <input
          id="${id}-share-expiry"
          name="expiry"
          type="date"
          required
          min=${dateInputValue(new Date(today.getTime() + DAY_MS))}
          max=${dateInputValue(new Date(today.getTime() + 365 * DAY_MS))}
          .value=${dateInputValue(new Date(today.getTime() + 7 * DAY_MS))}
        />
        <label for="${id}-share-password">${t.filesSharePassword}</label>
        <input id="${id}-share-password" name="password" type="password" minlength="4" maxlength="200" autocomplete="new-password" />
        <button type="submit" class="primary" part="share-create-button">${t.filesShareCreate}</button>
      </form>
      <h3>${t.filesShareActive}</h3>
      ${this.#links.length === 0
        ? html`<p>${t.filesShareNone}</p>`
        : html`<ul part="share-links" class="share-links">
            ${this.#links.map(
              (link) => html`<li part="share-link">
                <input type="text" readonly .value=${link.url} aria-label=${link.url} />
                <span class="meta">${t.filesShareExpires(formatDate(link.expiresAt, language, { dateStyle: 'long', timeStyle: 'short' }))}${link.hasPassword ? html` · ${t.filesShareProtected}` : nothing}</span>
                <button type="button" part="share-copy-button" @click=${() => this.#copy(link)}>${t.filesCopy}</button>
                <button type="button" part="share-revoke-button" @click=${() => this.#revoke(link)}>${t.filesRevoke}</button>
              </li>`,
            )}
          </ul>`}
      <form method="dialog" class="dialog-close"><button part="close-button">${t.filesClose}</button></form>
    </dialog>`;
  }

  async #load(): Promise<void> {
    const client = this.#options.client();
    const spaceId = this.#options.spaceId();
    const entry = this.#entry;
    if (client === undefined || spaceId === undefined || entry === undefined) return;
    const { items } = await client.files.shareLinks(spaceId, { limit: 100 });
    this.#links = items.filter((link) => link.target.id === entry.item.id);
    this.#host.requestUpdate();
  }

  readonly #create = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const client = this.#options.client();
    const spaceId = this.#options.spaceId();
    const entry = this.#entry;
    if (client === undefined || spaceId === undefined || entry === undefined) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const day = String(data.get('expiry') ?? '');
    const password = String(data.get('password') ?? '');
    // The end of the chosen day, where the person is.
    const expiresAt = new Date(`${day}T23:59:59`).toISOString();
    try {
      await client.files.createShareLink(spaceId, {
        target: { kind: entry.kind, id: entry.item.id },
        expiresAt,
        ...(password === '' ? {} : { password }),
      });
      // The expiry stays as chosen (a form reset would empty the date field); the password goes.
      (form.elements.namedItem('password') as HTMLInputElement).value = '';
      await this.#load();
    } catch (error) {
      this.#options.failed(error);
    }
  };

  async #copy(link: ShareLink): Promise<void> {
    try {
      await navigator.clipboard.writeText(link.url);
      this.#options.announce(filesDialogsText(this.#options.messages(), this.#options.language()).filesCopied);
    } catch (error) {
      this.#options.failed(error);
    }
  }

  async #revoke(link: ShareLink): Promise<void> {
    const client = this.#options.client();
    if (client === undefined) return;
    try {
      await client.files.revokeShareLink(link.id);
      this.#options.announce(filesDialogsText(this.#options.messages(), this.#options.language()).filesRevoked);
      await this.#load();
    } catch (error) {
      this.#options.failed(error);
    }
  }

  readonly #closed = (): void => {
    this.#entry = undefined;
    this.#links = [];
    this.#host.requestUpdate();
    this.#opener?.focus();
    this.#opener = null;
  };

  #dialog(): HTMLDialogElement | null {
    return this.#host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.share') ?? null;
  }
}
