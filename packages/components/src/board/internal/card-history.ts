import { html, nothing, type TemplateResult } from 'lit';
import type { Activity, Card } from '@bureau/api';
import type { BureauClient, LiveBoard } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import { formatDate } from '../../i18n/format.js';
import { failureText, selfServiceMessages, type SelfServiceMessages } from '../../i18n/self-service.js';
import { roleIn } from '../../internal/role.js';

/** What the history needs from the card dialog. */
export interface CardHistoryHost {
  requestUpdate(): void;
  live(): { board: LiveBoard; client: BureauClient } | undefined;
  /** Closes the card dialog (the card was deleted). */
  close(): void;
  focus(selector: string): Promise<void>;
}

/**
 * The card dialog's « Activité » (who did what, when) and « Supprimer la carte » for the space's
 * owners and the card's author, confirmed in place before anything is deleted.
 */
export class CardHistory {
  readonly #host: CardHistoryHost;
  #cardId: string | undefined;
  #language: Language = 'fr';
  #activity: Activity[] = [];
  #mayDelete = false;
  #confirming = false;
  #error = '';

  constructor(host: CardHistoryHost) {
    this.#host = host;
  }

  /** Reads the card's history and whether the person may delete it. */
  async load(card: Card): Promise<void> {
    this.#cardId = card.id;
    this.#activity = [];
    this.#mayDelete = false;
    this.#confirming = false;
    this.#error = '';
    const live = this.#host.live();
    const spaceId = live?.board.detail?.board.spaceId;
    if (live === undefined || spaceId === undefined) return;
    const signal = AbortSignal.timeout(30_000);
    const [history, session, role] = await Promise.all([
      live.client.boards.activity(card.id, { limit: 100, signal }),
      live.client.auth.session({ signal }),
      roleIn(live.client, spaceId, signal),
    ]);
    this.#activity = history.items;
    this.#mayDelete = role === 'owner' || (role === 'member' && card.createdBy === session?.user.id);
    this.#host.requestUpdate();
  }

  render(language: Language, id: string, columnName: (columnId: string) => string): TemplateResult {
    this.#language = language;
    const s = selfServiceMessages(language);
    return html`<section part="activity" aria-labelledby="${id}-activity-title">
        <h3 id="${id}-activity-title">${s.activity}</h3>
        <ul class="comments">
          ${this.#activity.map(
            (entry) => html`<li part="activity-entry">${describe(s, entry, columnName)}
              <span class="hint">— ${formatDate(entry.at, language, { dateStyle: 'medium', timeStyle: 'short' })}</span></li>`,
          )}
        </ul>
      </section>
      ${this.#mayDelete ? this.#renderDelete(s) : nothing}`;
  }

  #renderDelete(s: SelfServiceMessages): TemplateResult {
    return html`<div class="dialog-actions">
      ${this.#confirming
        ? html`<p role="alert">${s.deleteCardConfirm}</p>
            <button type="button" class="danger" part="confirm-delete-card-button" @click=${() => void this.#delete()}>${s.deleteCard}</button>
            <button type="button" @click=${() => {
              this.#confirming = false;
              void this.#host.focus('[part="delete-card-button"]');
            }}>${s.cancel}</button>`
        : html`<button type="button" class="danger" part="delete-card-button" @click=${() => {
            this.#confirming = true;
            void this.#host.focus('[part="confirm-delete-card-button"]');
          }}>${s.deleteCard}</button>`}
      ${this.#error === '' ? nothing : html`<p role="alert">${this.#error}</p>`}
    </div>`;
  }

  async #delete(): Promise<void> {
    const live = this.#host.live();
    const cardId = this.#cardId;
    if (live === undefined || cardId === undefined) return;
    try {
      await live.client.boards.deleteCard(cardId);
      this.#host.close();
    } catch (error) {
      this.#error = failureText(selfServiceMessages(this.#language), error);
      this.#host.requestUpdate();
    }
  }
}

function describe(s: SelfServiceMessages, entry: Activity, columnName: (columnId: string) => string): string {
  const who = entry.actor.name;
  switch (entry.kind) {
    case 'created':
      return s.activityCreated(who, columnName(entry.data.columnId));
    case 'moved':
      return s.activityMoved(who, columnName(entry.data.fromColumnId), columnName(entry.data.toColumnId));
    case 'commented':
      return s.activityCommented(who);
    case 'files':
      return s.activityFiles(who);
    case 'updated':
      return s.activityUpdated(who);
  }
}
