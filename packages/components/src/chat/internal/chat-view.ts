import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import { dayLabel } from './day-label.js';
import { renderMessage, type MessageContext } from './message-view.js';
import type { Row } from './rows.js';

/** Where a room's messages stand. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error' | 'no-access';

/** The loading, error or empty message shown when the list has no message. */
export function renderState(state: LoadState, t: Messages, retry: () => void): TemplateResult | typeof nothing {
  switch (state) {
    case 'loading':
      return html`<p part="state" class="state" role="status">${t.chatLoading}</p>`;
    case 'error':
      return html`<div part="state" class="state error" role="alert">
        <p>${t.chatLoadFailed}</p>
        <button type="button" @click=${retry}>${t.retry}</button>
      </div>`;
    case 'ready':
      return html`<p part="state" class="state">${t.chatEmpty}</p>`;
    case 'idle':
    case 'no-access':
      return nothing;
  }
}

/** One row of the list: a day separator, the new-messages marker, or a message. */
export function renderRow(row: Row, context: MessageContext, language: Language): TemplateResult {
  switch (row.kind) {
    case 'day':
      return html`<div part="day-separator" class="day"><span>${dayLabel(row.day, language)}</span></div>`;
    case 'new':
      return html`<div part="new-marker" class="new-marker"><span>${context.t.chatNewMessages}</span></div>`;
    case 'message':
      return renderMessage(row.message, row.continued, row.key, context);
  }
}

/** The native modal dialog confirming a deletion; its `returnValue` is `delete` when confirmed. */
export function renderDeleteDialog(id: string, t: Messages, closed: (event: Event) => void): TemplateResult {
  return html`
    <dialog part="delete-dialog" aria-labelledby="${id}-delete-title" @close=${closed}>
      <form method="dialog">
        <p id="${id}-delete-title" class="dialog-title">${t.chatDeleteTitle}</p>
        <p>${t.chatDeleteExplain}</p>
        <div class="dialog-buttons">
          <button type="submit" value="cancel" autofocus>${t.chatCancel}</button>
          <button type="submit" value="delete" class="danger">${t.chatDelete}</button>
        </div>
      </form>
    </dialog>
  `;
}
