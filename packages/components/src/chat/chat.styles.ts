import { css } from 'lit';

export const chatStyles = css`
  :host {
    --_block-size: var(--bureau-chat-block-size, 32rem);
    --_chat-background: var(--bureau-chat-background, var(--_background));
    --_own-background: var(--bureau-chat-own-background, var(--_surface));
    --_mention-background: var(--bureau-chat-mention-background, light-dark(#fff3c4, #4a3f12));
    --_new-marker-color: var(--bureau-chat-new-marker-color, var(--_danger));
    --_thread-inline-size: var(--bureau-chat-thread-inline-size, 22rem);

    display: block;
  }

  .base {
    display: flex;
    gap: var(--_spacing);
    block-size: var(--_block-size);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_chat-background);
    overflow: hidden;
  }

  .main {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-inline-size: 0;
    padding: var(--_spacing);
    gap: calc(var(--_spacing) * 0.5);
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_spacing);
    align-items: baseline;
  }

  .room-name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }

  .header-tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_spacing) * 0.5);
    margin-inline-start: auto;
  }

  .presence {
    color: var(--_text-muted);
    font-size: 0.875em;
  }

  .presence-dot {
    display: inline-block;
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: var(--bureau-chat-presence-color, #18753c);
    /* Not colour alone: the count next to it says it, and forced colours keep a ring. */
    outline: 1px solid transparent;
  }

  .archived-badge {
    padding: 0 0.4em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_text-muted);
    font-size: 0.8em;
  }

  .archived-notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_spacing);
  }

  .archived-notice p {
    margin: 0;
  }

  .topic,
  .hint,
  time,
  .edited,
  .pending,
  .typing {
    color: var(--_text-muted);
    font-size: 0.875em;
  }

  .offline,
  .state {
    margin: 0;
    padding: calc(var(--_spacing) * 0.75) var(--_spacing);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .offline {
    border-inline-start: 4px solid var(--_danger);
  }

  .state.error {
    color: var(--_danger);
  }

  .older {
    align-self: center;
  }

  /* The list keeps the reader's place itself (internal/window.ts), the same in every browser. */
  .log {
    flex: 1 1 auto;
    min-block-size: 8rem;
    overflow-y: auto;
    overscroll-behavior: contain;
    overflow-anchor: none;
    /* Its size comes from the layout around it, never from its rows: a row laid out (scrolled into
       view, mounted, measured) lays out the list alone, not the page. */
    contain: strict;
  }

  .rows {
    position: relative;
  }

  /* Rows out of view cost no layout or paint. Not while hovered or focused: their actions overflow. */
  .rows > :not(:hover, :focus-within) {
    content-visibility: auto;
    contain-intrinsic-block-size: auto 3.5rem;
  }

  .day,
  .new-marker {
    display: flex;
    align-items: center;
    gap: var(--_spacing);
    inline-size: 100%;
    padding-block: calc(var(--_spacing) * 0.5);
    color: var(--_text-muted);
    font-size: 0.875em;
  }

  .day::before,
  .day::after,
  .new-marker::before,
  .new-marker::after {
    content: '';
    flex: 1 1 auto;
    border-block-start: 1px solid var(--_border);
  }

  .new-marker {
    color: var(--_new-marker-color);
    font-weight: 600;
  }

  .new-marker::before,
  .new-marker::after {
    border-color: var(--_new-marker-color);
  }

  .message {
    position: relative;
    inline-size: 100%;
    padding: calc(var(--_spacing) * 0.5) var(--_spacing);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }

  .message.continued {
    padding-block-start: 0;
  }

  .message:hover,
  .message:focus-within {
    background: var(--_surface);
  }

  [part~='message-own'] {
    background: var(--_own-background);
  }

  .message.found {
    box-shadow: inset 4px 0 0 var(--_accent);
    background: var(--_mention-background);
  }

  .search {
    position: relative;
    display: flex;
    gap: calc(var(--_spacing) * 0.5);
    margin-inline-start: auto;
    align-items: center;
  }

  .search-field {
    inline-size: 12rem;
    max-inline-size: 40vw;
    padding: calc(var(--_spacing) * 0.25) calc(var(--_spacing) * 0.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    color: inherit;
    background: var(--_background);
  }

  .search-scope {
    font: inherit;
    color: inherit;
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .search-popup {
    position: absolute;
    inset-block-start: calc(100% + 2px);
    inset-inline-end: 0;
    z-index: 2;
    inline-size: min(28rem, 80vw);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }

  .search-status {
    margin: 0;
    padding: calc(var(--_spacing) * 0.5) var(--_spacing);
    color: var(--_text-muted);
    font-size: 0.875em;
  }

  .search-results {
    max-block-size: 20rem;
    overflow-y: auto;
    margin: 0;
    padding: 0;
    list-style: none;
    border-block-start: 1px solid var(--_border);
  }

  .search-result {
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
    padding: calc(var(--_spacing) * 0.5) var(--_spacing);
    cursor: pointer;
    border-block-end: 1px solid var(--_border);
  }

  .search-result.active,
  .search-result:hover {
    background: var(--_surface);
    outline: var(--_focus-ring-width) solid var(--_focus-ring-color);
    outline-offset: -2px;
  }

  .search-meta {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_spacing) * 0.5);
    font-size: 0.875em;
    color: var(--_text-muted);
  }

  .search-text {
    overflow-wrap: anywhere;
  }

  .search-text mark {
    background: var(--_mention-background);
    color: inherit;
    font-weight: 700;
  }

  .meta {
    display: flex;
    gap: var(--_spacing);
    align-items: baseline;
  }

  .author {
    font-weight: 700;
  }

  .text p {
    margin: 0;
  }

  .text pre {
    margin: calc(var(--_spacing) * 0.5) 0;
    padding: calc(var(--_spacing) * 0.5);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow-x: auto;
    white-space: pre-wrap;
  }

  .text code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.9em;
  }

  .text a {
    color: var(--_accent);
  }

  .mention {
    border-radius: calc(var(--_radius) * 0.5);
    padding-inline: 0.15em;
    color: var(--_accent);
    font-weight: 600;
  }

  .mention.self {
    background: var(--_mention-background);
    color: var(--_text);
  }

  .deleted {
    font-style: italic;
    color: var(--_text-muted);
  }

  .pending,
  .failure p {
    margin: 0;
  }

  .failure {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_spacing) * 0.5);
    align-items: center;
    color: var(--_danger);
  }

  .attachments,
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_spacing) * 0.5);
    margin: calc(var(--_spacing) * 0.25) 0 0;
    padding: 0;
    list-style: none;
  }

  .reactions button,
  .actions button {
    min-block-size: 2rem;
    padding: 0 calc(var(--_spacing) * 0.75);
    border-color: var(--_border);
    color: var(--_text);
  }

  .reactions button[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_surface);
    font-weight: 600;
  }

  /* Over the message's top corner, shown on hover and keyboard focus: rows keep their height. */
  .actions {
    position: absolute;
    inset-block-start: calc(var(--_spacing) * -0.25);
    inset-inline-end: var(--_spacing);
    display: flex;
    gap: calc(var(--_spacing) * 0.25);
    padding: calc(var(--_spacing) * 0.25);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    opacity: 0;
    pointer-events: none;
  }

  .message:hover .actions,
  .message:focus-within .actions {
    opacity: 1;
    pointer-events: auto;
  }

  /* Touch screens have no hover: the buttons stay in the flow, always visible. */
  @media (hover: none) {
    .actions {
      position: static;
      opacity: 1;
      pointer-events: auto;
      border: 0;
      padding: 0;
      margin-block-start: calc(var(--_spacing) * 0.25);
    }
  }

  button.link {
    border: 0;
    padding: 0;
    min-block-size: auto;
    text-decoration: underline;
    background: none;
  }

  button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_on-accent);
  }

  .edit {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_spacing) * 0.5);
  }

  .edit textarea,
  .composer textarea {
    flex: 1 1 12rem;
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_spacing) * 0.5);
    resize: vertical;
  }

  .typing {
    min-block-size: 1.5em;
    margin: 0;
  }

  .composer {
    position: relative;
  }

  .composer label {
    display: block;
    font-weight: 600;
  }

  .composer-row {
    display: flex;
    /* On a narrow screen the buttons go under the field, which keeps a usable width. */
    flex-wrap: wrap;
    gap: calc(var(--_spacing) * 0.5);
    align-items: flex-end;
  }

  .hint {
    margin: 0;
  }

  .mentions {
    position: absolute;
    inset-block-end: 100%;
    inset-inline-start: 0;
    z-index: 1;
    min-inline-size: 14rem;
    margin: 0;
    padding: calc(var(--_spacing) * 0.25);
    list-style: none;
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }

  .mentions [role='option'] {
    padding: calc(var(--_spacing) * 0.5);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  .mentions [aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .mention-id {
    opacity: 0.8;
    font-size: 0.875em;
  }

  .read-only {
    margin: 0;
    color: var(--_text-muted);
  }

  .thread {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_spacing) * 0.5);
    inline-size: var(--_thread-inline-size);
    flex: 0 0 auto;
    padding: var(--_spacing);
    border-inline-start: 1px solid var(--_border);
    overflow-y: auto;
  }

  .thread-header {
    display: flex;
    justify-content: space-between;
    align-items: center;
  }

  .thread-title,
  .dialog-title {
    margin: 0;
    font-weight: 700;
  }

  .thread-replies {
    flex: 1 1 auto;
  }

  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
    max-inline-size: 28rem;
  }

  .dialog-buttons {
    display: flex;
    justify-content: flex-end;
    gap: var(--_spacing);
  }


  @media (max-width: 40rem) {
    .base {
      flex-direction: column;
      block-size: auto;
    }

    .main {
      block-size: var(--_block-size);
    }

    .thread {
      inline-size: auto;
      border-inline-start: 0;
      border-block-start: 1px solid var(--_border);
    }
  }
`;
