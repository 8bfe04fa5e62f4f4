import { css } from 'lit';

/** Styles of `<bureau-files>`. Public tokens: `--bureau-files-*` (see the element's JSDoc). */
export const filesStyles = css`
  :host {
    --_block-size: var(--bureau-files-block-size, 28rem);
    --_cell: var(--bureau-files-item-min-inline-size, 9rem);
    --_selected: var(--bureau-files-selected-background, light-dark(#e3e9fb, #2c3654));
    --_drop: var(--bureau-files-drop-background, light-dark(#eef2fd, #222a40));
    --_progress: var(--bureau-files-progress-color, var(--_accent));
    display: block;
  }


  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_spacing);
    padding: var(--_spacing);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }

  .base.over {
    background: var(--_drop);
    outline: 2px dashed var(--_accent);
    outline-offset: -4px;
  }

  .breadcrumb ol {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .breadcrumb li + li::before {
    content: '/';
    margin-inline-end: 0.25rem;
    color: var(--_text-muted);
  }

  button.link {
    border: none;
    background: none;
    padding: 0;
    min-block-size: auto;
    text-decoration: underline;
  }

  .toolbar,
  .actions,
  .new-folder {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_spacing) * 0.75);
  }

  .actions {
    min-block-size: 2.25rem;
  }

  .icon {
    inline-size: 1.25em;
    block-size: 1.25em;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    align-self: center;
  }

  .views {
    display: inline-flex;
    gap: 0.25rem;
  }

  [aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }

  select,
  input:not([type='radio']) {
    font: inherit;
    min-block-size: 2.25rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
  }

  .drop-zone,
  .read-only,
  .usage {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_spacing) * 0.5);
    margin: var(--_spacing) 0 0;
    color: var(--_text-muted);
    font-size: 0.875em;
  }

  .usage meter {
    inline-size: min(12rem, 100%);
  }

  .state {
    margin: 0;
    color: var(--_text-muted);
  }

  .state.error {
    color: var(--_danger);
  }

  .list {
    margin: 0;
    padding: 0;
    list-style: none;
    max-block-size: var(--_block-size);
    overflow: auto;
  }

  .list.grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--_cell), 1fr));
    gap: var(--_spacing);
  }

  .entry {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5rem;
    inline-size: 100%;
    text-align: start;
    border: 1px solid transparent;
    background: none;
    color: var(--_text);
  }

  .list.grid .entry {
    grid-template-columns: 1fr;
    justify-items: center;
    text-align: center;
    block-size: 100%;
  }

  .list.grid .icon {
    inline-size: 2.5em;
    block-size: 2.5em;
  }

  .item.selected .entry {
    background: var(--_selected);
    border-color: var(--_accent);
  }

  .name {
    overflow-wrap: anywhere;
    font-weight: 600;
  }

  .meta {
    grid-column: 2;
    font-size: 0.875em;
    color: var(--_text-muted);
  }

  .list.grid .meta {
    grid-column: 1;
  }

  .uploads ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--_spacing);
  }

  .uploads-title {
    font-size: 1em;
    margin: 0;
  }

  .upload {
    display: grid;
    gap: 0.25rem;
  }

  .upload progress {
    inline-size: 100%;
    accent-color: var(--_progress);
  }

  .upload-status {
    font-size: 0.875em;
    color: var(--_text-muted);
  }

  .upload-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }

  .pick {
    display: inline-flex;
    align-items: center;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    color: var(--_accent);
    cursor: pointer;
  }

  .pick:focus-within {
    outline: var(--_focus-ring-width) solid var(--_focus-ring-color);
  }

  .toast {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_spacing);
    padding: var(--_spacing);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  dialog {
    max-inline-size: min(48rem, 95vw);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
  }

  dialog h2 {
    font-size: 1.125em;
    margin-block-start: 0;
    overflow-wrap: anywhere;
  }

  dialog form:not(.dialog-close) {
    display: grid;
    gap: 0.5rem;
  }

  .dialog-close {
    margin-block-start: var(--_spacing);
  }

  .preview {
    display: block;
    max-inline-size: 100%;
    max-block-size: 70vh;
  }

  iframe.preview {
    inline-size: min(44rem, 90vw);
    block-size: 70vh;
    border: 0;
  }

  .choice {
    display: block;
  }

  .versions,
  .share-links {
    display: grid;
    gap: var(--_spacing);
    padding-inline-start: 1.25rem;
  }

  .share-links {
    list-style: none;
    padding: 0;
  }
`;
