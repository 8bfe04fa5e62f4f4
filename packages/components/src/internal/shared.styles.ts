import { css } from 'lit';

/**
 * Styles every Bureau element shares: the neutral default theme, read from the public
 * `--bureau-*` tokens into private `--_*` properties. Colours use `light-dark()`, and every element
 * sets its own `color-scheme` from `--bureau-color-scheme` (light by default, whatever the page or
 * the system says): the `theme` attribute of an element sets that token for it and every Bureau
 * element inside it, and makes it paint its own background.
 */
export const sharedStyles = css`
  :host([theme='light']) {
    --bureau-color-scheme: light;
  }

  :host([theme='dark']) {
    --bureau-color-scheme: dark;
  }

  :host([theme='auto']) {
    --bureau-color-scheme: light dark;
  }

  :host([theme]) {
    background-color: var(--_background);
  }

  :host {
    color-scheme: var(--bureau-color-scheme, light);
    --_background: var(--bureau-color-background, light-dark(#ffffff, #1b1c1f));
    --_surface: var(--bureau-color-surface, light-dark(#f4f5f7, #26282c));
    --_text: var(--bureau-color-text, light-dark(#1d1f23, #eceef1));
    --_text-muted: var(--bureau-color-text-muted, light-dark(#555a63, #b3b8c0));
    --_border: var(--bureau-color-border, light-dark(#c9ced6, #4a4f57));
    --_accent: var(--bureau-color-accent, light-dark(#2f4fb0, #9db2f0));
    --_on-accent: var(--bureau-color-on-accent, light-dark(#ffffff, #111318));
    --_danger: var(--bureau-color-danger, light-dark(#b3261e, #f2b8b5));
    --_radius: var(--bureau-radius, 0.375rem);
    --_spacing: var(--bureau-spacing, 0.5rem);
    --_font-family: var(--bureau-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--bureau-font-size, 1rem);
    --_focus-ring-color: var(--bureau-focus-ring-color, light-dark(#2f4fb0, #9db2f0));
    --_focus-ring-width: var(--bureau-focus-ring-width, 2px);

    box-sizing: border-box;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_text);
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus-ring-color);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    cursor: pointer;
    min-block-size: 2.25rem;
    padding: calc(var(--_spacing) * 0.5) calc(var(--_spacing) * 1.5);
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_background);
    color: var(--_accent);
  }

  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  /* Read by screen readers, not shown: hints, live regions, labels of icon-only buttons. */
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
