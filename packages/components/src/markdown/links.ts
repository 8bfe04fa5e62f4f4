/** The only URL schemes a message may link to. */
const allowedProtocols: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL to link to for `candidate`, normalised by the URL parser, when it is an absolute
 * `http:`, `https:` or `mailto:` URL; undefined for anything else (`javascript:`, `data:`,
 * `vbscript:`, relative URLs, unparsable text), which then stays text.
 */
export function safeHref(candidate: string): string | undefined {
  // The URL parser drops leading control characters and spaces; refuse them rather than guess.
  if (!/^(?:https?:\/\/|mailto:)/i.test(candidate)) return undefined;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    // Not a URL: the text is shown as written, which is the intended outcome.
    return undefined;
  }
  if (!allowedProtocols.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && url.hostname === '') return undefined;
  return url.href;
}

/** A bare URL at the start of `text`: what a person typed, without trailing punctuation. */
export function bareUrlAt(text: string, start: number): string | undefined {
  const match = /^(?:https?:\/\/|mailto:)[^\s<>"'`]+/i.exec(text.slice(start, start + 2048));
  if (match === null) return undefined;
  let url = match[0];
  // "(voir https://exemple.fr)." — the closing punctuation belongs to the sentence.
  while (/[.,;:!?)\]*_]$/.test(url)) {
    if (url.endsWith(')') && countOf(url, '(') >= countOf(url, ')')) break;
    url = url.slice(0, -1);
  }
  return url;
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (const each of text) if (each === char) count += 1;
  return count;
}
