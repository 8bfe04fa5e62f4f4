import type { SharedView } from '@bureau/api';

export type SharePage =
  | { state: 'gone' }
  | { state: 'password'; token: string; failed: boolean }
  | { state: 'open'; token: string; view: SharedView };

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const size = (bytes: number): string => new Intl.NumberFormat('fr-FR', { style: 'unit', unit: bytes >= 1e6 ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(bytes >= 1e6 ? bytes / 1e6 : bytes / 1e3);

function body(page: SharePage): string {
  if (page.state === 'gone') return '<h1>Lien indisponible</h1><p>Ce lien n’existe pas, a expiré ou a été révoqué.</p>';
  const base = `/s/${encodeURIComponent(page.token)}`;
  if (page.state === 'password') {
    return `<h1>Document protégé</h1>
<form method="post" action="${base}">
${page.failed ? '<p role="alert">Mot de passe incorrect.</p>' : ''}
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">Ouvrir</button>
</form>`;
  }
  const { view } = page;
  const until = `<p>Lien valable jusqu’au ${escapeHtml(new Date(view.expiresAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }))}.</p>`;
  if (view.kind === 'file' && view.file) {
    return `<h1>${escapeHtml(view.name)}</h1>${until}<p><a href="${base}/content" download>Télécharger (${escapeHtml(size(view.file.size))})</a></p>`;
  }
  const folders = (view.folders ?? []).map((f) => `<li><a href="${base}?folder=${encodeURIComponent(f.id)}">${escapeHtml(f.name)}/</a></li>`);
  const files = (view.files ?? []).map((f) => `<li><a href="${base}/content?file=${encodeURIComponent(f.id)}" download>${escapeHtml(f.name)}</a> (${escapeHtml(size(f.size))})</li>`);
  const items = [...folders, ...files];
  return `<h1>${escapeHtml(view.name || 'Dossier partagé')}</h1>${until}${items.length === 0 ? '<p>Ce dossier est vide.</p>' : `<ul>${items.join('')}</ul>`}`;
}

/** The public page of a share link: French, no script, every name escaped. */
export function renderSharePage(page: SharePage): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Partage — Bureau</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style></head><body><main>${body(page)}</main></body></html>`;
}
