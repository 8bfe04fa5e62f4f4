import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Member, Role, User } from '@bureau/api';
import { spacesDomain, chatDomain, isHttpError, type BureauClient } from '@bureau/sdk';
import { BureauElement } from '../internal/bureau-element.js';
import { followMembership, isNoAccess } from '../internal/membership.js';
import { failureText, selfServiceMessages, type SelfServiceMessages } from '../i18n/self-service.js';
import { membersStyles } from './members.styles.js';

type LoadState = 'loading' | 'ready' | 'no-access';

const roles: readonly Role[] = ['owner', 'member', 'guest'];

/**
 * The members of a space, live, with their roles and who is online now. Owners add a person found
 * by name in the directory (accents and case ignored), change a role and remove someone after
 * confirming; anyone may leave the space (not its last owner). Everyone else sees the list
 * read-only. Every change shows at once for everyone, and a person removed sees the no-access
 * sentence. Its code is a lazy chunk: the chat and the board open it from their « Membres » button.
 *
 * @tagname bureau-members
 * @summary The members of a space: list, roles, add, remove, leave.
 *
 * @csspart base - The wrapper of everything.
 * @csspart state - The loading or no-access sentence.
 * @csspart list - The list of members.
 * @csspart member - One member.
 * @csspart online - The "online" mark of a member.
 * @csspart referent - The « référent·e » mark of a member designated by the owners.
 * @csspart referent-button - An owner's toggle designating a member référent·e (`aria-pressed`).
 * @csspart role-select - An owner's role picker for a member.
 * @csspart remove-button - Removes a member (after confirmation).
 * @csspart leave-button - Leaves the space (after confirmation).
 * @csspart search-field - The directory search field (owners).
 * @csspart candidate - A person found in the directory, with its « Ajouter » button.
 * @csspart rules-button - An owner's « Règles d’usage » button, opening the rules-of-use editor (a lazy chunk).
 * @csspart rules-editor - The editor's dialog; inside it `rules-version`, `rules-text-field`,
 *   `rules-preview`, `rules-cancel-button` and `rules-save-button`.
 * @csspart announcer - The live region telling what changed (visually hidden).
 */
export class BureauMembersElement extends BureauElement {
  static override domains = [spacesDomain, chatDomain];

  static override styles = [...BureauElement.styles, membersStyles];

  static override properties: PropertyDeclarations = {
    space: { reflect: true },
    loadState: { state: true, attribute: false },
    members: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /** The id of the space whose members are shown. */
  declare space: string | undefined;

  private declare loadState: LoadState;
  private declare members: readonly Member[];
  private declare announcement: string;

  #watching: { client: BureauClient; space: string; abort: AbortController } | undefined;
  #selfId: string | undefined;
  #online: ReadonlySet<string> = new Set();
  #found: readonly User[] | undefined;
  #search: AbortController | undefined;
  #error = '';
  #confirm: { text: string; action: string; run: () => Promise<void> } | undefined;

  constructor() {
    super();
    this.loadState = 'loading';
    this.members = [];
    this.announcement = '';
  }

  get #s(): SelfServiceMessages {
    return selfServiceMessages(this.resolvedLanguage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    const watching = this.#watching;
    if (this.isConnected && (watching?.client !== client || watching?.space !== this.space)) {
      this.#stop();
      if (client !== undefined && this.space) this.#watch(client, this.space);
    }
  }

  #watch(client: BureauClient, space: string): void {
    const abort = new AbortController();
    const { signal } = abort;
    this.#watching = { client, space, abort };
    this.loadState = 'loading';
    client.auth.session({ signal }).then(
      (session) => {
        this.#selfId = session?.user.id;
        this.requestUpdate();
      },
      () => undefined,
    );
    const failed = (error: unknown): void => {
      if (signal.aborted) return;
      if (isNoAccess(error)) this.#noAccess();
      else reportError(error);
    };
    client.spaces
      .watchMembers(
        space,
        ({ value }) => {
          if (this.loadState === 'no-access') return;
          this.members = [...value].sort((a, b) => a.name.localeCompare(b.name));
          this.loadState = 'ready';
        },
        { signal, onError: failed },
      )
      .catch(failed);
    client.chat
      .watchPresence(
        space,
        (online) => {
          this.#online = online;
          this.requestUpdate();
        },
        { signal, onError: () => undefined /* presence is a nicety: the list stands without it */ },
      )
      .catch(() => undefined);
    followMembership(
      client,
      signal,
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
    this.members = [];
    this.loadState = 'no-access';
  }

  #stop(): void {
    this.#watching?.abort.abort();
    this.#watching = undefined;
    this.#search?.abort();
    this.members = [];
    this.#found = undefined;
  }

  get #isOwner(): boolean {
    return this.members.some((member) => member.userId === this.#selfId && member.role === 'owner');
  }

  /** Runs a change; failures are told in the person's language, successes announced. */
  async #change(action: (client: BureauClient, space: string) => Promise<unknown>, success: string): Promise<void> {
    const watching = this.#watching;
    if (watching === undefined) return;
    this.#error = '';
    try {
      await action(watching.client, watching.space);
      this.announcement = success;
    } catch (error) {
      // The one conflict of memberships: the last owner would go (leave, be removed or demoted).
      this.#error = isHttpError(error) && error.status === 409 ? this.#s.lastOwner : failureText(this.#s, error);
    }
    this.requestUpdate();
  }

  #lookUp(q: string): void {
    this.#search?.abort();
    const watching = this.#watching;
    if (watching === undefined || q.trim() === '') {
      this.#found = undefined;
      this.requestUpdate();
      return;
    }
    const search = new AbortController();
    this.#search = search;
    watching.client.spaces.directory(q.trim(), { limit: 10, signal: search.signal }).then(
      (page) => {
        this.#found = page.items.filter((user) => !this.members.some((member) => member.userId === user.id));
        this.requestUpdate();
      },
      (error: unknown) => {
        if (!search.signal.aborted) this.#error = failureText(this.#s, error);
        this.requestUpdate();
      },
    );
  }

  /** An owner's editor of the rules of use: a lazy chunk, loaded on the first click. */
  readonly #editRules = (event: Event): void => {
    const button = event.currentTarget as HTMLElement;
    const watching = this.#watching;
    if (watching === undefined) return;
    void import('./rules-editor.js').then(({ openRulesEditor }) =>
      openRulesEditor(this.renderRoot as ShadowRoot, button, watching.client, watching.space, this.resolvedLanguage, (sentence) => {
        this.announcement = sentence;
      }),
    );
  };

  #ask(text: string, action: string, run: () => Promise<void>): void {
    this.#confirm = { text, action, run };
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal());
  }

  readonly #confirmed = (event: Event): void => {
    const dialog = event.currentTarget as HTMLDialogElement;
    const pending = this.#confirm;
    this.#confirm = undefined;
    if (dialog.returnValue === 'yes' && pending !== undefined) void pending.run();
    this.requestUpdate();
  };

  override render(): TemplateResult {
    const s = this.#s;
    if (this.loadState !== 'ready') {
      return html`<div part="base" class="base">
        <p part="state" class="state" role="status">${this.loadState === 'no-access' ? this.noAccessText : s.membersLoading}</p>
      </div>`;
    }
    const owner = this.#isOwner;
    return html`<div part="base" class="base">
      <p class="online-count">${s.onlineCount(this.members.filter((m) => this.#online.has(m.userId)).length)}</p>
      <ul part="list" class="list">${this.members.map((member) => this.#renderMember(member, owner))}</ul>
      ${owner
        ? html`<button type="button" part="rules-button" @click=${this.#editRules}>${s.rulesOfUse}</button>${this.#renderAdd()}`
        : nothing}
      ${this.#error === '' ? nothing : html`<p class="error" role="alert">${this.#error}</p>`}
      ${this.#selfId !== undefined && this.members.some((m) => m.userId === this.#selfId)
        ? html`<button type="button" part="leave-button" @click=${() =>
            this.#ask(s.leaveConfirm, s.leave, () => this.#change((client, space) => client.spaces.removeMember(space, this.#selfId as string), ''))}>${s.leave}</button>`
        : nothing}
      <dialog aria-labelledby="confirm-text" @close=${this.#confirmed}>
        <form method="dialog">
          <p id="confirm-text">${this.#confirm?.text ?? ''}</p>
          <div class="actions">
            <button type="submit" value="cancel" autofocus>${s.cancel}</button>
            <button type="submit" value="yes" class="danger">${this.#confirm?.action ?? ''}</button>
          </div>
        </form>
      </dialog>
      <div part="announcer" class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  /** One member: the one place the list's rows are drawn (name, marks, role, actions). */
  #renderMember(member: Member, owner: boolean): TemplateResult {
    const s = this.#s;
    const self = member.userId === this.#selfId;
    const online = this.#online.has(member.userId);
    return html`<li part="member" class="member">
      <span class="name">
        <span class="dot ${online ? 'on' : ''}" aria-hidden="true"></span>
        ${member.name} ${self ? s.you : nothing}
        ${member.referent === true ? html`<span part="referent" class="role">${s.referent}</span>` : nothing}
        ${online ? html`<span part="online" class="visually-hidden">, ${s.online}</span>` : nothing}
      </span>
      ${owner
        ? html`<select part="role-select" aria-label=${s.roleOf(member.name)}
            @change=${(event: Event) => {
              const role = (event.target as HTMLSelectElement).value as Role;
              void this.#change((client, space) => client.spaces.putMember(space, member.userId, role), s.roleChanged(member.name, s.roles[role] ?? role));
            }}>
            ${roles.map((role) => html`<option value=${role} ?selected=${role === member.role}>${s.roles[role]}</option>`)}
          </select>`
        : html`<span class="role">${s.roles[member.role]}</span>`}
      ${owner && member.role !== 'guest'
        ? html`<button type="button" part="referent-button" aria-pressed=${String(member.referent === true)}
            aria-label=${member.referent === true ? s.unmakeReferent(member.name) : s.makeReferent(member.name)}
            @click=${() => {
              const on = member.referent !== true;
              void this.#change(async (client, space) => (await client.governance()).setReferent(space, member.userId, on), s.referentChanged(member.name, on));
            }}>${s.referentToggle}</button>`
        : nothing}
      ${owner && !self
        ? html`<button type="button" part="remove-button" aria-label=${s.removeWho(member.name)}
            @click=${() => this.#ask(s.removeConfirm(member.name), s.remove, () => this.#change((client, space) => client.spaces.removeMember(space, member.userId), s.removed(member.name)))}>${s.remove}</button>`
        : nothing}
    </li>`;
  }

  #renderAdd(): TemplateResult {
    const s = this.#s;
    return html`<div class="add">
      <label for="search">${s.addPerson}</label>
      <input id="search" part="search-field" type="search" autocomplete="off" placeholder=${s.searchPerson}
        aria-describedby="found" @input=${(event: Event) => this.#lookUp((event.target as HTMLInputElement).value)} />
      <div id="found" role="status">
        ${this.#found === undefined
          ? nothing
          : this.#found.length === 0
            ? html`<p>${s.noPersonFound}</p>`
            : html`<ul class="list">
                ${this.#found.map(
                  (user) => html`<li part="candidate" class="member">
                    <span class="name">${user.name}</span>
                    <button type="button" aria-label=${s.addAs(user.name)} @click=${async () => {
                      await this.#change((client, space) => client.spaces.putMember(space, user.id, 'member'), s.added(user.name));
                      this.#found = this.#found?.filter((each) => each.id !== user.id);
                      this.requestUpdate();
                    }}>${s.add}</button>
                  </li>`,
                )}
              </ul>`}
      </div>
    </div>`;
  }
}
