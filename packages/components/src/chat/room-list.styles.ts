import { css } from 'lit';

export const roomListStyles = css`
  :host {
    --_selected-background: var(--bureau-room-list-selected-background, var(--_surface));
    --_badge-background: var(--bureau-room-list-badge-background, var(--_accent));
    --_badge-color: var(--bureau-room-list-badge-color, var(--_on-accent));

    display: block;
  }

  nav {
    display: block;
  }

  .title {
    margin: 0 0 calc(var(--_spacing) * 0.5);
    font-weight: 700;
  }

  ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: calc(var(--_spacing) * 0.25);
  }

  button {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0 var(--_spacing);
    inline-size: 100%;
    text-align: start;
    border-color: transparent;
    color: var(--_text);
    background: transparent;
  }

  button:hover,
  button[aria-current='true'] {
    background: var(--_selected-background);
    border-color: var(--_border);
  }

  button[aria-current='true'] .name {
    font-weight: 700;
  }

  .name::before {
    content: '# ';
    color: var(--_text-muted);
  }

  .preview {
    grid-column: 1 / -1;
    color: var(--_text-muted);
    font-size: 0.875em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .badge {
    align-self: center;
    min-inline-size: 1.5em;
    padding: 0 0.4em;
    border-radius: 1em;
    background: var(--_badge-background);
    color: var(--_badge-color);
    font-size: 0.8em;
    font-weight: 700;
    text-align: center;
  }

  .state {
    margin: 0;
    color: var(--_text-muted);
  }

  .state.error {
    color: var(--_danger);
  }

  .archived {
    margin-block-start: var(--_spacing);
  }

  summary {
    cursor: pointer;
    color: var(--_text-muted);
    padding-block: calc(var(--_spacing) * 0.25);
  }

  .archived .name {
    color: var(--_text-muted);
  }
`;
