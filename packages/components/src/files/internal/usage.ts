import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { SpaceUsage } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import { formatBytes } from '../../i18n/format.js';

/**
 * The storage a space uses and its quota, shown under the files (« Espace utilisé : 1,2 Mo sur
 * 500 Mo », with a `<meter>` when there is a quota). Read when the space is known and again after
 * the person's own uploads and deletions; a failure leaves it out (the files stand without it).
 */
export class UsageMeter {
  readonly #host: ReactiveElement;
  #usage: SpaceUsage | undefined;
  #source: { client: BureauClient; spaceId: string; signal: AbortSignal } | undefined;

  constructor(host: ReactiveElement) {
    this.#host = host;
  }

  follow(client: BureauClient, spaceId: string, signal: AbortSignal): void {
    this.#source = { client, spaceId, signal };
    this.#usage = undefined;
    this.refresh();
  }

  refresh(): void {
    const source = this.#source;
    if (source === undefined || source.signal.aborted) return;
    source.client.files.usage(source.spaceId, { signal: source.signal }).then(
      (usage) => {
        if (source !== this.#source) return;
        this.#usage = usage;
        this.#host.requestUpdate();
      },
      () => undefined,
    );
  }

  render(t: Messages, language: Language): TemplateResult | typeof nothing {
    const usage = this.#usage;
    if (usage === undefined) return nothing;
    const text = t.filesUsage(formatBytes(usage.used, language), usage.quota === null ? null : formatBytes(usage.quota, language));
    return html`<p part="usage" class="usage">
      <span>${text}</span>
      ${usage.quota === null ? nothing : html`<meter min="0" max=${usage.quota} value=${Math.min(usage.used, usage.quota)} high=${usage.quota * 0.9} aria-label=${text}></meter>`}
    </p>`;
  }
}
