import { css } from 'lit';

/** Styles of the inbox's panel, adopted by the element's shadow root when the panel's chunk comes. */
export const inboxPanelStyles = css`
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

  .preferences fieldset {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0.5rem 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .preferences label {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
  }

  .preferences-status {
    margin: 0.25rem 0;
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
