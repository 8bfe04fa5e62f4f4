import { html, render } from 'lit';
import type { Rules } from '@bureau/api';
import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../i18n/catalogues.js';
import { renderMarkdown } from '../markdown/markdown.js';

const strings = {
  fr: {
    title: 'Règles d’usage de l’espace',
    intro: 'Avant de continuer, prenez connaissance des règles d’usage de cet espace.',
    changed: 'Les règles d’usage de cet espace ont changé depuis votre dernière acceptation.',
    accept: 'J’ai lu et j’accepte',
    failed: 'L’acceptation n’a pas pu être enregistrée : réessayez.',
  },
  en: {
    title: 'Rules of use of the space',
    intro: 'Before you go on, please read the rules of use of this space.',
    changed: 'The rules of use of this space changed since you last accepted them.',
    accept: 'I have read and accept them',
    failed: 'Your acceptance could not be recorded: try again.',
  },
};

/**
 * Shows one space's rules in a modal dialog (a lazy chunk, with the Markdown renderer: fetched only
 * when the person has rules to accept) until the person accepts them; resolves then, or when
 * `signal` aborts (the element left the page or another person signed in): the next
 * `<bureau-client>` waiting its turn must not wait for a dialog nobody can see any more.
 */
export function askToAccept(host: ShadowRoot, client: BureauClient, rules: Rules, language: Language, signal: AbortSignal): Promise<void> {
  const s = strings[language === 'en' ? 'en' : 'fr'];
  const container = document.createElement('div');
  host.append(container);
  return new Promise((resolve) => {
    signal.addEventListener(
      'abort',
      () => {
        dialog()?.close();
        container.remove();
        resolve();
      },
      { once: true },
    );
    let error = '';
    const accept = async (): Promise<void> => {
      try {
        await (await client.governance()).acceptRules(rules.spaceId, rules.version);
        dialog()?.close();
        container.remove();
        resolve();
      } catch {
        error = s.failed;
        draw();
      }
    };
    const dialog = (): HTMLDialogElement | null => container.querySelector('dialog');
    const draw = (): void => {
      render(
        html`<dialog part="rules-dialog" aria-labelledby="rules-title" @cancel=${(event: Event) => event.preventDefault()}>
          <h2 id="rules-title">${s.title}</h2>
          <p>${rules.acceptedVersion === null ? s.intro : s.changed}</p>
          <div class="rules-text">${renderMarkdown(rules.text)}</div>
          ${error === '' ? '' : html`<p role="alert">${error}</p>`}
          <button type="button" part="rules-accept-button" @click=${() => void accept()}>${s.accept}</button>
        </dialog>`,
        container,
      );
    };
    draw();
    dialog()?.showModal();
  });
}
