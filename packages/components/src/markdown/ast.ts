/**
 * The small Markdown subset Bureau messages use, as a tree that only ever holds text: a renderer
 * turns it into elements with lit templates, so no character of a message can become markup.
 */

/** Plain text. Line breaks inside a paragraph are `break` nodes. */
export interface TextNode {
  kind: 'text';
  text: string;
}

/** `**bold**`. */
export interface StrongNode {
  kind: 'strong';
  children: Inline[];
}

/** `*italic*` or `_italic_`. */
export interface EmphasisNode {
  kind: 'emphasis';
  children: Inline[];
}

/** `` `code` ``. */
export interface CodeNode {
  kind: 'code';
  text: string;
}

/**
 * A link, written `[label](url)` or as a bare URL. `href` is always an absolute `http:`, `https:`
 * or `mailto:` URL, normalised by the URL parser; anything else stays text.
 */
export interface LinkNode {
  kind: 'link';
  href: string;
  label: string;
}

/** `@userId`: a mention of a person (whether that person exists is the renderer's business). */
export interface MentionNode {
  kind: 'mention';
  userId: string;
}

/** A line break inside a paragraph. */
export interface BreakNode {
  kind: 'break';
}

export type Inline = TextNode | StrongNode | EmphasisNode | CodeNode | LinkNode | MentionNode | BreakNode;

/** Text between blank lines. */
export interface ParagraphNode {
  kind: 'paragraph';
  children: Inline[];
}

/** A fenced block between two lines of three backticks; its text is shown as it is. */
export interface CodeBlockNode {
  kind: 'code-block';
  text: string;
}

export type Block = ParagraphNode | CodeBlockNode;
