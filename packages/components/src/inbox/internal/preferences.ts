import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { NotificationKind, NotificationPreferences } from '@bureau/api';
import { isHttpError, type BureauClient } from '@bureau/sdk';
import type { InboxPanelMessages } from '../../i18n/inbox-panel.js';
import type { Language } from '../../i18n/catalogues.js';
import { inboxPreferencesMessages, type InboxPreferencesMessages } from '../../i18n/inbox-preferences.js';

type State = 'loading' | 'ready' | 'failed';

/**
 * The kinds, in the order shown (the API's `notificationKinds`: not imported, the API package's
 * runtime is TypeBox, which a browser chunk must not carry; a kind missing here is a type error below).
 */
const notificationKinds = ['mention', 'reply', 'assigned', 'due', 'version'] as const satisfies readonly NotificationKind[];

/** The label of each kind of notification, in the reader's language. */
const kindLabel = (s: InboxPreferencesMessages, kind: NotificationKind): string =>
  ({ mention: s.inboxKindMention, reply: s.inboxKindReply, assigned: s.inboxKindAssigned, due: s.inboxKindDue, version: s.inboxKindVersion })[kind];

/**
 * The inbox's preferences (a lazy chunk, fetched when the reader opens them): which kinds of
 * notification to receive, whether to get the e-mail digest and in which language, each saved as
 * soon as it changes (`PUT /v1/notifications/preferences`). A refused save puts the box back and says so.
 */
export class InboxPreferences {
  readonly #host: ReactiveControllerHost;
  readonly #client: BureauClient;
  #state: State = 'loading';
  #saved: NotificationPreferences | undefined;
  #status = '';
  #failed = false;
  #abort = new AbortController();

  constructor(host: ReactiveControllerHost, client: BureauClient) {
    this.#host = host;
    this.#client = client;
    void this.#load();
  }

  /** Stops what is under way (the inbox closed or changed client). */
  stop(): void {
    this.#abort.abort();
  }

  async #load(): Promise<void> {
    try {
      this.#saved = await this.#client.notifications.preferences({ signal: this.#abort.signal });
      this.#state = 'ready';
    } catch (error) {
      if (this.#abort.signal.aborted) return;
      this.#state = 'failed';
      if (!isHttpError(error)) reportError(error);
    }
    this.#host.requestUpdate();
  }

  async #save(next: NotificationPreferences, s: InboxPreferencesMessages): Promise<void> {
    const before = this.#saved;
    this.#saved = next;
    this.#status = '';
    this.#failed = false;
    this.#host.requestUpdate();
    try {
      this.#saved = await this.#client.notifications.setPreferences(next, { signal: this.#abort.signal });
      this.#status = s.inboxPreferencesSaved;
    } catch (error) {
      if (this.#abort.signal.aborted) return;
      this.#saved = before;
      this.#status = s.inboxPreferencesFailed;
      this.#failed = true;
      if (!isHttpError(error)) reportError(error);
    }
    this.#host.requestUpdate();
  }

  render(t: InboxPanelMessages, language: Language, id: string): TemplateResult {
    const s = inboxPreferencesMessages(language);
    const saved = this.#saved;
    if (this.#state === 'failed') return html`<p part="preferences" role="alert">${s.inboxPreferencesLoadFailed}</p>`;
    if (saved === undefined) return html`<p part="preferences">${t.inboxPreferencesLoading}</p>`;
    const kind = (k: NotificationKind) => html`<label>
      <input
        type="checkbox"
        .checked=${saved.kinds.includes(k)}
        @change=${(event: Event) => {
          const on = (event.target as HTMLInputElement).checked;
          const kinds = on ? [...saved.kinds, k] : saved.kinds.filter((candidate) => candidate !== k);
          void this.#save({ ...saved, kinds: notificationKinds.filter((candidate) => kinds.includes(candidate)) }, s);
        }}
      />
      ${kindLabel(s, k)}
    </label>`;
    return html`<form part="preferences" class="preferences" id="${id}-preferences" @submit=${(event: Event) => event.preventDefault()}>
      <fieldset>
        <legend>${s.inboxPreferencesKinds}</legend>
        ${notificationKinds.map(kind)}
      </fieldset>
      <label>
        <input type="checkbox" .checked=${saved.digest} @change=${(event: Event) => void this.#save({ ...saved, digest: (event.target as HTMLInputElement).checked }, s)} />
        ${s.inboxDigest}
      </label>
      <label>
        ${s.inboxMailLanguage}
        <select
          @change=${(event: Event) => {
            const value = (event.target as HTMLSelectElement).value;
            void this.#save({ ...saved, language: value === 'fr' || value === 'en' ? value : null }, s);
          }}
        >
          <option value="" ?selected=${(saved.language ?? null) === null}>${s.inboxMailLanguageAuto}</option>
          <option value="fr" lang="fr" ?selected=${saved.language === 'fr'}>Français</option>
          <option value="en" lang="en" ?selected=${saved.language === 'en'}>English</option>
        </select>
      </label>
      <p role=${this.#failed ? 'alert' : 'status'} class="preferences-status">${this.#status === '' ? nothing : this.#status}</p>
    </form>`;
  }
}
