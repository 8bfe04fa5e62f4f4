import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemError } from '../http/problem.js';
import type { SignInFailure } from './oidc-failures.js';

type Lang = 'fr' | 'en';

/**
 * A person's browser asks for `text/html` when it navigates; `fetch`, the SDK and scripts ask for
 * JSON or anything. Only the former gets a page; the others keep the problem document.
 */
export function wantsPage(request: FastifyRequest): boolean {
  return /(^|,)\s*text\/html\s*(;|,|$)/i.test(request.headers.accept ?? '');
}

/** French unless the browser prefers English (by `Accept-Language` order and q-values). */
export function pageLanguage(acceptLanguage: string | undefined): Lang {
  return browserLanguage(acceptLanguage) ?? 'fr';
}

/** The first of French and English in `Accept-Language` (by order and q-values); null when it names neither. */
export function browserLanguage(acceptLanguage: string | undefined): Lang | null {
  // Asked on every request (`users/seen.ts`), and a browser sends the same header each time.
  if (acceptLanguage === undefined || acceptLanguage === '') return null;
  if (acceptLanguage === lastRanked.header) return lastRanked.lang;
  const lang = rankLanguages(acceptLanguage);
  lastRanked = { header: acceptLanguage, lang };
  return lang;
}

let lastRanked: { header: string; lang: Lang | null } = { header: '', lang: null };

function rankLanguages(acceptLanguage: string): Lang | null {
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry): entry is { lang: Lang; q: number; index: number } => (entry.lang === 'fr' || entry.lang === 'en') && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.lang ?? null;
}

const strings = {
  fr: {
    title: 'La connexion n’a pas abouti',
    signedOut: 'Vous êtes déconnecté',
    signedOutText: 'Votre session Bureau est fermée.',
    retry: 'Réessayer de se connecter',
    intranet: 'Retour à l’intranet',
    reference: 'Référence de la demande',
    reasons: {
      'unknown-state': 'Cette connexion n’a pas été commencée dans ce navigateur, ou elle a expiré ou déjà servi. Recommencez.',
      'provider-refused': 'Le fournisseur d’identité n’a pas terminé la connexion (par exemple si vous l’avez annulée).',
      'code-refused': 'Le fournisseur d’identité a refusé le code de connexion. Recommencez.',
      'response-invalid': 'La réponse du fournisseur d’identité n’a pas pu être vérifiée. Recommencez.',
      'client-refused': 'Le fournisseur d’identité refuse l’accès de Bureau : un administrateur doit vérifier sa configuration.',
      'provider-unreachable': 'Le fournisseur d’identité ne répond pas. Réessayez dans quelques instants.',
      'provider-not-ready': 'Le fournisseur d’identité n’a pas encore répondu à Bureau. Réessayez dans quelques instants.',
      other: 'La demande de connexion n’est pas valable. Recommencez depuis l’intranet.',
    } satisfies Record<SignInFailure | 'other', string>,
  },
  en: {
    title: 'Sign-in did not complete',
    signedOut: 'You are signed out',
    signedOutText: 'Your Bureau session is closed.',
    retry: 'Try signing in again',
    intranet: 'Back to the intranet',
    reference: 'Request reference',
    reasons: {
      'unknown-state': 'This sign-in was not started in this browser, or it has expired or was already used. Start again.',
      'provider-refused': 'The identity provider did not complete the sign-in (for instance if you cancelled it).',
      'code-refused': 'The identity provider refused the sign-in code. Start again.',
      'response-invalid': 'The identity provider’s answer could not be verified. Start again.',
      'client-refused': 'The identity provider refuses Bureau: an administrator must check its configuration.',
      'provider-unreachable': 'The identity provider does not answer. Try again in a few moments.',
      'provider-not-ready': 'The identity provider has not answered Bureau yet. Try again in a few moments.',
      other: 'This sign-in request is not valid. Start again from the intranet.',
    } satisfies Record<SignInFailure | 'other', string>,
  },
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(lang: Lang, heading: string, paragraphs: string[], links: { href: string; text: string }[]): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(heading)} – Bureau</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1e1e1e}h1{font-size:1.4rem}ul{list-style:none;padding:0}li{margin:.5rem 0}a{color:#000091}small{color:#555}</style>
</head>
<body><main>
<h1>${escapeHtml(heading)}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<ul>${links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`).join('')}</ul>
</main></body>
</html>
`;
}

export interface PageLinks {
  /** Starts the sign-in again (`/v1/auth/login?returnTo=…`). */
  retry: string;
  /** The intranet page the person came from, or its home. */
  intranet: string;
}

/** Sends the small page a person sees when a sign-in fails, with the problem's status. */
export function sendSignInErrorPage(request: FastifyRequest, reply: FastifyReply, problem: ProblemError, links: PageLinks): FastifyReply {
  const lang = pageLanguage(request.headers['accept-language']);
  const t = strings[lang];
  const reason = typeof problem.extras.reason === 'string' && problem.extras.reason in t.reasons ? (problem.extras.reason as SignInFailure) : 'other';
  const html = page(
    lang,
    t.title,
    [escapeHtml(t.reasons[reason]), `<small>${escapeHtml(t.reference)}${lang === 'fr' ? ' : ' : ': '}${escapeHtml(String(request.id))}</small>`],
    [
      { href: links.retry, text: t.retry },
      { href: links.intranet, text: t.intranet },
    ],
  );
  if (typeof problem.extras.retryAfter === 'number') reply.header('retry-after', String(problem.extras.retryAfter));
  return reply.code(problem.status).header('cache-control', 'no-store').header('content-language', lang).type('text/html; charset=utf-8').send(html);
}

/** The page shown after sign-out when there is nowhere known to return to. */
export function sendSignedOutPage(request: FastifyRequest, reply: FastifyReply, links: PageLinks): FastifyReply {
  const lang = pageLanguage(request.headers['accept-language']);
  const t = strings[lang];
  const html = page(lang, t.signedOut, [escapeHtml(t.signedOutText)], [
    { href: links.intranet, text: t.intranet },
    { href: links.retry, text: t.retry },
  ]);
  return reply.code(200).header('cache-control', 'no-store').header('content-language', lang).type('text/html; charset=utf-8').send(html);
}
