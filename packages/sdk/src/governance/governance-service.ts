import type { AuditEntry, DataExport, Erasure, Insights, Member, Page, PurgeReport, Rules, SpacePolicy } from '@bureau/api';
import type { AuthService } from '../auth/auth-service.js';
import type { Http, HttpRequest } from '../http/http.js';
import type { CallOptions, PageOptions } from '../types/call-options.js';

/** A period of usage indicators: calendar dates (`YYYY-MM-DD`), both included. */
export interface Period {
  from: string;
  to: string;
}

const space = (spaceId: string): string => `/v1/spaces/${encodeURIComponent(spaceId)}`;

/**
 * Governance and data rights: rules of use and their acceptance, référents, usage indicators, the
 * audit log, retention, the person's data export and (administrators) erasure. These are online
 * actions: they go straight to the server, not through the outbox.
 *
 * @example
 * ```ts
 * const governance = await client.governance();
 * const rules = await governance.rules('espace-rh-360');
 * if (rules.mustAccept) await governance.acceptRules('espace-rh-360', rules.version);
 * ```
 */
export class GovernanceService {
  readonly #http: Http;
  readonly #auth: Pick<AuthService, 'rulesToAccept'>;

  constructor(options: { http: Http; auth: Pick<AuthService, 'rulesToAccept'> }) {
    this.#http = options.http;
    this.#auth = options.auth;
  }

  async #call<T>(method: HttpRequest['method'], path: string, options: CallOptions & Pick<HttpRequest, 'body' | 'searchParams' | 'headers'> = {}): Promise<T> {
    return (await this.#http.request<T>({ method, path, signal: options.signal, body: options.body, searchParams: options.searchParams, headers: options.headers })).body;
  }

  /** A space's rules of use and whether the person must accept them (`mustAccept`). */
  rules(spaceId: string, options: CallOptions = {}): Promise<Rules> {
    return this.#call('GET', `${space(spaceId)}/rules`, options);
  }

  /** The rules of the person's spaces that they have not accepted yet. */
  rulesToAccept(options: CallOptions = {}): Promise<Page<Rules>> {
    return this.#auth.rulesToAccept(options);
  }

  /** Accepts `version` of the rules; a `ConflictError`-like 409 when they changed meanwhile. */
  acceptRules(spaceId: string, version: number, options: CallOptions = {}): Promise<Rules> {
    return this.#call('POST', `${space(spaceId)}/rules/acceptance`, { ...options, body: { version } });
  }

  /** Publishes a new version of the rules (owners). */
  putRules(spaceId: string, text: string, options: CallOptions = {}): Promise<Rules> {
    return this.#call('PUT', `${space(spaceId)}/rules`, { ...options, body: { text } });
  }

  /** Designates a member as référent, or no longer (owners). */
  setReferent(spaceId: string, userId: string, referent: boolean, options: CallOptions = {}): Promise<Member> {
    return this.#call('PUT', `${space(spaceId)}/members/${encodeURIComponent(userId)}/referent`, { ...options, body: { referent } });
  }

  /** Weekly usage indicators of a space (owners and référents), or of the instance when `spaceId` is null (administrators). */
  insights(spaceId: string | null, period: Period, options: CallOptions = {}): Promise<Insights> {
    return this.#call('GET', spaceId === null ? '/v1/admin/insights' : `${space(spaceId)}/insights`, { ...options, searchParams: { ...period } });
  }

  /** A page of the audit log of a space (owners), or of the instance when `spaceId` is null (administrators). */
  audit(spaceId: string | null, options: PageOptions = {}): Promise<Page<AuditEntry>> {
    return this.#call('GET', spaceId === null ? '/v1/admin/audit' : `${space(spaceId)}/audit`, { ...options, searchParams: { limit: options.limit, cursor: options.cursor } });
  }

  /** A space's erasure and retention policy. */
  policy(spaceId: string, options: CallOptions = {}): Promise<SpacePolicy> {
    return this.#call('GET', `${space(spaceId)}/policy`, options);
  }

  /** Sets a space's erasure and retention policy (owners). */
  setPolicy(spaceId: string, policy: SpacePolicy, options: CallOptions = {}): Promise<SpacePolicy> {
    return this.#call('PUT', `${space(spaceId)}/policy`, { ...options, body: policy });
  }

  /** Applies the retention policy now, or only lists what would go (`dryRun`). */
  purge(spaceId: string, dryRun: boolean, options: CallOptions = {}): Promise<PurgeReport> {
    return this.#call('POST', `${space(spaceId)}/retention/purge`, { ...options, body: { dryRun } });
  }

  /** Starts preparing the person's data export (a ZIP); follow it with {@link exportStatus}. */
  requestExport(options: CallOptions = {}): Promise<DataExport> {
    return this.#call('POST', '/v1/me/export', options);
  }

  /** The person's latest export; with `waitSeconds`, the server answers when it is ready or after that time. */
  exportStatus(options: CallOptions & { waitSeconds?: number } = {}): Promise<DataExport> {
    return this.#call('GET', '/v1/me/export', { ...options, headers: options.waitSeconds ? { Prefer: `wait=${options.waitSeconds}` } : {} });
  }

  /** Where to download the person's prepared export (a cookie-authenticated link). */
  exportUrl(): string {
    return this.#http.url('/v1/me/export/content');
  }

  /** Erases a person (instance administrators). */
  erase(userId: string, options: CallOptions = {}): Promise<Erasure> {
    return this.#call('POST', `/v1/admin/users/${encodeURIComponent(userId)}/erasure`, options);
  }
}
