import type { Block, Inline } from './ast.js';
import { bareUrlAt, safeHref } from './links.js';

/** Bold and italic nest at most this deep; deeper markers stay text. */
const maxDepth = 4;

const fence = /^\s*```/;

/**
 * Parses a message's text into blocks: fenced code blocks, and paragraphs of inline Markdown
 * (bold, italic, inline code, `http(s)`/`mailto` links, `@mentions`, line breaks). Every other
 * character, `<` and `&` included, stays text. Unbalanced markers stay text too. Linear in the
 * length of the text, whatever it holds.
 *
 * @example
 * ```ts
 * parseMarkdown('**Note** : voir https://exemple.fr');
 * // [{ kind: 'paragraph', children: [{ kind: 'strong', … }, { kind: 'text', text: ' : voir ' }, { kind: 'link', … }] }]
 * ```
 */
export function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const closeParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (fence.test(line)) {
      const end = lines.findIndex((candidate, at) => at > index && fence.test(candidate));
      if (end !== -1) {
        closeParagraph();
        blocks.push({ kind: 'code-block', text: lines.slice(index + 1, end).join('\n') });
        index = end;
        continue;
      }
    }
    if (line.trim() === '') closeParagraph();
    else paragraph.push(line);
  }
  closeParagraph();
  return blocks;
}

/** Parses inline Markdown (no blocks): what {@link parseMarkdown} does inside a paragraph. */
export function parseInline(text: string): Inline[] {
  return new InlineParser(text).parse(0, text.length, 0);
}

const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}_]/u.test(char);
const isSpace = (char: string | undefined): boolean => char === undefined || /\s/.test(char);

class InlineParser {
  readonly #text: string;
  /** For each marker, a position from which no closing marker exists: later searches give up at once. */
  readonly #noCloserFrom = new Map<string, number>();
  /** For each marker, the last search: no occurrence lies in `[from, found)`, so it answers later searches in that span. */
  readonly #lastFound = new Map<string, { from: number; found: number }>();

  constructor(text: string) {
    this.#text = text;
  }

  /** The inline nodes of `text[start, end)`. */
  parse(start: number, end: number, depth: number): Inline[] {
    const text = this.#text;
    const nodes: Inline[] = [];
    let buffer = '';
    const pushText = (value: string) => {
      buffer += value;
    };
    const flush = () => {
      if (buffer !== '') nodes.push({ kind: 'text', text: buffer });
      buffer = '';
    };
    const push = (node: Inline) => {
      flush();
      nodes.push(node);
    };

    let at = start;
    while (at < end) {
      const char = text[at] as string;
      const next = text[at + 1];
      if (char === '\\' && next !== undefined && at + 1 < end && /[\\`*_[\]()@]/.test(next)) {
        pushText(next);
        at += 2;
        continue;
      }
      if (char === '\n') {
        push({ kind: 'break' });
        at += 1;
        continue;
      }
      if (char === '`') {
        const close = this.#closer('`', at + 1, end);
        if (close > at + 1) {
          push({ kind: 'code', text: text.slice(at + 1, close) });
          at = close + 1;
          continue;
        }
      }
      if (char === '*' && next === '*' && depth < maxDepth && !isSpace(text[at + 2])) {
        const close = this.#closer('**', at + 2, end);
        if (close > at + 2 && !isSpace(text[close - 1])) {
          push({ kind: 'strong', children: this.parse(at + 2, close, depth + 1) });
          at = close + 2;
          continue;
        }
      }
      if ((char === '*' || char === '_') && next !== char && depth < maxDepth && !isSpace(next)) {
        // `_` only around words, so that snake_case and URLs keep their underscores.
        const opens = char === '*' || !isWordChar(text[at - 1]);
        const close = opens ? this.#closer(char, at + 1, end) : -1;
        const closes = close > at + 1 && !isSpace(text[close - 1]) && (char === '*' || !isWordChar(text[close + 1]));
        if (closes) {
          push({ kind: 'emphasis', children: this.parse(at + 1, close, depth + 1) });
          at = close + 1;
          continue;
        }
      }
      if (char === '[') {
        const link = this.#linkAt(at, end);
        if (link !== undefined) {
          push({ kind: 'link', href: link.href, label: link.label });
          at = link.end;
          continue;
        }
      }
      if ((char === 'h' || char === 'H' || char === 'm' || char === 'M') && !isWordChar(text[at - 1])) {
        const url = bareUrlAt(text.slice(0, end), at);
        const href = url === undefined ? undefined : safeHref(url);
        if (url !== undefined && href !== undefined) {
          push({ kind: 'link', href, label: url });
          at += url.length;
          continue;
        }
      }
      if (char === '@' && !isWordChar(text[at - 1]) && text[at - 1] !== '.') {
        const match = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}/.exec(text.slice(at + 1, Math.min(end, at + 65)));
        if (match !== null) {
          push({ kind: 'mention', userId: match[0] });
          at += 1 + match[0].length;
          continue;
        }
      }
      pushText(char);
      at += 1;
    }
    flush();
    return nodes;
  }

  /** `[label](url)` at `at` with an allowed URL, or undefined. */
  #linkAt(at: number, end: number): { label: string; href: string; end: number } | undefined {
    const text = this.#text;
    const middle = this.#closer('](', at + 1, end);
    if (middle <= at + 1) return undefined;
    const label = text.slice(at + 1, middle);
    if (label.includes('\n') || label.includes('[')) return undefined;
    const close = this.#closer(')', middle + 2, end);
    if (close <= middle + 2) return undefined;
    const href = safeHref(text.slice(middle + 2, close).trim());
    return href === undefined ? undefined : { label, href, end: close + 1 };
  }

  /** The position of `marker` at or after `from` and before `end`, or -1. */
  #closer(marker: string, from: number, end: number): number {
    const hopeless = this.#noCloserFrom.get(marker);
    if (hopeless !== undefined && from >= hopeless) return -1;
    const last = this.#lastFound.get(marker);
    const found = last !== undefined && last.from <= from && last.found >= from ? last.found : this.#text.indexOf(marker, from);
    if (found !== -1) this.#lastFound.set(marker, { from: Math.min(from, last !== undefined && last.found === found ? last.from : from), found });
    if (found === -1) {
      this.#noCloserFrom.set(marker, Math.min(from, hopeless ?? from));
      return -1;
    }
    return found + marker.length <= end ? found : -1;
  }
}
