import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import type { ChatSearch } from './search.js';

/**
 * The chat's search field and scope, in the header; `search` (the lazy chunk) brings the results
 * and what the keys do once it is there.
 */
export function searchField(id: string, t: Messages, search: ChatSearch | undefined, language: Language): TemplateResult {
  // The focus left the search (not for its scope or results): the results list closes.
  const focusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (next === null || !(event.currentTarget as HTMLElement).contains(next)) search?.close();
  };
  return html`<div part="search" class="search" @focusout=${focusOut}>
    <input
      part="search-field"
      class="search-field"
      type="search"
      role="combobox"
      aria-label=${t.chatSearchHint}
      placeholder=${t.chatSearch}
      aria-autocomplete="list"
      aria-controls="${id}-results"
      aria-expanded=${search?.expanded === true ? 'true' : 'false'}
      aria-activedescendant=${ifDefined(search?.activeId)}
      autocomplete="off"
      @input=${(event: Event) => search?.input((event.target as HTMLInputElement).value)}
      @keydown=${(event: KeyboardEvent) => search?.keydown(event, event.target as HTMLInputElement)}
      @focus=${() => search?.reopen()}
    />
    ${search?.typed === true
      ? html`<select
          part="search-scope"
          class="search-scope"
          aria-label=${t.chatSearchScope}
          @change=${(event: Event) => search?.rescope((event.target as HTMLSelectElement).value === 'space')}
        >
          <option value="space" ?selected=${search?.wide !== false}>${t.chatSearchSpace}</option>
          <option value="room" ?selected=${search?.wide === false}>${t.chatSearchRoom}</option>
        </select>`
      : nothing}
    ${search?.render(language) ?? nothing}
  </div>`;
}

/** `/` (outside a field) or Ctrl+K (Cmd+K) anywhere in the chat: to the search field. */
export function focusSearchOn(event: KeyboardEvent, root: ParentNode): void {
  const inField = (event.composedPath()[0] as Element | undefined)?.matches?.('input, textarea, select, [contenteditable]') === true;
  const slash = event.key === '/' && !inField && !event.ctrlKey && !event.metaKey && !event.altKey;
  const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
  if (!slash && !ctrlK) return;
  const field = root.querySelector<HTMLInputElement>('[part~="search-field"]');
  if (field === null) return;
  event.preventDefault();
  field.focus();
  field.select();
}
