import { html, nothing, render } from 'lit';
import type { Rules } from '@bureau/api';
import { maxRulesLength } from '@bureau/api/constants';
import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../i18n/catalogues.js';
import { formatDate } from '../i18n/format.js';
import { failureText, selfServiceMessages } from '../i18n/self-service.js';
import { parseMarkdown, renderBlocks } from '../markdown/markdown.js';

const strings = {
  fr: {
    title: 'Règles d’usage de l’espace',
    loading: 'Chargement des règles…',
    none: 'Aucune règle publiée pour l’instant.',
    current: (version: number, date: string) => `Version ${version} en vigueur, publiée le ${date}.`,
    notice: 'Enregistrer publie une nouvelle version : chaque membre devra la relire et l’accepter avant de continuer.',
    field: 'Texte des règles (Markdown : **gras**, _italique_, `code`, liens)',
    preview: 'Aperçu',
    emptyPreview: 'Le texte apparaîtra ici tel que les membres le liront.',
    empty: 'Écrivez le texte des règles avant d’enregistrer.',
    tooLong: (max: number) => `Le texte dépasse ${max.toLocaleString('fr')} caractères : raccourcissez-le.`,
    unchanged: 'Le texte n’a pas changé : rien à publier.',
    saving: 'Publication…',
    published: (version: number) => `Version ${version} des règles d’usage publiée : les membres devront l’accepter.`,
  },
  en: {
    title: 'Rules of use of the space',
    loading: 'Loading the rules…',
    none: 'No rules published yet.',
    current: (version: number, date: string) => `Version ${version} in force, published on ${date}.`,
    notice: 'Saving publishes a new version: every member will have to read and accept it before going on.',
    field: 'Text of the rules (Markdown: **bold**, _italic_, `code`, links)',
    preview: 'Preview',
    emptyPreview: 'The text will show here as members will read it.',
    empty: 'Write the text of the rules before saving.',
    tooLong: (max: number) => `The text is longer than ${max.toLocaleString('en')} characters: shorten it.`,
    unchanged: 'The text has not changed: nothing to publish.',
    saving: 'Publishing…',
    published: (version: number) => `Version ${version} of the rules of use published: members will have to accept it.`,
  },
};

/**
 * Opens an owner's editor of a space's rules of use in a native modal dialog inside `root` (the
 * members panel's shadow root): the current version and its date, a Markdown textarea with a live
 * preview (the messages' renderer: text only, never HTML), and « Enregistrer », which publishes a new
 * version (`PUT /v1/spaces/{id}/rules`) that every member is then asked to accept. Escape or
 * « Annuler » close it; until then a failed save keeps the draft and tells why. `published` gets the
 * sentence to announce; the focus goes back to `opener` on close.
 * @internal
 */
export function openRulesEditor(
  root: ShadowRoot,
  opener: HTMLElement,
  client: BureauClient,
  spaceId: string,
  language: Language,
  published: (sentence: string) => void,
): void {
  const s = strings[language === 'en' ? 'en' : 'fr'];
  const common = selfServiceMessages(language);
  const container = document.createElement('div');
  root.append(container);
  const abort = new AbortController();
  let rules: Rules | undefined;
  let draft = '';
  let error = '';
  let saving = false;

  const dialog = (): HTMLDialogElement | null => container.querySelector('dialog');
  const field = (): HTMLTextAreaElement | null => container.querySelector('textarea');
  const close = (): void => dialog()?.close();

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (saving || rules === undefined) return;
    const text = draft.trim();
    error = text === '' ? s.empty : draft.length > maxRulesLength ? s.tooLong(maxRulesLength) : text === rules.text.trim() ? s.unchanged : '';
    if (error !== '') {
      draw();
      field()?.focus();
      return;
    }
    saving = true;
    draw();
    try {
      const saved = await (await client.governance()).putRules(spaceId, draft, { signal: abort.signal });
      published(s.published(saved.version));
      close();
    } catch (failure) {
      if (abort.signal.aborted) return;
      error = failureText(common, failure);
      saving = false;
      draw();
      field()?.focus();
    }
  };

  const draw = (): void => {
    const blocks = parseMarkdown(draft);
    render(
      html`<dialog part="rules-editor" class="rules-editor" aria-labelledby="rules-editor-title" aria-describedby="rules-editor-notice"
        @close=${() => {
          abort.abort();
          container.remove();
          opener.focus();
        }}>
        <form @submit=${(event: Event) => void save(event)}>
          <h2 id="rules-editor-title">${s.title}</h2>
          <p part="rules-version" role="status">${rules === undefined
            ? error === '' ? s.loading : nothing
            : rules.version === 0 || rules.updatedAt === null
              ? s.none
              : s.current(rules.version, formatDate(rules.updatedAt, language))}</p>
          <p id="rules-editor-notice">${s.notice}</p>
          <label for="rules-editor-text">${s.field}</label>
          <textarea id="rules-editor-text" part="rules-text-field" rows="10" maxlength=${maxRulesLength}
            aria-describedby=${error === '' ? nothing : 'rules-editor-error'} aria-invalid=${error === '' ? nothing : 'true'}
            ?disabled=${rules === undefined} .value=${draft}
            @input=${(event: Event) => {
              draft = (event.target as HTMLTextAreaElement).value;
              draw();
            }}></textarea>
          <section class="rules-preview" tabindex="0" aria-labelledby="rules-editor-preview">
            <h3 id="rules-editor-preview">${s.preview}</h3>
            <div part="rules-preview">${blocks.length === 0 ? html`<p class="hint">${s.emptyPreview}</p>` : renderBlocks(blocks)}</div>
          </section>
          ${error === '' ? nothing : html`<p id="rules-editor-error" class="error" role="alert">${error}</p>`}
          <div class="actions">
            <button type="button" part="rules-cancel-button" @click=${close}>${common.cancel}</button>
            <button type="submit" part="rules-save-button" ?disabled=${rules === undefined || saving}>${saving ? s.saving : common.save}</button>
          </div>
        </form>
      </dialog>`,
      container,
    );
  };

  draw();
  dialog()?.showModal();
  void client
    .governance()
    .then((governance) => governance.rules(spaceId, { signal: abort.signal }))
    .then(
      (current) => {
        rules = current;
        draft = current.text;
        draw();
        field()?.focus();
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        error = failureText(common, failure);
        draw();
      },
    );
}
