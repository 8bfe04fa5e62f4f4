import { html, nothing, type TemplateResult } from 'lit';
import type { AuditEntry } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../i18n/catalogues.js';
import { formatDate } from '../i18n/format.js';
import { plural } from '../i18n/plural.js';

// The audit log of a space, shown to its owners under the usage indicators. A lazy chunk of its own:
// `<bureau-insights>` imports it when an owner opens the log.

type Who = AuditEntry['actor'];
const pageSize = 20;

type Detail = Record<string, unknown>;
/** A count of the audit detail (0 when absent) with its noun, by `plural`. */
const count = (language: Language, value: unknown, one: string, other: string): string =>
  plural(language, typeof value === 'number' ? value : 0, one, other);
const role = (roles: Record<string, string>, value: unknown): string => (typeof value === 'string' ? (roles[value] ?? value) : '?');
const frRoles: Record<string, string> = { owner: 'propriétaire', member: 'membre', guest: 'invité·e' };
const enRoles: Record<string, string> = { owner: 'owner', member: 'member', guest: 'guest' };

const fr = {
  loading: 'Chargement du journal…',
  empty: 'Aucune action enregistrée pour l’instant.',
  failed: 'Le journal n’a pas pu être chargé.',
  forbidden: 'Seuls les propriétaires de l’espace consultent son journal.',
  retry: 'Réessayer',
  more: 'Voir plus',
  loadingMore: 'Chargement…',
  listLabel: 'Actions enregistrées, les plus récentes d’abord',
  added: (n: number) => `${plural('fr', n, '# action de plus affichée', '# actions de plus affichées')}.`,
  maintenance: 'La maintenance automatique',
  groups: 'Les groupes de l’annuaire',
  someone: 'Une personne',
  sentence: {
    'member.added': (a: string, t: string, d: Detail) => `${a} a ajouté ${t} comme ${role(frRoles, d.role)}`,
    'member.role-changed': (a: string, t: string, d: Detail) => `${a} a changé le rôle de ${t} : ${role(frRoles, d.from)} → ${role(frRoles, d.to)}`,
    'member.removed': (a: string, t: string) => `${a} a retiré ${t} de l’espace`,
    'member.referent-changed': (a: string, t: string, d: Detail) => (d.referent === true ? `${a} a désigné ${t} comme référent·e` : `${a} a retiré à ${t} le rôle de référent·e`),
    'rules.changed': (a: string, _t: string, d: Detail) => `${a} a publié la version ${String(d.version ?? '?')} des règles d’usage`,
    'policy.changed': (a: string) => `${a} a modifié la politique de conservation et d’effacement`,
    'export.requested': (a: string) => `${a} a demandé l’export de ses données`,
    'person.erased': (a: string, t: string) => `${a} a effacé les données de ${t}`,
    'retention.purged': (a: string, _t: string, d: Detail) =>
      `${a} a purgé les contenus anciens : ${count('fr', d.messages, '# message', '# messages')}, ${count('fr', d.files, '# document', '# documents')}, ${count('fr', d.trashedFiles, '# élément', '# éléments')} de la corbeille`,
    'insights.read': (a: string, _t: string, d: Detail) => `${a} a consulté les indicateurs d’usage${d.from && d.to ? ` (du ${String(d.from)} au ${String(d.to)})` : ''}`,
  },
};

type Strings = typeof fr;

const en: Strings = {
  loading: 'Loading the log…',
  empty: 'No action recorded yet.',
  failed: 'The log could not be loaded.',
  forbidden: 'Only the owners of the space read its log.',
  retry: 'Retry',
  more: 'Show more',
  loadingMore: 'Loading…',
  listLabel: 'Recorded actions, newest first',
  added: (n: number) => `${plural('en', n, '# more action', '# more actions')} shown.`,
  maintenance: 'Scheduled maintenance',
  groups: 'The directory’s groups',
  someone: 'Someone',
  sentence: {
    'member.added': (a, t, d) => `${a} added ${t} as ${role(enRoles, d.role)}`,
    'member.role-changed': (a, t, d) => `${a} changed the role of ${t}: ${role(enRoles, d.from)} → ${role(enRoles, d.to)}`,
    'member.removed': (a, t) => `${a} removed ${t} from the space`,
    'member.referent-changed': (a, t, d) => (d.referent === true ? `${a} made ${t} a référent` : `${a} withdrew ${t}’s référent role`),
    'rules.changed': (a, _t, d) => `${a} published version ${String(d.version ?? '?')} of the rules of use`,
    'policy.changed': (a) => `${a} changed the retention and erasure policy`,
    'export.requested': (a) => `${a} asked for an export of their data`,
    'person.erased': (a, t) => `${a} erased the data of ${t}`,
    'retention.purged': (a, _t, d) => `${a} purged old content: ${count('en', d.messages, '# message', '# messages')}, ${count('en', d.files, '# document', '# documents')}, ${count('en', d.trashedFiles, '# item', '# items')} from the trash`,
    'insights.read': (a, _t, d) => `${a} read the usage indicators${d.from && d.to ? ` (${String(d.from)} to ${String(d.to)})` : ''}`,
  },
};

const stringsOf = (language: Language): Strings => (language === 'en' ? en : fr);

/** One entry as a sentence: who did what, to whom. */
export function auditSentence(entry: AuditEntry, language: Language): string {
  const s = stringsOf(language);
  const name = (who: Who): string => who?.name ?? s.someone;
  // No actor: the maintenance job, or the identity provider's groups (BUREAU_GROUPS_MAP).
  const actor = entry.actor === null ? (entry.detail['via'] === 'groups' ? s.groups : s.maintenance) : entry.actor.name;
  return `${s.sentence[entry.action](actor, name(entry.target), entry.detail)}.`;
}

type State = 'loading' | 'ready' | 'forbidden' | 'failed';

/**
 * The log's state (pages loaded so far, the next cursor) and its template; `changed` asks the host to
 * render again.
 */
export class AuditLog {
  #entries: AuditEntry[] = [];
  #next: string | null = null;
  #state: State = 'loading';
  #loadingMore = false;
  #announcement = '';
  #abort = new AbortController();

  constructor(
    private readonly client: BureauClient,
    private readonly spaceId: string,
    private readonly changed: () => void,
  ) {
    void this.#load();
  }

  /** Stops any request under way (the host left the page). */
  close(): void {
    this.#abort.abort();
  }

  async #load(more = false): Promise<void> {
    if (more) this.#loadingMore = true;
    else this.#state = 'loading';
    this.changed();
    try {
      const governance = await this.client.governance();
      const page = await governance.audit(this.spaceId, { limit: pageSize, cursor: more ? (this.#next ?? undefined) : undefined, signal: this.#abort.signal });
      this.#entries = more ? [...this.#entries, ...page.items] : page.items;
      this.#next = page.nextCursor;
      this.#state = 'ready';
      this.#announcement = more ? String(page.items.length) : '';
    } catch (error) {
      if (this.#abort.signal.aborted) return;
      const status = (error as { status?: number }).status;
      this.#state = status === 403 || status === 404 ? 'forbidden' : 'failed';
    } finally {
      this.#loadingMore = false;
    }
    this.changed();
  }

  render(language: Language): TemplateResult {
    const s = stringsOf(language);
    if (this.#state !== 'ready') {
      const text = { loading: s.loading, forbidden: s.forbidden, failed: s.failed, ready: '' }[this.#state];
      return html`<p part="audit-state" role=${this.#state === 'failed' ? 'alert' : 'status'}>${text}</p>
        ${this.#state === 'failed' ? html`<button type="button" @click=${() => void this.#load()}>${s.retry}</button>` : nothing}`;
    }
    if (this.#entries.length === 0) return html`<p part="audit-state" role="status">${s.empty}</p>`;
    return html`<ol part="audit-list" class="audit-list" aria-label=${s.listLabel}>
        ${this.#entries.map(
          (entry) => html`<li>
            <time datetime=${entry.at}>${formatDate(entry.at, language)}</time>
            <span>${auditSentence(entry, language)}</span>
          </li>`,
        )}
      </ol>
      <p class="visually-hidden" role="status">${this.#announcement ? s.added(Number(this.#announcement)) : ''}</p>
      ${this.#next === null
        ? nothing
        : html`<button type="button" part="audit-more" ?disabled=${this.#loadingMore} @click=${() => void this.#load(true)}>
            ${this.#loadingMore ? s.loadingMore : s.more}
          </button>`}`;
  }
}
