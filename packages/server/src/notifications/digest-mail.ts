import type { Notification } from '@bureau/api';

export type DigestLocale = 'fr' | 'en';

/** The language of a person's mails: the one chosen or known (`fr`, `en`), French otherwise. */
export const digestLocaleOf = (stored: string | null): DigestLocale => (stored?.toLowerCase().startsWith('en') ? 'en' : 'fr');

const strings = {
  fr: {
    subject: (n: number) => (n === 1 ? 'Bureau : 1 notification non lue' : `Bureau : ${n} notifications non lues`),
    hello: (name: string) => `Bonjour ${name},`,
    intro: 'Voici ce qui vous attend dans Bureau depuis votre dernier résumé :',
    kinds: {
      mention: (actor: string, place: string) => `${actor} vous a mentionné dans ${place}`,
      reply: (actor: string, place: string) => `${actor} a répondu dans ${place}`,
      assigned: (actor: string, place: string) => `${actor} vous a assigné une carte dans ${place}`,
      due: (_: string, place: string) => `Une carte de ${place} est à rendre demain`,
      version: (actor: string, place: string) => `${actor} a déposé une nouvelle version de ${place}`,
    },
    someone: 'Quelqu’un',
    open: 'Ouvrir Bureau',
    unsubscribe: 'Ne plus recevoir ce résumé',
  },
  en: {
    subject: (n: number) => (n === 1 ? 'Bureau: 1 unread notification' : `Bureau: ${n} unread notifications`),
    hello: (name: string) => `Hello ${name},`,
    intro: 'Here is what awaits you in Bureau since your last digest:',
    kinds: {
      mention: (actor: string, place: string) => `${actor} mentioned you in ${place}`,
      reply: (actor: string, place: string) => `${actor} replied in ${place}`,
      assigned: (actor: string, place: string) => `${actor} assigned you a card in ${place}`,
      due: (_: string, place: string) => `A card in ${place} is due tomorrow`,
      version: (actor: string, place: string) => `${actor} uploaded a new version of ${place}`,
    },
    someone: 'Someone',
    open: 'Open Bureau',
    unsubscribe: 'Stop receiving this digest',
  },
} as const;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * One digest: a line per notification (who, what, where, the excerpt, and the link to it), a link to
 * Bureau and the unsubscribe link; plain text and HTML, every piece of user text escaped in the HTML.
 */
export function composeDigest(
  locale: DigestLocale,
  name: string,
  items: readonly (Notification & { url: string })[],
  links: { open: string; unsubscribe: string },
): DigestMail {
  const t = strings[locale];
  const lines = items.map((item) => ({ what: t.kinds[item.kind](item.actor?.name ?? t.someone, item.place), excerpt: item.excerpt, url: item.url }));
  const [open, close] = locale === 'fr' ? ['« ', ' »'] : ['“', '”'];
  const colon = locale === 'fr' ? ' :' : ':';
  const text = [
    t.hello(name),
    '',
    t.intro,
    '',
    ...lines.map((line) => `- ${line.what}\n  ${open}${line.excerpt}${close}\n  ${line.url}`),
    '',
    `${t.open}${colon} ${links.open}`,
    '',
    `${t.unsubscribe}${colon} ${links.unsubscribe}`,
    '',
  ].join('\n');
  const html = `<!doctype html><html lang="${locale}"><body>
<p>${escapeHtml(t.hello(name))}</p>
<p>${escapeHtml(t.intro)}</p>
<ul>
${lines.map((line) => `<li><a href="${escapeHtml(line.url)}"><strong>${escapeHtml(line.what)}</strong></a><br>${escapeHtml(line.excerpt)}</li>`).join('\n')}
</ul>
<p><a href="${escapeHtml(links.open)}">${escapeHtml(t.open)}</a></p>
<p style="font-size:small"><a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(t.unsubscribe)}</a></p>
</body></html>`;
  return { subject: t.subject(items.length), text, html };
}

const pageStrings = {
  fr: {
    title: 'Résumé Bureau',
    confirm: 'Voulez-vous ne plus recevoir le résumé de Bureau par courriel ?',
    button: 'Ne plus recevoir ce résumé',
    done: 'Vous ne recevrez plus le résumé de Bureau par courriel. Vous pouvez le réactiver dans les préférences de votre boîte de réception.',
    invalid: 'Ce lien de désinscription n’est pas valide.',
  },
  en: {
    title: 'Bureau digest',
    confirm: 'Do you want to stop receiving the Bureau e-mail digest?',
    button: 'Stop receiving this digest',
    done: 'You will no longer receive the Bureau e-mail digest. You can turn it back on in your inbox preferences.',
    invalid: 'This unsubscribe link is not valid.',
  },
} as const;

/**
 * The pages of the unsubscribe link: `confirm` (what the link opens: a button that POSTs, so that
 * a mail scanner following links unsubscribes nobody), `done`, `invalid`.
 */
export function unsubscribePage(locale: DigestLocale, state: 'confirm' | 'done' | 'invalid'): string {
  const t = pageStrings[locale];
  const body =
    state === 'confirm'
      ? `<p>${t.confirm}</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${t.button}</button></form>`
      : `<p>${state === 'done' ? t.done : t.invalid}</p>`;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title></head><body><main><h1>${t.title}</h1>${body}</main></body></html>`;
}
