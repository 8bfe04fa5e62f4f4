import { css } from 'lit';

export const clientStyles = css`
  :host {
    display: block;
  }

  .status {
    --_status-background: var(--bureau-client-status-background, var(--_surface));

    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_spacing);
    padding: var(--_spacing) calc(var(--_spacing) * 1.5);
    margin-block-end: var(--_spacing);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_status-background);
    color: var(--_text);
  }

  .message {
    margin: 0;
    flex: 1 1 auto;
  }

  .message.error {
    color: var(--_danger);
    font-weight: 600;
  }

  .dev-users {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_spacing) * 0.5);
    margin: 0;
    padding: 0;
    border: 0;
  }

  .dev-users legend {
    float: inline-start;
    margin-inline-end: var(--_spacing);
    padding: 0;
    color: var(--_text-muted);
  }

  .dev-users ul {
    display: contents;
    list-style: none;
  }
`;
