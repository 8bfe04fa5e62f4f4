import { createHash } from 'node:crypto';
import type { SharedView } from '@bureau/api';

export type SharePage =
  | { state: 'gone' }
  | { state: 'password'; token: string; failed: boolean }
  | { state: 'open'; token: string; view: SharedView };

export type PageLanguage = 'fr' | 'en';

/**
 * The format of an expiry, the share dialog's (`files/internal/share-dialog.ts`): long date, short time.
 * The dialog writes it in the browser's time zone; so does this page, with `localTimeScript`.
 */
const expiryFormat = { dateStyle: 'long', timeStyle: 'short' } as const;

/** The zone written by the server, shown only where the page's script cannot run: the mairie's. */
const serverTimeZone = 'Europe/Paris';

/**
 * Rewrites every `<time datetime>` of the page in the visitor's own time zone, with the dialog's
 * format, so that the page and the share dialog show the same expiry on the same machine. Inline,
 * allowed by its hash in the page's Content-Security-Policy (no other script can run).
 */
const localTimeScript = `for(const t of document.querySelectorAll('time[datetime]'))t.textContent=new Intl.DateTimeFormat(document.documentElement.lang,${JSON.stringify(expiryFormat)}).format(new Date(t.dateTime));`;

/** The page's Content-Security-Policy: nothing but its own style and its one script. */
export const sharePagePolicy = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash('sha256').update(localTimeScript).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const strings = {
  fr: {
    title: 'Partage — Bureau',
    goneTitle: 'Lien indisponible',
    gone: 'Ce lien n’existe pas, a expiré ou a été révoqué.',
    protectedTitle: 'Document protégé',
    wrongPassword: 'Mot de passe incorrect.',
    password: 'Mot de passe',
    open: 'Ouvrir',
    until: (date: string) => `Lien valable jusqu’au ${date}.`,
    serverZone: 'heure de Paris',
    download: (size: string) => `Télécharger (${size})`,
    sharedFolder: 'Dossier partagé',
    empty: 'Ce dossier est vide.',
  },
  en: {
    title: 'Shared — Bureau',
    goneTitle: 'Link unavailable',
    gone: 'This link does not exist, has expired or was revoked.',
    protectedTitle: 'Protected document',
    wrongPassword: 'Wrong password.',
    password: 'Password',
    open: 'Open',
    until: (date: string) => `Link valid until ${date}.`,
    serverZone: 'Paris time',
    download: (size: string) => `Download (${size})`,
    sharedFolder: 'Shared folder',
    empty: 'This folder is empty.',
  },
} as const;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const size = (bytes: number, language: PageLanguage): string =>
  new Intl.NumberFormat(language, { style: 'unit', unit: bytes >= 1e6 ? 'megabyte' : 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(
    bytes >= 1e6 ? bytes / 1e6 : bytes / 1e3,
  );

/**
 * The expiry as the share dialog writes it (« 10 décembre 2026 à 23:59 »), in a `<time>` that the
 * page's script rewrites in the visitor's time zone; without the script, in the mairie's, said so.
 */
export function expiryHtml(iso: string, language: PageLanguage): string {
  const text = new Intl.DateTimeFormat(language, { ...expiryFormat, timeZone: serverTimeZone }).format(new Date(iso));
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(`${text} (${strings[language].serverZone})`)}</time>`;
}

function body(page: SharePage, language: PageLanguage): string {
  const s = strings[language];
  if (page.state === 'gone') return `<h1>${s.goneTitle}</h1><p>${s.gone}</p>`;
  const base = `/s/${encodeURIComponent(page.token)}`;
  if (page.state === 'password') {
    return `<h1>${s.protectedTitle}</h1>
<form method="post" action="${base}">
${page.failed ? `<p role="alert" class="error">${s.wrongPassword}</p>` : ''}
<label for="password">${s.password}</label>
<input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">${s.open}</button>
</form>`;
  }
  const { view } = page;
  const until = `<p class="meta">${s.until(expiryHtml(view.expiresAt, language))}</p>`;
  if (view.kind === 'file' && view.file) {
    return `<h1>${escapeHtml(view.name)}</h1>${until}<p><a class="button" href="${base}/content" download>${escapeHtml(s.download(size(view.file.size, language)))}</a></p>`;
  }
  const folders = (view.folders ?? []).map((f) => `<li><a href="${base}?folder=${encodeURIComponent(f.id)}">${escapeHtml(f.name)}/</a></li>`);
  const files = (view.files ?? []).map(
    (f) => `<li><a href="${base}/content?file=${encodeURIComponent(f.id)}" download>${escapeHtml(f.name)}</a> <span class="meta">${escapeHtml(size(f.size, language))}</span></li>`,
  );
  const items = [...folders, ...files];
  return `<h1>${escapeHtml(view.name || s.sharedFolder)}</h1>${until}${items.length === 0 ? `<p>${s.empty}</p>` : `<ul>${items.join('')}</ul>`}`;
}

/** The components' neutral theme (`internal/shared.styles.ts`), as plain CSS: the page looks like `<bureau-files>`. */
const style = `:root{color-scheme:light dark;--bg:light-dark(#fff,#1b1c1f);--surface:light-dark(#f4f5f7,#26282c);--text:light-dark(#1d1f23,#eceef1);--muted:light-dark(#555a63,#b3b8c0);--border:light-dark(#c9ced6,#4a4f57);--accent:light-dark(#2f4fb0,#9db2f0);--on-accent:light-dark(#fff,#111318);--danger:light-dark(#b3261e,#f2b8b5)}
body{font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--text);background:var(--bg);max-width:40rem;margin:2rem auto;padding:0 1rem}
main{border:1px solid var(--border);border-radius:.375rem;background:var(--surface);padding:1rem 1.25rem}
h1{font-size:1.25rem;margin:0 0 .5rem;overflow-wrap:anywhere}.meta{color:var(--muted);font-size:.875em}
ul{list-style:none;padding:0;display:grid;gap:.25rem}li{overflow-wrap:anywhere}a{color:var(--accent)}
a.button,button{display:inline-block;font:inherit;padding:.35rem .75rem;border-radius:.375rem;border:1px solid var(--accent);background:var(--accent);color:var(--on-accent);text-decoration:none;cursor:pointer}
label{display:block;font-weight:600}input{font:inherit;padding:.35rem .5rem;border:1px solid var(--border);border-radius:.375rem;margin:.25rem .5rem .5rem 0;background:var(--bg);color:var(--text)}
.error{color:var(--danger)}:focus-visible{outline:2px solid var(--accent);outline-offset:2px}`;

/**
 * The public page of a share link: in the visitor's language (French or English), every name
 * escaped, its only script the one that writes dates in the visitor's time zone (`sharePagePolicy`).
 */
export function renderSharePage(page: SharePage, language: PageLanguage = 'fr'): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${strings[language].title}</title>
<style>${style}</style></head><body><main>${body(page, language)}</main><script>${localTimeScript}</script></body></html>`;
}
