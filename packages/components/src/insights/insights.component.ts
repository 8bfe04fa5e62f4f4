import { html, nothing, svg, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Insights, InsightsWeek } from '@bureau/api';
import { spacesDomain, isHttpError } from '@bureau/sdk';
import { BureauElement } from '../internal/bureau-element.js';
import { membersOf } from '../internal/members.js';
import { roleIn } from '../internal/role.js';
import { formatDate } from '../i18n/format.js';
import { insightsStrings, metrics, type InsightsStrings, type Metric } from './insights-strings.js';
import { insightsStyles } from './insights.styles.js';
import type { AuditLog } from './audit-log.js';

type LoadState = 'loading' | 'ready' | 'forbidden' | 'failed';

const dayMs = 24 * 3600_000;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** A CSV field: quoted when it holds a separator, a quote or a line break. */
const csvField = (value: string): string => (/[",\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The usage indicators of a space, week by week, for its owners and référents: a bar chart (SVG,
 * with a text summary) of the chosen indicator, the whole data as a table, and a CSV export. Weeks
 * with fewer than five active people show no figure. Everyone else is told the indicators are not
 * theirs to read. The space's owners also open its audit log (who did what, when), a lazy chunk of its
 * own loaded when first opened. Its code is a lazy chunk, loaded when the tag first appears.
 *
 * Who may read is known from the reader's role and the space's members, which the page's other
 * elements read anyway (one request each for the page): the indicators are asked for only then. A
 * host styles its own frame by the element's state, `:state(loading)`, `:state(ready)`,
 * `:state(forbidden)` or `:state(failed)` (e.g. hide a panel unless `:state(ready)` or `:state(failed)`).
 *
 * @tagname bureau-insights
 * @summary Weekly usage indicators of a space: accessible chart, data table, CSV export.
 *
 * @csspart base - The wrapper of everything.
 * @csspart state - The loading, forbidden or failure sentence.
 * @csspart metric-select - The indicator the chart shows.
 * @csspart chart - The SVG chart.
 * @csspart table-toggle - Shows or hides the data table.
 * @csspart table - The data table.
 * @csspart csv-button - Downloads the data as CSV.
 * @csspart audit-toggle - Shows or hides the audit log (owners only).
 * @csspart audit-state - The audit log's loading, empty or failure sentence.
 * @csspart audit-list - The audit log's entries, newest first.
 * @csspart audit-more - Loads the next page of the audit log.
 *
 * @cssproperty --bureau-insights-bar-color - The bars' color.
 */
export class BureauInsightsElement extends BureauElement {
  static override domains = [spacesDomain];

  static override styles = [...BureauElement.styles, insightsStyles];

  static override properties: PropertyDeclarations = {
    space: { reflect: true },
    weeks: { type: Number },
    loadState: { state: true, attribute: false },
    data: { state: true, attribute: false },
    metric: { state: true, attribute: false },
    tableShown: { state: true, attribute: false },
    isOwner: { state: true, attribute: false },
    auditOpen: { state: true, attribute: false },
  };

  /** The id of the space; without it nothing is shown. */
  declare space: string | undefined;
  /** How many weeks back, this one included; 12 by default. */
  declare weeks: number;

  private declare loadState: LoadState;
  private declare data: Insights | undefined;
  private declare metric: Metric;
  private declare tableShown: boolean;
  private declare isOwner: boolean;
  private declare auditOpen: boolean;
  #abort: AbortController | undefined;
  #audit: AuditLog | undefined;
  /** The load state as a custom state (`:state(ready)`…), for the host's CSS. */
  readonly #internals = this.attachInternals();

  constructor() {
    super();
    this.weeks = 12;
    this.loadState = 'loading';
    this.metric = 'activeMembers';
    this.tableShown = false;
    this.isOwner = false;
    this.auditOpen = false;
  }

  get #s(): InsightsStrings {
    return insightsStrings(this.resolvedLanguage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#closeAudit();
  }

  #closeAudit(): void {
    this.#audit?.close();
    this.#audit = undefined;
    this.auditOpen = false;
  }

  /** Opens the audit log (its chunk and first page load now) or closes it. */
  #toggleAudit(): void {
    const client = this.activeClient;
    if (this.auditOpen || !client || !this.space) return this.#closeAudit();
    this.auditOpen = true;
    const space = this.space;
    void import('./audit-log.js').then(({ AuditLog }) => {
      if (this.auditOpen && this.space === space) this.#audit = new AuditLog(client, space, () => this.requestUpdate());
    });
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('space') || changed.has('weeks') || changed.has('client')) void this.#load();
  }

  async #load(): Promise<void> {
    const client = this.activeClient;
    if (!client || !this.space) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.loadState = 'loading';
    this.#closeAudit();
    this.isOwner = false;
    const now = Date.now();
    // Whole weeks (Monday to Sunday, UTC), this one included.
    const monday = now - ((new Date(now).getUTCDay() + 6) % 7) * dayMs;
    const space = this.space;
    try {
      // Only owners read the audit log (référents do not): it is offered to them alone.
      const role = await roleIn(client, space, abort.signal);
      if (role !== 'owner' && !(role !== undefined && (await this.#isReferent(space, abort.signal)))) {
        this.loadState = 'forbidden';
        return;
      }
      const governance = await client.governance();
      this.data = await governance.insights(space, { from: isoDate(monday - (this.weeks - 1) * 7 * dayMs), to: isoDate(now) }, { signal: abort.signal });
      this.isOwner = role === 'owner';
      this.loadState = 'ready';
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loadState = isHttpError(error) && (error.status === 403 || error.status === 404) ? 'forbidden' : 'failed';
    }
  }

  /** Whether the signed-in person is a référent of `spaceId` (from the members the page shares). */
  async #isReferent(spaceId: string, signal: AbortSignal): Promise<boolean> {
    const client = this.activeClient;
    if (client === undefined) return false;
    const [session, members] = await Promise.all([client.auth.current({ signal }), membersOf(client, spaceId, signal)]);
    return members.some((member) => member.userId === session?.user.id && member.referent === true);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!changed.has('loadState')) return;
    const states = this.#internals.states;
    for (const state of ['loading', 'ready', 'forbidden', 'failed'] as const) {
      if (state === this.loadState) states.add(state);
      else states.delete(state);
    }
  }

  #weekLabel(week: InsightsWeek): string {
    return formatDate(`${week.week}T12:00:00Z`, this.resolvedLanguage, { day: 'numeric', month: 'short' });
  }

  /** The data as CSV (one row per week, the indicators as columns; hidden weeks have empty cells). */
  csv(): string {
    const s = this.#s;
    const rows = [[s.week, ...metrics.map((m) => s.labels[m])]];
    for (const week of this.data?.weeks ?? []) rows.push([week.week, ...metrics.map((m) => (week[m] === null ? '' : String(week[m])))]);
    return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
  }

  #downloadCsv(): void {
    const url = URL.createObjectURL(new Blob([this.csv()], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `indicateurs-${this.space ?? ''}-${isoDate(Date.now())}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  override render(): TemplateResult {
    const s = this.#s;
    if (this.loadState !== 'ready' || !this.data) {
      const text = { loading: s.loading, forbidden: s.forbidden, failed: s.failed, ready: s.loading }[this.loadState];
      return html`<section part="base" aria-labelledby="title">
        <h2 id="title">${s.title}</h2>
        <p part="state" role=${this.loadState === 'failed' ? 'alert' : 'status'}>${text}</p>
        ${this.loadState === 'failed' ? html`<button type="button" @click=${() => void this.#load()}>${s.retry}</button>` : nothing}
      </section>`;
    }
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${s.title}</h2>
      <div class="toolbar">
        <label
          >${s.metric}
          <select part="metric-select" @change=${(e: Event) => (this.metric = (e.target as HTMLSelectElement).value as Metric)}>
            ${metrics.map((m) => html`<option value=${m} ?selected=${m === this.metric}>${s.labels[m]}</option>`)}
          </select>
        </label>
        <button type="button" part="table-toggle" aria-expanded=${String(this.tableShown)} aria-controls="table" @click=${() => (this.tableShown = !this.tableShown)}>
          ${this.tableShown ? s.hideTable : s.showTable}
        </button>
        <button type="button" part="csv-button" @click=${() => this.#downloadCsv()}>${s.csv}</button>
      </div>
      ${this.#chart(this.data.weeks)}
      <p class="privacy">${s.privacy}</p>
      <div class="table-wrap" id="table" role="region" tabindex="0" aria-label=${s.tableCaption(this.data.weeks.length)} ?hidden=${!this.tableShown}>${this.#table(this.data)}</div>
      ${this.isOwner ? this.#auditSection(s) : nothing}
    </section>`;
  }

  #auditSection(s: InsightsStrings): TemplateResult {
    return html`<section class="audit" aria-labelledby="audit-title">
      <h3 id="audit-title">${s.audit}</h3>
      <button type="button" part="audit-toggle" aria-expanded=${String(this.auditOpen)} aria-controls="audit" @click=${() => this.#toggleAudit()}>
        ${this.auditOpen ? s.hideAudit : s.showAudit}
      </button>
      <div id="audit" ?hidden=${!this.auditOpen}>
        ${this.auditOpen ? (this.#audit?.render(this.resolvedLanguage) ?? html`<p part="audit-state" role="status">${s.loadingAudit}</p>`) : nothing}
      </div>
    </section>`;
  }

  #chart(weeks: readonly InsightsWeek[]): TemplateResult {
    const s = this.#s;
    const values = weeks.map((w) => w[this.metric]);
    const shown = values.filter((v): v is number => v !== null);
    const max = shown.length === 0 ? null : Math.max(...shown);
    const hidden = weeks.filter((w) => w.suppressed).length;
    const width = 40 * Math.max(weeks.length, 1);
    const height = 140;
    const scale = (value: number): number => (max ? (value / max) * (height - 30) : 0);
    const summary = s.summary(s.labels[this.metric], weeks.length, hidden, max);
    return html`<svg part="chart" role="img" aria-labelledby="chart-title chart-summary" viewBox="0 0 ${width} ${height}">
      <title id="chart-title">${s.labels[this.metric]}</title>
      <desc id="chart-summary">${summary}</desc>
      ${weeks.map((week, i) => {
        const value = week[this.metric];
        const x = i * 40 + 6;
        if (week.suppressed) return svg`<rect class="hidden-week" x=${x} y=${height - 40} width="28" height="20"><title>${s.weekOf(this.#weekLabel(week))} : ${s.suppressed}</title></rect>`;
        const h = scale(value ?? 0);
        return svg`<rect class="bar" x=${x} y=${height - 20 - h} width="28" height=${h}><title>${s.weekOf(this.#weekLabel(week))} : ${value ?? s.none}</title></rect>
          <text class="axis" x=${x + 14} y=${height - 24 - h} text-anchor="middle">${value ?? ''}</text>`;
      })}
      ${weeks.map((week, i) => svg`<text class="axis" x=${i * 40 + 20} y=${height - 6} text-anchor="middle">${this.#weekLabel(week)}</text>`)}
    </svg>
    <p class="summary" aria-hidden="true">${summary}</p>`;
  }

  #table(data: Insights): TemplateResult {
    const s = this.#s;
    return html`<table part="table">
      <caption>${s.tableCaption(data.weeks.length)}</caption>
      <thead>
        <tr>
          <th scope="col">${s.week}</th>
          ${metrics.map((m) => html`<th scope="col">${s.labels[m]}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${data.weeks.map(
          (week) => html`<tr>
            <th scope="row">${this.#weekLabel(week)}</th>
            ${week.suppressed
              ? html`<td colspan=${metrics.length}><abbr title=${s.suppressedWhy(data.threshold)}>${s.suppressed}</abbr></td>`
              : metrics.map((m) => html`<td>${week[m] ?? s.none}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
