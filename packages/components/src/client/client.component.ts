import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ContextProvider } from '@lit/context';
import type { BureauClient, GetToken } from '@bureau/sdk';
import type { AuthInfo, Session, User } from '@bureau/api';
import { BureauElement } from '../internal/bureau-element.js';
import { clientContext } from '../internal/context.js';
import { BureauSessionChangeEvent } from '../events/session-change.js';
import { BureauSignOutEvent } from '../events/sign-out.js';
import { clientStyles } from './client.styles.js';
import { holdClient, releaseClient, retireClient } from './shared-clients.js';
import { showRulesToAccept } from './rules-turn.js';
import type { StatusActions } from './status-views.js';

/** Where `<bureau-client>` stands with the server. */
type Status =
  | { kind: 'loading' }
  | { kind: 'signing-out' }
  | { kind: 'signed-in'; session: Session }
  | { kind: 'signed-out'; info: AuthInfo }
  /** A sign-in went through but the session cookie does not come back: this page cannot use cookie mode. */
  | { kind: 'cookie-blocked' }
  | { kind: 'error'; error: unknown; message: 'unreachable' | 'signInFailed' | 'signOutFailed' };

/** The client in use and what it was made from, to know when to make another. */
interface Attachment {
  client: BureauClient;
  /** True when this element created the client, and so closes it. */
  owned: boolean;
  explicitClient: BureauClient | undefined;
  getToken: GetToken | undefined;
  baseUrl: string;
  abort: AbortController;
}

/**
 * Connects a page to a Bureau server. It creates the SDK client (or uses the one set on `client`),
 * hands it to every Bureau element inside it, and shows who is signed in, with a way to sign in or
 * out.
 *
 * @tagname bureau-client
 * @summary The root of every Bureau embed: holds the SDK client and the sign-in state.
 *
 * @slot - The Bureau elements (and any other content) that use this client.
 *
 * @csspart export-button - Downloads everything Bureau holds about the signed-in person (a ZIP).
 * @csspart export-status - What the data export is doing (a live region).
 * @event {BureauSessionChangeEvent} bureau-session-change - The sign-in state is known or changed;
 * `event.session` is the session, or null when nobody is signed in.
 * @event {BureauSignOutEvent} bureau-sign-out - The person asked to sign out. Cancelable: call
 * `preventDefault()` to keep the session.
 *
 * @csspart base - The wrapper around the status and the slot.
 * @csspart status - The sign-in state and its actions; a live region.
 * @csspart message - The sentence saying who is signed in, or why not.
 * @csspart sign-in-button - The button that starts an OIDC sign-in.
 * @csspart sign-out-button - The button that signs out.
 * @csspart retry-button - The button that tries to reach the server again.
 * @csspart dev-users - The demo accounts offered in demo mode.
 * @csspart help-link - The link to the Bureau server's `/help/sign-in` page, which explains why this page cannot sign in with a cookie.
 *
 * @cssproperty --bureau-client-status-background - Background of the status bar.
 * @cssproperty --bureau-color-background - Background of controls.
 * @cssproperty --bureau-color-surface - Background of panels.
 * @cssproperty --bureau-color-text - Text colour.
 * @cssproperty --bureau-color-text-muted - Secondary text colour.
 * @cssproperty --bureau-color-border - Border colour.
 * @cssproperty --bureau-color-accent - Accent colour (buttons, links).
 * @cssproperty --bureau-color-on-accent - Text on the accent colour.
 * @cssproperty --bureau-color-danger - Errors.
 * @cssproperty --bureau-radius - Corner radius.
 * @cssproperty --bureau-spacing - Base spacing unit.
 * @cssproperty --bureau-font-family - Font family.
 * @cssproperty --bureau-font-size - Base font size.
 * @cssproperty --bureau-focus-ring-color - Focus outline colour.
 * @cssproperty --bureau-focus-ring-width - Focus outline width.
 */
export class BureauClientElement extends BureauElement {
  static override styles = [...BureauElement.styles, clientStyles];

  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: 'base-url' },
    getToken: { attribute: false },
    status: { state: true, attribute: false },
    exportStatus: { state: true, attribute: false },
  };

  /** URL of the Bureau server, absolute or relative to the page. Defaults to the page's origin. */
  declare baseUrl: string | undefined;

  /**
   * Bearer mode, for a page on another site than the Bureau server: an async function returning
   * the access token the host holds (from its own OIDC session, e.g. ProConnect or Keycloak), or
   * `{ accessToken, expiresAt }`. It is called before the token expires and once more (with
   * `{ forceRefresh: true }`) when the server refuses it; the token goes with every request and the
   * event stream. Without it, the element uses the server's session cookie.
   * @example
   * document.querySelector('bureau-client').getToken = () => intranet.accessToken();
   */
  declare getToken: GetToken | undefined;

  private declare status: Status;
  private declare exportStatus: string;

  private attachment: Attachment | undefined;
  private focusStatusAfterUpdate = false;
  private readonly provider = new ContextProvider(this, { context: clientContext });

  constructor() {
    super();
    this.status = { kind: 'loading' };
    this.exportStatus = '';
  }

  /**
   * Why the element shows an error (the server did not answer, or refused a sign-in or sign-out),
   * as the SDK threw it (`NetworkError`, `HttpError`…); undefined otherwise.
   */
  get error(): unknown {
    return this.status.kind === 'error' ? this.status.error : undefined;
  }

  /** The current session: null when nobody is signed in, undefined while unknown. */
  get session(): Session | null | undefined {
    if (this.status.kind === 'signed-in') return this.status.session;
    if (this.status.kind === 'signed-out') return null;
    return undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detach();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.isConnected) return;
    const baseUrl = this.baseUrl ?? location.origin;
    const current = this.attachment;
    if (current !== undefined && current.explicitClient === this.client && current.getToken === this.getToken && current.baseUrl === baseUrl) return;
    this.detach();
    this.attach(baseUrl);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.focusStatusAfterUpdate || this.status.kind === 'loading' || this.status.kind === 'signing-out') return;
    // A state whose code is still coming shows the loading sentence: the focus waits for it.
    if (this.status.kind !== 'signed-in' && this.views === undefined) return;
    this.focusStatusAfterUpdate = false;
    this.renderRoot.querySelector<HTMLElement>('.message')?.focus();
  }

  private attach(baseUrl: string): void {
    const explicitClient = this.client;
    let client: BureauClient;
    try {
      // A relative base-url ("/", "/bureau") is resolved against the page.
      // The page's elements of one API and credentials share one client (ADR 0022).
      client = explicitClient ?? holdClient(new URL(baseUrl, location.href).href, this.getToken);
    } catch (error) {
      this.setStatus({ kind: 'error', error, message: 'unreachable' });
      return;
    }
    const getToken = this.getToken;
    this.attachment = { client, owned: explicitClient === undefined, explicitClient, getToken, baseUrl, abort: new AbortController() };
    this.provider.setValue(client);
    void this.refresh();
  }

  private detach(): void {
    const attachment = this.attachment;
    if (attachment === undefined) return;
    this.attachment = undefined;
    attachment.abort.abort();
    this.provider.setValue(undefined);
    if (attachment.owned) releaseClient(attachment.client);
  }

  /** Asks the server who is signed in, and what sign-in it offers when nobody is. */
  private async refresh(): Promise<void> {
    const attachment = this.attachment;
    if (attachment === undefined) return;
    const { client, abort } = attachment;
    this.setStatus({ kind: 'loading' });
    try {
      const session = await client.auth.session({ signal: abort.signal });
      const returning = signInStarted.take(attachment);
      if (session !== null) {
        this.settle(attachment, { kind: 'signed-in', session });
        return;
      }
      if (returning) {
        // Back from the identity provider, which signed the person in, yet no cookie comes with our requests.
        this.settle(attachment, { kind: 'cookie-blocked' });
        return;
      }
      const info = await client.auth.info({ signal: abort.signal });
      this.settle(attachment, { kind: 'signed-out', info });
    } catch (error) {
      // A detached client's requests are aborted on purpose: nothing is waiting for their answer.
      if (abort.signal.aborted) return;
      this.setStatus({ kind: 'error', error, message: 'unreachable' });
    }
  }

  private settle(attachment: Attachment, status: Extract<Status, { kind: 'signed-in' | 'signed-out' | 'cookie-blocked' }>): void {
    if (attachment !== this.attachment || attachment.abort.signal.aborted) return;
    this.setStatus(status, () => {
      this.dispatchEvent(new BureauSessionChangeEvent(status.kind === 'signed-in' ? status.session : null));
      // Rules of use not accepted yet come first (asked once somebody is signed in; the dialog's code
      // is a lazy chunk, fetched only when there are some).
      if (status.kind === 'signed-in' && this.shadowRoot) {
        showRulesToAccept(this.shadowRoot, attachment.client, this.resolvedLanguage, attachment.abort.signal).catch((error: unknown) => {
          if (!attachment.abort.signal.aborted) reportError(error);
        });
      }
    });
  }

  /** Downloads everything Bureau holds about the person (right of access); the code is a lazy chunk. */
  private async exportMyData(): Promise<void> {
    const attachment = this.attachment;
    if (attachment === undefined) return;
    try {
      const { downloadMyData } = await import('./data-export.js');
      await downloadMyData(attachment.client, this.resolvedLanguage, (text) => (this.exportStatus = text));
    } catch (error) {
      this.exportStatus = this.messages.myDataFailed;
      reportError(error);
    }
  }

  private async signOut(): Promise<void> {
    const attachment = this.attachment;
    if (attachment === undefined) return;
    if (!this.dispatchEvent(new BureauSignOutEvent())) return;
    this.focusStatusAfterUpdate = true;
    this.setStatus({ kind: 'signing-out' });
    let endSessionUrl: string | null;
    try {
      endSessionUrl = await attachment.client.signOut({ returnTo: location.href });
    } catch (error) {
      if (attachment.abort.signal.aborted) return;
      this.setStatus({ kind: 'error', error, message: 'signOutFailed' });
      return;
    }
    if (attachment !== this.attachment) return;
    if (endSessionUrl !== null) {
      // OIDC: the identity provider ends the single sign-on session too, then comes back to this page.
      this.dispatchEvent(new BureauSessionChangeEvent(null));
      location.assign(endSessionUrl);
      return;
    }
    if (attachment.owned) {
      // A fresh client for whoever signs in next: nothing of the previous person's carries over.
      retireClient(attachment.client);
      this.detach();
      this.attach(attachment.baseUrl);
    } else {
      await this.refresh();
    }
  }

  private async signInAs(user: User): Promise<void> {
    const attachment = this.attachment;
    if (attachment === undefined) return;
    this.focusStatusAfterUpdate = true;
    this.setStatus({ kind: 'loading' });
    try {
      await attachment.client.auth.signInDev(user.id);
      // The server opened a session, but is the cookie kept and sent back? Only the next request tells.
      const session = await attachment.client.auth.session({ signal: attachment.abort.signal });
      if (session !== null && attachment.owned && attachment === this.attachment) {
        // A fresh client for whoever signed in, as after a sign-out: every Bureau element on the page
        // gets it by context and loads again, as the person it now speaks for, without a reload.
        retireClient(attachment.client);
        this.detach();
        this.attach(attachment.baseUrl);
        return;
      }
      this.settle(attachment, session === null ? { kind: 'cookie-blocked' } : { kind: 'signed-in', session });
    } catch (error) {
      if (attachment.abort.signal.aborted) return;
      this.setStatus({ kind: 'error', error, message: 'signInFailed' });
    }
  }

  private signInWithOidc(): void {
    const attachment = this.attachment;
    if (attachment === undefined) return;
    signInStarted.mark(attachment);
    location.assign(attachment.client.auth.loginUrl(location.href));
  }

  private retry(): void {
    this.focusStatusAfterUpdate = true;
    // No client yet (its base-url was not a URL): the next update tries to make one again.
    if (this.attachment === undefined) this.requestUpdate();
    else void this.refresh();
  }

  override render(): TemplateResult {
    const kind = this.status.kind;
    const busy = kind === 'loading' || kind === 'signing-out' || (kind !== 'signed-in' && this.views === undefined);
    return html`
      <div part="base" class="base">
        <div part="status" class="status" role="status" aria-live="polite" aria-busy=${busy ? 'true' : 'false'}>
          ${this.renderStatus()}
        </div>
        <slot></slot>
      </div>
    `;
  }

  private renderStatus(): TemplateResult {
    const t = this.messages;
    const status = this.status;
    switch (status.kind) {
      case 'loading':
        return html`<p part="message" class="message" tabindex="-1">${t.loading}</p>`;
      case 'signing-out':
        return html`<p part="message" class="message" tabindex="-1">${t.signingOut}</p>`;
      case 'signed-in':
        return html`
          <p part="message" class="message" tabindex="-1">${t.signedInAs(status.session.user.name)}</p>
          ${status.session.mode === 'bearer'
            ? nothing /* With bearer tokens the host's own sign-in is the session: signing out is the host's to offer. */
            : html`<button part="sign-out-button" type="button" @click=${this.signOut}>${t.signOut}</button>`}
          <button part="export-button" type="button" @click=${this.exportMyData}>${t.myData}</button>
          <span part="export-status" role="status">${this.exportStatus}</span>
        `;
    }
    // The other states come with their code (a lazy chunk); until it is here, the loading sentence.
    const views = this.views;
    if (views === undefined) {
      void this.loadViews();
      return html`<p part="message" class="message" tabindex="-1">${t.loading}</p>`;
    }
    const language = this.resolvedLanguage;
    switch (status.kind) {
      case 'signed-out':
        return views.renderSignedOut(language, status.info, this.actions);
      case 'cookie-blocked':
        return views.renderCookieBlocked(language, new URL('/help/sign-in', new URL(this.attachment?.baseUrl ?? '', location.href)).href);
      case 'error':
        return views.renderError(language, status.message, t.retry, this.actions);
    }
  }

  /** The code of the states other than loading and signed in, once fetched. */
  private views: typeof import('./status-views.js') | undefined;
  private readonly actions: StatusActions = {
    signInWithOidc: () => this.signInWithOidc(),
    signInAs: (user) => void this.signInAs(user),
    retry: () => this.retry(),
  };

  /**
   * Shows a state: at once for loading and signed in, once its code is here for the others (so that
   * the state and the session change come together, as before they were lazy). `then` runs when it
   * shows; a newer state set meanwhile wins.
   */
  private setStatus(status: Status, then?: () => void): void {
    const turn = (this.statusTurn += 1);
    const show = (): void => {
      if (turn !== this.statusTurn) return;
      this.status = status;
      then?.();
    };
    if (this.views !== undefined || status.kind === 'loading' || status.kind === 'signing-out' || status.kind === 'signed-in') show();
    else void this.loadViews().then(show);
  }

  private statusTurn = 0;
  private viewsLoading: Promise<void> | undefined;

  /** Fetches the code of the other states once; a failure is reported and tried again on the next render. */
  private loadViews(): Promise<void> {
    this.viewsLoading ??= import('./status-views.js').then(
      (views) => {
        this.views = views;
        this.requestUpdate();
      },
      (error: unknown) => {
        this.viewsLoading = undefined;
        reportError(error);
      },
    );
    return this.viewsLoading;
  }

}

const signInStarted = {
  mark(attachment: Attachment): void {
    tabStorage()?.setItem(flagOf(attachment), '1');
  },
  take(attachment: Attachment): boolean {
    const storage = tabStorage();
    const started = storage?.getItem(flagOf(attachment)) != null;
    storage?.removeItem(flagOf(attachment));
    return started;
  },
};

const flagOf = (attachment: Attachment): string => `bureau-sign-in:${attachment.baseUrl}`;

function tabStorage(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    // A sandboxed frame may not use it: the return then looks like any signed-out visit.
    return undefined;
  }
}
