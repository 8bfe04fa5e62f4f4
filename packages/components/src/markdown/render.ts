import { html, nothing, type TemplateResult } from 'lit';
import type { Block, Inline } from './ast.js';
import { parseMarkdown } from './parse.js';

/** How to show `@mentions`. */
export interface MentionOptions {
  /** The ids the server recognised as mentions (a message's `mentions`); other `@words` stay text. */
  mentions?: ReadonlySet<string> | undefined;
  /** The person's display name, when known; the id is shown otherwise. */
  nameOf?: ((userId: string) => string | undefined) | undefined;
  /** The reader's id: a mention of them is marked `part="mention mention-self"`. */
  selfId?: string | undefined;
}

/**
 * A message's text as lit templates: Markdown subset as elements, everything else as text nodes.
 * Nothing is ever parsed as HTML (no `innerHTML`, no `unsafeHTML`): lit binds each piece of text
 * as text and each link's `href` as an attribute, and only `http:`, `https:` and `mailto:` URLs
 * become links, opened in a new browsing context with `rel="noopener noreferrer"`.
 *
 * Parts inside the output: `paragraph`, `code-block`, `code`, `link`, `mention` (and
 * `mention-self`), for the host's `::part()` rules.
 */
export function renderMarkdown(text: string, options: MentionOptions = {}): TemplateResult {
  return renderBlocks(parsedOnce(text), options);
}

/**
 * Blocks parsed by `parseMarkdown` as templates, like `renderMarkdown` but without its cache: for a
 * draft previewed on every keystroke, whose texts would otherwise fill the cache.
 */
export function renderBlocks(blocks: readonly Block[], options: MentionOptions = {}): TemplateResult {
  return html`${blocks.map((block) => renderBlock(block, options))}`;
}

/** Texts already parsed (a message is rendered again on every change of its list, parsed once). */
const parsed = new Map<string, readonly Block[]>();

function parsedOnce(text: string): readonly Block[] {
  let blocks = parsed.get(text);
  if (blocks === undefined) {
    blocks = parseMarkdown(text);
    // Bounded: a long session's texts do not pile up.
    if (parsed.size >= 10_000) parsed.delete(parsed.keys().next().value as string);
    parsed.set(text, blocks);
  }
  return blocks;
}

function renderBlock(block: Block, options: MentionOptions): TemplateResult {
  if (block.kind === 'code-block') return html`<pre part="code-block"><code>${block.text}</code></pre>`;
  return html`<p part="paragraph">${renderInlines(block.children, options)}</p>`;
}

/** Inline nodes as templates. */
export function renderInlines(nodes: readonly Inline[], options: MentionOptions): Array<TemplateResult | string | typeof nothing> {
  return nodes.map((node) => renderInline(node, options));
}

function renderInline(node: Inline, options: MentionOptions): TemplateResult | string | typeof nothing {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'break':
      return html`<br>`;
    case 'strong':
      return html`<strong>${renderInlines(node.children, options)}</strong>`;
    case 'emphasis':
      return html`<em>${renderInlines(node.children, options)}</em>`;
    case 'code':
      return html`<code part="code">${node.text}</code>`;
    case 'link':
      return html`<a part="link" href=${node.href} rel="noopener noreferrer" target="_blank">${node.label}</a>`;
    case 'mention': {
      if (options.mentions?.has(node.userId) !== true) return `@${node.userId}`;
      const name = options.nameOf?.(node.userId) ?? node.userId;
      const self = node.userId === options.selfId;
      return html`<span part=${self ? 'mention mention-self' : 'mention'} class=${self ? 'mention self' : 'mention'}>@${name}</span>`;
    }
  }
}
