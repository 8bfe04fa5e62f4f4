import { html, nothing, type TemplateResult } from 'lit';
import type { AuthInfo, User } from '@bureau/api';
import type { Language } from '../i18n/catalogues.js';

/**
 * The states of `<bureau-client>` that a signed-in page never shows (signed out, the cookie that
 * cannot work, the service unreachable, a refused sign-in or sign-out), with their strings: a lazy
 * chunk, fetched when one of them comes, so that a page whose person is signed in (an intranet's
 * header with only the notification bell) does not load them.
 */
const fr = {
  signedOut: "Vous n'êtes pas connecté·e",
  signIn: 'Se connecter',
  devUsers: 'Comptes de démonstration',
  signInAs: (name: string) => `Se connecter en tant que ${name}`,
  unreachable: 'Le service Bureau ne répond pas',
  signOutFailed: 'La déconnexion a échoué',
  signInFailed: 'La connexion a échoué',
  cookieBlocked: 'Connexion impossible sur cette page : le navigateur ne renvoie pas le cookie de Bureau, servi par un autre site.',
  cookieBlockedHelp: 'Pourquoi ?',
};
type StatusMessages = typeof fr;

const en: StatusMessages = {
  signedOut: 'You are not signed in',
  signIn: 'Sign in',
  devUsers: 'Demo accounts',
  signInAs: (name: string) => `Sign in as ${name}`,
  unreachable: 'The Bureau service is not responding',
  signOutFailed: 'Signing out failed',
  signInFailed: 'Signing in failed',
  cookieBlocked: 'Cannot sign in on this page: the browser does not send Bureau’s cookie back, as Bureau is on another site.',
  cookieBlockedHelp: 'Why?',
};

const messagesOf = (language: Language): StatusMessages => (language === 'en' ? en : fr);

/** What the views call back in `<bureau-client>`. */
export interface StatusActions {
  signInWithOidc(): void;
  signInAs(user: User): void;
  retry(): void;
}

/** Signed out: « Se connecter » when the server offers OIDC; in demo mode, one button per demo account. */
export function renderSignedOut(language: Language, info: AuthInfo, actions: StatusActions): TemplateResult {
  const t = messagesOf(language);
  const devUsers = info.devUsers ?? [];
  return html`
    <p part="message" class="message" tabindex="-1">${t.signedOut}</p>
    ${info.loginUrl !== undefined
      ? html`<button part="sign-in-button" class="primary" type="button" @click=${() => actions.signInWithOidc()}>${t.signIn}</button>`
      : nothing}
    ${devUsers.length > 0
      ? html`<fieldset part="dev-users" class="dev-users">
          <legend>${t.devUsers}</legend>
          <ul>
            ${devUsers.map(
              (user) => html`<li>
                <button type="button" aria-label=${t.signInAs(user.name)} @click=${() => actions.signInAs(user)}>${user.name}</button>
              </li>`,
            )}
          </ul>
        </fieldset>`
      : nothing}
  `;
}

/** The session cookie cannot work on this page: one sentence, and a link to the server's help. */
export function renderCookieBlocked(language: Language, helpUrl: string): TemplateResult {
  const t = messagesOf(language);
  return html`<p part="message" class="message error" tabindex="-1">${t.cookieBlocked} <a part="help-link" href=${helpUrl} target="_blank" rel="noopener">${t.cookieBlockedHelp}</a></p>`;
}

/** The service did not answer, or a sign-in or sign-out was refused: what happened, and « Réessayer ». */
export function renderError(language: Language, message: 'unreachable' | 'signInFailed' | 'signOutFailed', retryLabel: string, actions: StatusActions): TemplateResult {
  const t = messagesOf(language);
  return html`
    <p part="message" class="message error" tabindex="-1">${t[message]}</p>
    <button part="retry-button" type="button" @click=${() => actions.retry()}>${retryLabel}</button>
  `;
}
