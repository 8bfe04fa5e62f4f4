import { html, type TemplateResult } from 'lit';
import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../i18n/catalogues.js';

/** « Membres » in a chat's or a board's header: opens `<bureau-members>` in a dialog (a lazy chunk). */
export function membersButton(label: string, client: BureauClient, spaceId: string, language: Language): TemplateResult {
  return html`<button type="button" part="members-button" @click=${(event: Event) => {
    const button = event.currentTarget as HTMLElement;
    void import('../members/members-dialog.js').then(({ openMembers }) =>
      openMembers(button.getRootNode() as ShadowRoot, button, client, spaceId, language),
    );
  }}>${label}</button>`;
}
