import { css } from 'lit';

export const inboxStyles = css`
  :host {
    display: inline-block;
    position: relative;
    --_panel-inline-size: var(--bureau-inbox-panel-inline-size, 24rem);
    --_badge: var(--bureau-inbox-badge-color, #b3261e);
  }

  [part='bell'] {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }

  [part='count'] {
    min-inline-size: 1.25rem;
    padding: 0 0.3rem;
    border-radius: 999px;
    background: var(--_badge);
    color: #fff;
    font-size: 0.8em;
    font-weight: 600;
    text-align: center;
  }

  [part='panel'] {
    position: absolute;
    inset-inline-end: 0;
    z-index: 10;
    inline-size: min(var(--_panel-inline-size), 90vw);
    max-block-size: 70vh;
    overflow: auto;
    margin-block-start: 0.25rem;
    padding: 0.5rem;
    border: 1px solid var(--bureau-border-color, #ccc);
    border-radius: var(--bureau-radius, 0.25rem);
    background: var(--bureau-background, #fff);
    color: var(--bureau-color, inherit);
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.15);
  }

  [part='panel'][hidden] {
    display: none;
  }

  .panel-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }

  h2 {
    margin: 0;
    font-size: 1rem;
  }

  ul {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
  }

  li + li {
    border-block-start: 1px solid var(--bureau-border-color, #e5e5e5);
  }

  [part~='item'] {
    display: block;
    inline-size: 100%;
    padding: 0.5rem;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    text-decoration: none;
    cursor: pointer;
  }

  [part~='item']:focus-visible {
    outline: 2px solid var(--bureau-focus-color, #000091);
    outline-offset: -2px;
  }

  [part~='unread'] {
    font-weight: 600;
  }

  .excerpt,
  time {
    display: block;
    font-weight: normal;
    opacity: 0.85;
  }

  time {
    font-size: 0.85em;
  }
`;
