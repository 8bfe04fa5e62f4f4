/**
 * The safe Markdown subset of Bureau messages: parsed into a text-only tree, rendered with lit
 * templates, never as HTML.
 * @packageDocumentation
 */
export { parseMarkdown, parseInline } from './parse.js';
export { renderBlocks, renderMarkdown } from './render.js';
export type { MentionOptions } from './render.js';
export { safeHref } from './links.js';
export type * from './ast.js';
